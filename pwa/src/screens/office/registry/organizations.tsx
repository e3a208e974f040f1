/**
 * Organisations (`#/registry/organizations`): the server's search (without diacritics)
 * and filters by unit and kind, a page at a time; a form to add one (also used to edit
 * on its page), and the export of the list as Excel.
 */
import { SelectField, draftFields } from '../../../components/fields';
import { type Organization, type OrganizationFilters, createOrganization, fetchOrganizations } from '../../../data/registry';
import { useI18n } from '../../../i18n';
import { go } from '../../../router';
import { EMPTY_ORGANIZATION, OrganizationForm } from './forms';
import { RegistryList } from './list';
import { RegistryRow, kindLabel, kindOptions } from './parts';

const NO_FILTERS: OrganizationFilters = { search: '', adminUnitCode: '', kind: '', includeInactive: false };

export function OrganizationList() {
  const { t } = useI18n();
  return (
    <RegistryList<Organization, OrganizationFilters>
      id="org"
      exportKind="organizations"
      title={t('reg.org.title')}
      createLabel={t('reg.org.create')}
      form={(close) => (
        <OrganizationForm
          initial={EMPTY_ORGANIZATION}
          submitLabel={t('reg.org.createSubmit')}
          onCancel={close}
          onSave={async (input) => {
            const saved = await createOrganization(input);
            if (saved.id) go({ name: 'registryOrganization', id: saved.id });
            return saved;
          }}
        />
      )}
      initialFilters={NO_FILTERS}
      moreFilters={(filters, set) => (
        <SelectField
          id="org-filter-kind"
          label={t('reg.org.kind')}
          placeholder={t('reg.filter.allKinds')}
          options={kindOptions(t)}
          {...draftFields(filters, set).choice('kind')}
        />
      )}
      inactiveLabel={t('reg.filter.inactive')}
      load={fetchOrganizations}
      keyOf={(o) => o.id}
      empty={t('reg.org.none')}
      render={(org) => (
        <RegistryRow to={{ name: 'registryOrganization', id: org.id }} name={org.name}>
          <span>{kindLabel(t, org.kind)}</span>
          <span>{org.adminUnit.name}</span>
          <span>{org.isActive ? '' : <span class="tag inactive">{t('reg.inactive')}</span>}</span>
        </RegistryRow>
      )}
    />
  );
}
