/**
 * Members (`#/registry/members`): the server's search without diacritics and its filters
 * (unit, organisation kind, network role, minimum IT qualification, platform), 25 a page
 * with the total found, so a province of 100,000 members stays quick; the form to add a
 * member (also used to edit one on its page), and the export of the list as Excel.
 */
import { useEffect, useState } from 'preact/hooks';
import { SelectField, TextField } from '../../../components/fields';
import { PagedList } from '../../../components/paged-list';
import { type Member, type MemberFilters, type Platform, exportUrl, fetchMembers, fetchPlatforms } from '../../../data/registry';
import { useI18n } from '../../../i18n';
import { href } from '../../../router';
import { MemberForm, emptyMember } from './forms';
import { RegistryTabs, UnitFilter, WIDE, kindOptions, qualificationLabel, qualificationOptions, roleLabel, roleOptions, useDebounced } from './parts';

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
