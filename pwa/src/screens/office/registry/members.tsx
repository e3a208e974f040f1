/**
 * Members (`#/registry/members`): the server's search without diacritics and its filters
 * (unit, organisation kind, network role, minimum IT qualification, platform), 25 a page
 * with the total found, so a province of 100,000 members stays quick; the form to add a
 * member (also used to edit one on its page), and the export of the list as Excel.
 */
import { useEffect, useState } from 'preact/hooks';
import { SelectField, draftFields } from '../../../components/fields';
import { type Member, type MemberFilters, type Platform, fetchMembers, fetchPlatforms } from '../../../data/registry';
import { useI18n } from '../../../i18n';
import { href } from '../../../router';
import { MemberForm, emptyMember } from './forms';
import { RegistryList } from './list';
import { RegistryRow, RoleTags, kindOptions, qualificationLabel, qualificationOptions, roleOptions } from './parts';

const NO_FILTERS: MemberFilters = { search: '', adminUnitCode: '', organizationKind: '', role: '', minItQualification: '', platformCode: '', includeInactive: false };

export function MemberList() {
  const { t, lang } = useI18n();
  const [platforms, setPlatforms] = useState<Platform[]>([]);
  useEffect(() => {
    fetchPlatforms().then(setPlatforms, () => setPlatforms([]));
  }, []);

  return (
    <RegistryList<Member, MemberFilters>
      id="member"
      exportKind="members"
      title={t('reg.member.title')}
      createLabel={t('reg.member.create')}
      form={(close) => (
        <MemberForm
          initial={emptyMember()}
          piiShown
          submitLabel={t('reg.member.createSubmit')}
          onCancel={close}
          onDone={(id) => {
            location.hash = href({ name: 'registryMember', id });
          }}
        />
      )}
      initialFilters={NO_FILTERS}
      moreFilters={(filters, set) => {
        const field = draftFields(filters, set);
        return (
          <>
            <SelectField
              id="member-filter-kind"
              label={t('reg.org.kind')}
              placeholder={t('reg.filter.allKinds')}
              options={kindOptions(t)}
              {...field.choice('organizationKind')}
            />
            <SelectField
              id="member-filter-role"
              label={t('reg.member.role')}
              placeholder={t('reg.filter.allRoles')}
              options={roleOptions(t)}
              {...field.choice('role')}
            />
            <SelectField
              id="member-filter-qualification"
              label={t('reg.filter.minQualification')}
              placeholder={t('reg.filter.anyQualification')}
              options={qualificationOptions(t)}
              {...field.choice('minItQualification')}
            />
            <SelectField
              id="member-filter-platform"
              label={t('reg.filter.platform')}
              placeholder={t('reg.filter.anyPlatform')}
              options={platforms.map((p) => ({ value: p.code, label: lang === 'vi' ? p.name : p.nameEn }))}
              {...field.choice('platformCode')}
            />
          </>
        );
      }}
      inactiveLabel={t('reg.filter.inactiveMembers')}
      load={fetchMembers}
      keyOf={(m) => m.id}
      empty={t('reg.member.none')}
      render={(m) => (
        <RegistryRow to={{ name: 'registryMember', id: m.id }} name={m.fullName}>
          <span>
            {m.position ? `${m.position} · ` : ''}
            {m.organization.name}
          </span>
          <span>
            {m.adminUnit.name} · {qualificationLabel(t, m.itQualification)}
          </span>
          <span>
            {m.status !== 'ACTIVE' && <span class="tag inactive">{t(m.status === 'LEFT' ? 'reg.member.left' : 'reg.inactive')}</span>}
            <RoleTags roles={m.roles} />
          </span>
        </RegistryRow>
      )}
    />
  );
}
