/**
 * Members (`#/registry/members`): the server's search without diacritics and its filters
 * (unit, organisation kind, network role, minimum IT qualification, platform), 25 a page
 * with the total found, so a province of 100,000 members stays quick; the form to add a
 * member (also used to edit one on its page), and the export of the list as Excel.
 */
import { useEffect, useState } from 'preact/hooks';
import { type Option, SelectField, TextField } from '../../../components/fields';
import { PagedList } from '../../../components/paged-list';
import type { ServerError } from '../../../data/db';
import {
  type Member,
  type MemberFilters,
  type MemberInput,
  type Platform,
  createMember,
  exportUrl,
  fetchMembers,
  fetchOrganizations,
  fetchPlatforms,
  updateMember,
} from '../../../data/registry';
import { useI18n } from '../../../i18n';
import { href } from '../../../router';
import {
  RegistryTabs,
  WIDE,
  UnitFilter,
  fieldError,
  kindOptions,
  otherErrors,
  qualificationLabel,
  qualificationOptions,
  roleLabel,
  roleOptions,
  useDebounced,
} from './parts';

const FORM_FIELDS = ['fullName', 'organizationId', 'position', 'phone', 'email', 'nationalId', 'itQualification', 'roles', 'joinedOn'];

export function emptyMember(organizationId = ''): MemberInput {
  return { fullName: '', organizationId, position: '', phone: '', email: '', nationalId: '', itQualification: 'NONE', roles: [], joinedOn: '' };
}

/** Choose an organisation by searching its name (the server's search, 20 at a time). */
function OrganizationPicker({ value, onChange, error }: { value: string; onChange: (id: string) => void; error: string | null }) {
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
        options={options}
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
  piiShown,
  submitLabel,
  onCancel,
  onDone,
}: {
  initial: MemberInput;
  memberId?: string;
  /** The organisation, when it is fixed (adding from its page); otherwise a picker. */
  organizationName?: string;
  /** The viewer may read (so may change) phone, email and ID number. */
  piiShown: boolean;
  submitLabel: string;
  onCancel: () => void;
  onDone: (id: string) => void;
}) {
  const { t } = useI18n();
  const [form, setForm] = useState<MemberInput>(initial);
  const [errors, setErrors] = useState<ServerError[]>([]);
  const [working, setWorking] = useState(false);
  const set = <K extends keyof MemberInput>(field: K, value: MemberInput[K]): void => setForm((now) => ({ ...now, [field]: value }));

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    setWorking(true);
    try {
      const input = { ...form, fullName: form.fullName.trim() };
      const saved = memberId ? await updateMember(memberId, input, piiShown) : await createMember(input);
      setErrors(saved.errors);
      if (saved.id && saved.errors.length === 0) onDone(saved.id);
    } catch {
      setErrors([{ field: null, code: 'NETWORK', message: t('reg.saveFailed') }]);
    } finally {
      setWorking(false);
    }
  };

  const other = otherErrors(errors, FORM_FIELDS);
  return (
    <form class="card reg-form" onSubmit={submit} noValidate>
      <div class="grid2">
        <TextField id="member-name" label={t('reg.member.fullName')} value={form.fullName} error={fieldError(errors, 'fullName')} onInput={(e) => set('fullName', e.currentTarget.value)} />
        {organizationName ? (
          <p class="field">
            <span>{t('reg.member.organization')}</span>
            <strong>{organizationName}</strong>
          </p>
        ) : (
          <OrganizationPicker value={form.organizationId} onChange={(id) => set('organizationId', id)} error={fieldError(errors, 'organizationId')} />
        )}
        <TextField id="member-position" label={t('reg.member.position')} value={form.position} error={fieldError(errors, 'position')} onInput={(e) => set('position', e.currentTarget.value)} />
        <SelectField
          id="member-qualification"
          label={t('reg.member.qualification')}
          value={form.itQualification}
          options={qualificationOptions(t)}
          error={fieldError(errors, 'itQualification')}
          onChange={(e) => set('itQualification', e.currentTarget.value)}
        />
        {piiShown && (
          <>
            <TextField id="member-phone" type="tel" label={t('reg.member.phone')} value={form.phone} error={fieldError(errors, 'phone')} onInput={(e) => set('phone', e.currentTarget.value)} />
            <TextField id="member-email" type="email" label={t('reg.member.email')} value={form.email} error={fieldError(errors, 'email')} onInput={(e) => set('email', e.currentTarget.value)} />
            <TextField
              id="member-national-id"
              label={t('reg.member.nationalId')}
              value={form.nationalId}
              error={fieldError(errors, 'nationalId')}
              onInput={(e) => set('nationalId', e.currentTarget.value)}
            />
          </>
        )}
        <TextField id="member-joined" type="date" label={t('reg.member.joinedOn')} value={form.joinedOn} error={fieldError(errors, 'joinedOn')} onInput={(e) => set('joinedOn', e.currentTarget.value)} />
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
      {other && (
        <p class="error" role="alert">
          {other}
        </p>
      )}
      <div class="actions">
        <button type="button" class="secondary" onClick={onCancel}>
          {t('app.cancel')}
        </button>
        <button type="submit" class="primary" disabled={working}>
          {working ? t('reg.saving') : submitLabel}
        </button>
      </div>
    </form>
  );
}

const NO_FILTERS: MemberFilters = { search: '', adminUnitCode: '', organizationKind: '', role: '', minItQualification: '', platformCode: '', includeInactive: false };

export function MemberList() {
  const { t, lang } = useI18n();
  const [filters, setFilters] = useState<MemberFilters>(NO_FILTERS);
  const [platforms, setPlatforms] = useState<Platform[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const search = useDebounced(filters.search);
  const settled = { ...filters, search };
  const set = <K extends keyof MemberFilters>(key: K, value: MemberFilters[K]): void => setFilters((now) => ({ ...now, [key]: value }));
  useEffect(() => {
    fetchPlatforms().then(setPlatforms, () => setPlatforms([]));
  }, []);

  return (
    <section class="wide registry">
      <RegistryTabs />
      <div class="row">
        <h1>{t('reg.member.title')}</h1>
        <div class="row-actions">
          <a class="button secondary small" href={exportUrl('members', 'xlsx', filters.adminUnitCode)} download>
            {t('reg.exportXlsx')}
          </a>
          {!creating && (
            <button type="button" class="primary small" onClick={() => setCreating(true)}>
              {t('reg.member.create')}
            </button>
          )}
        </div>
      </div>
      {creating && (
        <>
          <h2>{t('reg.member.create')}</h2>
          <MemberForm
            initial={emptyMember()}
            piiShown
            submitLabel={t('reg.member.createSubmit')}
            onCancel={() => setCreating(false)}
            onDone={(id) => {
              location.hash = href({ name: 'registryMember', id });
            }}
          />
        </>
      )}
      <div class="filters" role="search">
        <TextField id="member-search" type="search" label={t('reg.search')} hint={t('reg.searchHint')} value={filters.search} onInput={(e) => set('search', e.currentTarget.value)} />
        <details class="reg-filters" open={WIDE}>
          <summary>{t('reg.filters')}</summary>
          <div class="filters-more">
            <UnitFilter id="member-filter-unit" value={filters.adminUnitCode} onChange={(code) => set('adminUnitCode', code)} />
            <SelectField
              id="member-filter-kind"
              label={t('reg.org.kind')}
              value={filters.organizationKind}
              placeholder={t('reg.filter.allKinds')}
              options={kindOptions(t)}
              onChange={(e) => set('organizationKind', e.currentTarget.value)}
            />
            <SelectField
              id="member-filter-role"
              label={t('reg.member.role')}
              value={filters.role}
              placeholder={t('reg.filter.allRoles')}
              options={roleOptions(t)}
              onChange={(e) => set('role', e.currentTarget.value)}
            />
            <SelectField
              id="member-filter-qualification"
              label={t('reg.filter.minQualification')}
              value={filters.minItQualification}
              placeholder={t('reg.filter.anyQualification')}
              options={qualificationOptions(t)}
              onChange={(e) => set('minItQualification', e.currentTarget.value)}
            />
            <SelectField
              id="member-filter-platform"
              label={t('reg.filter.platform')}
              value={filters.platformCode}
              placeholder={t('reg.filter.anyPlatform')}
              options={platforms.map((p) => ({ value: p.code, label: lang === 'vi' ? p.name : p.nameEn }))}
              onChange={(e) => set('platformCode', e.currentTarget.value)}
            />
            <label class="choice">
              <input type="checkbox" checked={filters.includeInactive} onChange={(e) => set('includeInactive', e.currentTarget.checked)} />
              {t('reg.filter.inactiveMembers')}
            </label>
          </div>
        </details>
      </div>
      <p class="meta" aria-live="polite">
        {total !== null && t('reg.found', { count: total.toLocaleString('vi-VN') })}
      </p>
      <PagedList<Member>
        class="reg-list"
        reloadKey={JSON.stringify(settled)}
        load={async (after) => {
          const page = await fetchMembers(settled, after);
          if (after === null) setTotal(page.totalCount ?? null);
          return page;
        }}
        keyOf={(m) => m.id}
        empty={t('reg.member.none')}
        errorMessage={t('reg.loadFailed')}
        render={(m) => (
          <article class="reg-row">
            <a class="reg-name" href={href({ name: 'registryMember', id: m.id })}>
              {m.fullName}
            </a>
            <span>
              {m.position ? `${m.position} · ` : ''}
              {m.organization.name}
            </span>
            <span>
              {m.adminUnit.name} · {qualificationLabel(t, m.itQualification)}
            </span>
            <span>
              {m.status !== 'ACTIVE' && <span class="tag inactive">{t(m.status === 'LEFT' ? 'reg.member.left' : 'reg.inactive')}</span>}
              {m.roles.map((r) => (
                <span key={r} class="tag">
                  {roleLabel(t, r)}
                </span>
              ))}
            </span>
          </article>
        )}
      />
    </section>
  );
}
