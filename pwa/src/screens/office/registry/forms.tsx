/**
 * The registry's forms, shared by the list screens (add) and the detail screens (edit):
 * an organisation, a member (with an organisation picker over the server's search), each
 * showing the server's errors on their fields and the rest below the form.
 */
import { useEffect, useState } from 'preact/hooks';
import { FieldError, type Option, SelectField, TextField, draftFields } from '../../../components/fields';
import { FormActions, useFormSend } from '../../../components/form-send';
import { ErrorState } from '../../../components/states';
import type { ServerError } from '../../../data/db';
import { type MemberInput, type OrganizationInput, createMember, fetchOrganizations, updateMember } from '../../../data/registry';
import { useI18n } from '../../../i18n';
import { UnitFilter, fieldError, kindOptions, otherErrors, qualificationOptions, roleOptions, useDebounced } from './parts';

const ORGANIZATION_FIELDS = ['name', 'kind', 'adminUnitCode', 'contactPhone', 'contactEmail', 'address'];

export function OrganizationForm({
  initial,
  submitLabel,
  onSave,
  onCancel,
}: {
  initial: OrganizationInput;
  submitLabel: string;
  onSave: (input: OrganizationInput) => Promise<{ id: string | null; errors: ServerError[] }>;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [form, setForm] = useState<OrganizationInput>(initial);
  const { errors, working, submit } = useFormSend(t('reg.saveFailed'));
  const set = (field: keyof OrganizationInput, value: string): void => setForm((now) => ({ ...now, [field]: value }));
  const field = draftFields(form, set, (key) => fieldError(errors, key));
  const save = submit(async () => (await onSave({ ...form, name: form.name.trim() })).errors);

  const other = otherErrors(errors, ORGANIZATION_FIELDS);
  return (
    <form class="card reg-form" onSubmit={save} noValidate>
      <div class="reg-grid">
        <div>
          <TextField id="org-name" label={t('reg.org.name')} {...field.text('name')} />
        </div>
        <div>
          <SelectField id="org-kind" label={t('reg.org.kind')} placeholder={t('reg.choose')} options={kindOptions(t)} {...field.choice('kind')} />
        </div>
        <div>
          <UnitFilter
            id="org-unit"
            label={t('reg.org.unit')}
            placeholder={t('reg.choose')}
            value={form.adminUnitCode}
            onChange={(code) => set('adminUnitCode', code)}
          />
        </div>
        <div>
          <TextField id="org-phone" type="tel" label={t('reg.org.contactPhone')} {...field.text('contactPhone')} />
        </div>
        <div>
          <TextField id="org-email" type="email" label={t('reg.org.contactEmail')} {...field.text('contactEmail')} />
        </div>
        <div>
          <TextField id="org-address" label={t('reg.org.address')} {...field.text('address')} />
        </div>
      </div>
      <FieldError message={fieldError(errors, 'adminUnitCode')} />
      {other && <ErrorState message={other} />}
      <FormActions working={working} workingLabel={t('reg.saving')} submitLabel={submitLabel} onCancel={onCancel} />
    </form>
  );
}

export const EMPTY_ORGANIZATION: OrganizationInput = { name: '', kind: '', adminUnitCode: '', contactPhone: '', contactEmail: '', address: '' };

const MEMBER_FIELDS = ['fullName', 'organizationId', 'position', 'phone', 'email', 'nationalId', 'itQualification', 'roles', 'joinedOn'];

export function emptyMember(organizationId = ''): MemberInput {
  return { fullName: '', organizationId, position: '', phone: '', email: '', nationalId: '', itQualification: 'NONE', roles: [], joinedOn: '' };
}

/** Choose an organisation by searching its name (the server's search, 20 at a time). */
function OrganizationPicker({
  value,
  current,
  onChange,
  error,
}: {
  value: string;
  /** The organisation chosen so far (editing a member), kept among the choices. */
  current?: Option;
  onChange: (id: string) => void;
  error: string | null;
}) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const [options, setOptions] = useState<Option[]>([]);
  const settled = useDebounced(search);
  useEffect(() => {
    let live = true;
    fetchOrganizations({ search: settled, adminUnitCode: '', kind: '', includeInactive: false }, null).then(
      (page) => live && setOptions(page.nodes.map((o) => ({ value: o.id, label: `${o.name} — ${o.adminUnit.name}` }))),
      () => live && setOptions([]),
    );
    return () => {
      live = false;
    };
  }, [settled]);
  return (
    <div class="picker">
      <TextField id="member-org-search" type="search" label={t('reg.member.findOrganization')} value={search} onInput={(e) => setSearch(e.currentTarget.value)} />
      <SelectField
        id="member-org"
        label={t('reg.member.organization')}
        value={value}
        placeholder={t('reg.choose')}
        options={current && !options.some((o) => o.value === current.value) ? [current, ...options] : options}
        error={error}
        onChange={(e) => onChange(e.currentTarget.value)}
      />
    </div>
  );
}

export function MemberForm({
  initial,
  memberId,
  organizationName,
  currentOrganization,
  piiShown,
  submitLabel,
  onCancel,
  onDone,
}: {
  initial: MemberInput;
  memberId?: string;
  /** The organisation, when it is fixed (adding from its page); otherwise a picker. */
  organizationName?: string;
  /** The member's organisation so far, when editing (the picker starts on it). */
  currentOrganization?: Option;
  /** The viewer may read (so may change) phone, email and ID number. */
  piiShown: boolean;
  submitLabel: string;
  onCancel: () => void;
  onDone: (id: string) => void;
}) {
  const { t } = useI18n();
  const [form, setForm] = useState<MemberInput>(initial);
  const { errors, working, submit } = useFormSend(t('reg.saveFailed'));
  const set = <K extends keyof MemberInput>(field: K, value: MemberInput[K]): void => setForm((now) => ({ ...now, [field]: value }));
  const field = draftFields(form, set, (key) => fieldError(errors, key));
  const save = submit(async () => {
    const input = { ...form, fullName: form.fullName.trim() };
    const saved = memberId ? await updateMember(memberId, input, piiShown) : await createMember(input);
    if (saved.id && saved.errors.length === 0) onDone(saved.id);
    return saved.errors;
  });

  const other = otherErrors(errors, MEMBER_FIELDS);
  return (
    <form class="card reg-form" onSubmit={save} noValidate>
      <div class="reg-grid">
        <div>
          <TextField id="member-name" label={t('reg.member.fullName')} {...field.text('fullName')} />
        </div>
        <div>
          {organizationName ? (
            <p class="field">
              <span>{t('reg.member.organization')}</span>
              <strong>{organizationName}</strong>
            </p>
          ) : (
            <OrganizationPicker
              value={form.organizationId}
              current={currentOrganization}
              onChange={(id) => set('organizationId', id)}
              error={fieldError(errors, 'organizationId')}
            />
          )}
        </div>
        <div>
          <TextField id="member-position" label={t('reg.member.position')} {...field.text('position')} />
        </div>
        <div>
          <SelectField id="member-qualification" label={t('reg.member.qualification')} options={qualificationOptions(t)} {...field.choice('itQualification')} />
        </div>
        {piiShown && (
          <>
            <div>
              <TextField id="member-phone" type="tel" label={t('reg.member.phone')} {...field.text('phone')} />
            </div>
            <div>
              <TextField id="member-email" type="email" label={t('reg.member.email')} {...field.text('email')} />
            </div>
            <div>
              <TextField id="member-national-id" label={t('reg.member.nationalId')} {...field.text('nationalId')} />
            </div>
          </>
        )}
        <div>
          <TextField id="member-joined" type="date" label={t('reg.member.joinedOn')} {...field.text('joinedOn')} />
        </div>
      </div>
      <fieldset class="question">
        <legend>{t('reg.member.roles')}</legend>
        <div class="choices">
          {roleOptions(t).map((role) => (
            <label class="choice" key={role.value}>
              <input
                type="checkbox"
                checked={form.roles.includes(role.value)}
                onChange={(e) => {
                  const checked = e.currentTarget.checked;
                  set('roles', checked ? [...form.roles, role.value] : form.roles.filter((r) => r !== role.value));
                }}
              />
              {role.label}
            </label>
          ))}
        </div>
        {fieldError(errors, 'roles') && <p class="error">{fieldError(errors, 'roles')}</p>}
      </fieldset>
      {other && <ErrorState message={other} />}
      <FormActions working={working} workingLabel={t('reg.saving')} submitLabel={submitLabel} onCancel={onCancel} />
    </form>
  );
}
