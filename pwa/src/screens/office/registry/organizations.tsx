/**
 * Organisations (`#/registry/organizations`): the server's search (without diacritics)
 * and filters by unit and kind, a page at a time; a form to add one (also used to edit
 * on its page), and the export of the list as Excel.
 */
import { useState } from 'preact/hooks';
import { SelectField, TextField } from '../../../components/fields';
import { PagedList } from '../../../components/paged-list';
import {
  type Organization,
  type OrganizationFilters,
  createOrganization,
  exportUrl,
  fetchOrganizations,
} from '../../../data/registry';
import { useI18n } from '../../../i18n';
import { go, href } from '../../../router';
import { EMPTY_ORGANIZATION, OrganizationForm } from './forms';
import { RegistryTabs, UnitFilter, WIDE, kindLabel, kindOptions, useDebounced } from './parts';

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
