/**
 * The registry's forms, shared by the list screens (add) and the detail screens (edit):
 * an organisation, a member (with an organisation picker over the server's search), each
 * showing the server's errors on their fields and the rest below the form.
 */
import { useEffect, useState } from 'preact/hooks';
import { type Option, SelectField, TextField } from '../../../components/fields';
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
  const save = submit(async () => (await onSave({ ...form, name: form.name.trim() })).errors);

  const other = otherErrors(errors, ORGANIZATION_FIELDS);
  return (
    <form class="card reg-form" onSubmit={save} noValidate>
      <div class="reg-grid">
        <div>
          <TextField id="org-name" label={t('reg.org.name')} value={form.name} error={fieldError(errors, 'name')} onInput={(e) => set('name', e.currentTarget.value)} />
        </div>
        <div>
          <SelectField
            id="org-kind"
            label={t('reg.org.kind')}
            value={form.kind}
            placeholder={t('reg.choose')}
            options={kindOptions(t)}
            error={fieldError(errors, 'kind')}
            onChange={(e) => set('kind', e.currentTarget.value)}
          />
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
          <TextField
            id="org-phone"
            type="tel"
            label={t('reg.org.contactPhone')}
            value={form.contactPhone}
            error={fieldError(errors, 'contactPhone')}
            onInput={(e) => set('contactPhone', e.currentTarget.value)}
          />
        </div>
        <div>
          <TextField
            id="org-email"
            type="email"
            label={t('reg.org.contactEmail')}
            value={form.contactEmail}
            error={fieldError(errors, 'contactEmail')}
            onInput={(e) => set('contactEmail', e.currentTarget.value)}
          />
        </div>
        <div>
          <TextField id="org-address" label={t('reg.org.address')} value={form.address} error={fieldError(errors, 'address')} onInput={(e) => set('address', e.currentTarget.value)} />
        </div>
      </div>
      {fieldError(errors, 'adminUnitCode') && (
        <p class="error" role="alert">
          {fieldError(errors, 'adminUnitCode')}
        </p>
      )}
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
          <TextField id="member-name" label={t('reg.member.fullName')} value={form.fullName} error={fieldError(errors, 'fullName')} onInput={(e) => set('fullName', e.currentTarget.value)} />
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
          <TextField id="member-position" label={t('reg.member.position')} value={form.position} error={fieldError(errors, 'position')} onInput={(e) => set('position', e.currentTarget.value)} />
        </div>
        <div>
          <SelectField
            id="member-qualification"
            label={t('reg.member.qualification')}
            value={form.itQualification}
            options={qualificationOptions(t)}
            error={fieldError(errors, 'itQualification')}
            onChange={(e) => set('itQualification', e.currentTarget.value)}
          />
        </div>
        {piiShown && (
          <>
            <div>
              <TextField id="member-phone" type="tel" label={t('reg.member.phone')} value={form.phone} error={fieldError(errors, 'phone')} onInput={(e) => set('phone', e.currentTarget.value)} />
            </div>
            <div>
              <TextField id="member-email" type="email" label={t('reg.member.email')} value={form.email} error={fieldError(errors, 'email')} onInput={(e) => set('email', e.currentTarget.value)} />
            </div>
            <div>
              <TextField
                id="member-national-id"
                label={t('reg.member.nationalId')}
                value={form.nationalId}
                error={fieldError(errors, 'nationalId')}
                onInput={(e) => set('nationalId', e.currentTarget.value)}
              />
            </div>
          </>
        )}
        <div>
          <TextField id="member-joined" type="date" label={t('reg.member.joinedOn')} value={form.joinedOn} error={fieldError(errors, 'joinedOn')} onInput={(e) => set('joinedOn', e.currentTarget.value)} />
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
