/**
 * The frame the registry's two lists share (`#/registry/organizations`, `#/registry/members`):
 * tabs, the title with the Excel export and the button that opens the form to add one, the
 * debounced server search with the unit filter, the list's own filters folded on phones and
 * the "include inactive" choice, the total found, and the paged list itself.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { TextField } from '../../../components/fields';
import { PagedList } from '../../../components/paged-list';
import type { Page } from '../../../data/graphql';
import { exportUrl } from '../../../data/registry';
import { useI18n } from '../../../i18n';
import { RegistryTabs, UnitFilter, WIDE, useDebounced } from './parts';

export interface ListFilters {
  search: string;
  adminUnitCode: string;
  includeInactive: boolean;
}

export type SetFilter<F> = <K extends keyof F>(key: K, value: F[K]) => void;

interface Props<T, F extends ListFilters> {
  /** The prefix of the fields' ids: `member` gives `member-search`, `member-filter-unit`. */
  id: string;
  exportKind: 'members' | 'organizations';
  title: string;
  createLabel: string;
  /** The form to add one; `close` folds it away. */
  form: (close: () => void) => ComponentChildren;
  initialFilters: F;
  /** The list's own filters, between the unit filter and the "include inactive" choice. */
  moreFilters?: (filters: F, set: SetFilter<F>) => ComponentChildren;
  inactiveLabel: string;
  load: (filters: F, after: string | null) => Promise<Page<T>>;
  keyOf: (item: T) => string;
  empty: string;
  render: (item: T) => ComponentChildren;
}

export function RegistryList<T, F extends ListFilters>(props: Props<T, F>) {
  const { t } = useI18n();
  const { id } = props;
  const [filters, setFilters] = useState<F>(props.initialFilters);
  const [total, setTotal] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const search = useDebounced(filters.search);
  const settled = { ...filters, search };
  const set: SetFilter<F> = (key, value) => setFilters((now) => ({ ...now, [key]: value }));

  return (
    <section class="wide registry">
      <RegistryTabs />
      <div class="row">
        <h1>{props.title}</h1>
        <div class="row-actions">
          <a class="button secondary small" href={exportUrl(props.exportKind, 'xlsx', filters.adminUnitCode)} download>
            {t('reg.exportXlsx')}
          </a>
          {!creating && (
            <button type="button" class="primary small" onClick={() => setCreating(true)}>
              {props.createLabel}
            </button>
          )}
        </div>
      </div>
      {creating && (
        <>
          <h2>{props.createLabel}</h2>
          {props.form(() => setCreating(false))}
        </>
      )}
      <div class="filters" role="search">
        <TextField id={`${id}-search`} type="search" label={t('reg.search')} hint={t('reg.searchHint')} value={filters.search} onInput={(e) => set('search', e.currentTarget.value)} />
        <details class="reg-filters" open={WIDE}>
          <summary>{t('reg.filters')}</summary>
          <div class="filters-more">
            <UnitFilter id={`${id}-filter-unit`} value={filters.adminUnitCode} onChange={(code) => set('adminUnitCode', code)} />
            {props.moreFilters?.(filters, set)}
            <label class="choice">
              <input type="checkbox" checked={filters.includeInactive} onChange={(e) => set('includeInactive', e.currentTarget.checked)} />
              {props.inactiveLabel}
            </label>
          </div>
        </details>
      </div>
      <p class="meta" aria-live="polite">
        {total !== null && t('reg.found', { count: total.toLocaleString('vi-VN') })}
      </p>
      <PagedList<T>
        class="reg-list"
        reloadKey={JSON.stringify(settled)}
        load={async (after) => {
          const page = await props.load(settled, after);
          if (after === null) setTotal(page.totalCount ?? null);
          return page;
        }}
        keyOf={props.keyOf}
        empty={props.empty}
        errorMessage={t('reg.loadFailed')}
        render={props.render}
      />
    </section>
  );
}
