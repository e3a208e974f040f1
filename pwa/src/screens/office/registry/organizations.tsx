/**
 * Organisations (`#/registry/organizations`): the server's search (without diacritics)
 * and filters by unit and kind, a page at a time; a form to add one (also used to edit
 * on its page), and the export of the list as Excel.
 */
import { useState } from 'preact/hooks';
import { SelectField, TextField } from '../../../components/fields';
import { PagedList } from '../../../components/paged-list';
import type { ServerError } from '../../../data/db';
import {
  type Organization,
  type OrganizationFilters,
  type OrganizationInput,
  createOrganization,
  exportUrl,
  fetchOrganizations,
} from '../../../data/registry';
import { useI18n } from '../../../i18n';
import { go, href } from '../../../router';
import { RegistryTabs, WIDE, UnitFilter, fieldError, kindLabel, kindOptions, otherErrors, useDebounced } from './parts';

const FORM_FIELDS = ['name', 'kind', 'adminUnitCode', 'contactPhone', 'contactEmail', 'address'];

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
  const [errors, setErrors] = useState<ServerError[]>([]);
  const [working, setWorking] = useState(false);
  const set = (field: keyof OrganizationInput, value: string): void => setForm((now) => ({ ...now, [field]: value }));

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    setWorking(true);
    try {
      const saved = await onSave({ ...form, name: form.name.trim() });
      setErrors(saved.errors);
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
        <TextField id="org-name" label={t('reg.org.name')} value={form.name} error={fieldError(errors, 'name')} onInput={(e) => set('name', e.currentTarget.value)} />
        <SelectField
          id="org-kind"
          label={t('reg.org.kind')}
          value={form.kind}
          placeholder={t('reg.choose')}
          options={kindOptions(t)}
          error={fieldError(errors, 'kind')}
          onChange={(e) => set('kind', e.currentTarget.value)}
        />
        <UnitFilter id="org-unit" label={t('reg.org.unit')} value={form.adminUnitCode} onChange={(code) => set('adminUnitCode', code)} />
        <TextField
          id="org-phone"
          type="tel"
          label={t('reg.org.contactPhone')}
          value={form.contactPhone}
          error={fieldError(errors, 'contactPhone')}
          onInput={(e) => set('contactPhone', e.currentTarget.value)}
        />
        <TextField
          id="org-email"
          type="email"
          label={t('reg.org.contactEmail')}
          value={form.contactEmail}
          error={fieldError(errors, 'contactEmail')}
          onInput={(e) => set('contactEmail', e.currentTarget.value)}
        />
        <TextField id="org-address" label={t('reg.org.address')} value={form.address} error={fieldError(errors, 'address')} onInput={(e) => set('address', e.currentTarget.value)} />
      </div>
      {fieldError(errors, 'adminUnitCode') && (
        <p class="error" role="alert">
          {fieldError(errors, 'adminUnitCode')}
        </p>
      )}
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

export const EMPTY_ORGANIZATION: OrganizationInput = { name: '', kind: '', adminUnitCode: '', contactPhone: '', contactEmail: '', address: '' };

export function OrganizationList() {
  const { t } = useI18n();
  const [filters, setFilters] = useState<OrganizationFilters>({ search: '', adminUnitCode: '', kind: '', includeInactive: false });
  const [total, setTotal] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const search = useDebounced(filters.search);
  const settled = { ...filters, search };
  const set = <K extends keyof OrganizationFilters>(key: K, value: OrganizationFilters[K]): void => setFilters((now) => ({ ...now, [key]: value }));

  return (
    <section class="wide registry">
      <RegistryTabs />
      <div class="row">
        <h1>{t('reg.org.title')}</h1>
        <div class="row-actions">
          <a class="button secondary small" href={exportUrl('organizations', 'xlsx', filters.adminUnitCode)} download>
            {t('reg.exportXlsx')}
          </a>
          {!creating && (
            <button type="button" class="primary small" onClick={() => setCreating(true)}>
              {t('reg.org.create')}
            </button>
          )}
        </div>
      </div>
      {creating && (
        <>
          <h2>{t('reg.org.create')}</h2>
          <OrganizationForm
            initial={EMPTY_ORGANIZATION}
            submitLabel={t('reg.org.createSubmit')}
            onCancel={() => setCreating(false)}
            onSave={async (input) => {
              const saved = await createOrganization(input);
              if (saved.id) go({ name: 'registryOrganization', id: saved.id });
              return saved;
            }}
          />
        </>
      )}
      <div class="filters" role="search">
        <TextField id="org-search" type="search" label={t('reg.search')} hint={t('reg.searchHint')} value={filters.search} onInput={(e) => set('search', e.currentTarget.value)} />
        <details class="reg-filters" open={WIDE}>
          <summary>{t('reg.filters')}</summary>
          <div class="filters-more">
            <UnitFilter id="org-filter-unit" value={filters.adminUnitCode} onChange={(code) => set('adminUnitCode', code)} />
            <SelectField
              id="org-filter-kind"
              label={t('reg.org.kind')}
              value={filters.kind}
              placeholder={t('reg.filter.allKinds')}
              options={kindOptions(t)}
              onChange={(e) => set('kind', e.currentTarget.value)}
            />
            <label class="choice">
              <input type="checkbox" checked={filters.includeInactive} onChange={(e) => set('includeInactive', e.currentTarget.checked)} />
              {t('reg.filter.inactive')}
            </label>
          </div>
        </details>
      </div>
      <p class="meta" aria-live="polite">
        {total !== null && t('reg.found', { count: total.toLocaleString('vi-VN') })}
      </p>
      <PagedList<Organization>
        class="reg-list"
        reloadKey={JSON.stringify(settled)}
        load={async (after) => {
          const page = await fetchOrganizations(settled, after);
          if (after === null) setTotal(page.totalCount ?? null);
          return page;
        }}
        keyOf={(o) => o.id}
        empty={t('reg.org.none')}
        errorMessage={t('reg.loadFailed')}
        render={(org) => (
          <article class="reg-row">
            <a class="reg-name" href={href({ name: 'registryOrganization', id: org.id })}>
              {org.name}
            </a>
            <span>{kindLabel(t, org.kind)}</span>
            <span>{org.adminUnit.name}</span>
            <span>{org.isActive ? '' : <span class="tag inactive">{t('reg.inactive')}</span>}</span>
          </article>
        )}
      />
    </section>
  );
}
