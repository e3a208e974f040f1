/**
 * One organisation (`#/registry/organizations/<id>`): its details and an edit form, its
 * focal points (qualified or not) with a form to designate one of its members, its
 * members a page at a time, deactivate / reactivate. An id outside the viewer's area
 * reads as "not found" (the server answers null).
 */
import { useEffect, useState } from 'preact/hooks';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { CheckField, SelectField } from '../../../components/fields';
import { PagedList } from '../../../components/paged-list';
import { ErrorState } from '../../../components/states';
import {
  type Member,
  type OrganizationDetail,
  designateFocalPoint,
  fetchMembers,
  fetchOrganization,
  setOrganizationActive,
  updateOrganization,
} from '../../../data/registry';
import { useI18n } from '../../../i18n';
import { type ScreenProps, href } from '../../../router';
import { MemberForm, OrganizationForm, emptyMember } from './forms';
import { RecordHeader, RecordPending, RegistryRow, RoleTags, kindLabel, otherErrors, qualificationLabel, useRecord, useRecordAction } from './parts';

function FocalPoints({ org, onChanged }: { org: OrganizationDetail; onChanged: () => void }) {
  const { t } = useI18n();
  const [candidates, setCandidates] = useState<Member[]>([]);
  const [memberId, setMemberId] = useState('');
  const [replace, setReplace] = useState(false);
  const [message, setMessage] = useState('');
  useEffect(() => {
    fetchMembers({ organizationId: org.id }, null, 100).then((page) => setCandidates(page.nodes), () => setCandidates([]));
  }, [org.id]);

  const designate = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (!memberId) return;
    try {
      const saved = await designateFocalPoint(org.id, memberId, replace);
      setMessage(otherErrors(saved.errors, []));
      if (saved.errors.length === 0) {
        setMemberId('');
        onChanged();
      }
    } catch {
      setMessage(t('reg.saveFailed'));
    }
  };

  return (
    <div class="card">
      <h2>{t('reg.focal.title')}</h2>
      {org.focalPoints.length === 0 ? (
        <p class="meta">{t('reg.focal.none')}</p>
      ) : (
        <ul class="plain">
          {org.focalPoints.map((fp) => (
            <li key={fp.member.id}>
              <a href={href({ name: 'registryMember', id: fp.member.id })}>{fp.member.fullName}</a>
              {fp.member.position && ` · ${fp.member.position}`}{' '}
              <span class={`tag ${fp.qualified ? 'done' : 'todo'}`}>{fp.qualified ? t('reg.focal.qualified') : t('reg.focal.notQualified')}</span>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={designate} class="designate">
        <SelectField
          id="focal-member"
          label={t('reg.focal.designate')}
          value={memberId}
          placeholder={t('reg.choose')}
          options={candidates.map((m) => ({ value: m.id, label: `${m.fullName} (${qualificationLabel(t, m.itQualification)})` }))}
          onChange={(e) => setMemberId(e.currentTarget.value)}
        />
        <CheckField checked={replace} onChange={setReplace}>
          {t('reg.focal.replace')}
        </CheckField>
        {message && <ErrorState message={message} />}
        <button type="submit" class="primary small" disabled={!memberId}>
          {t('reg.focal.submit')}
        </button>
      </form>
    </div>
  );
}

export function OrganizationScreen({ route }: ScreenProps<'registryOrganization'>) {
  const { t } = useI18n();
  const state = useRecord(route.id, fetchOrganization);
  const { version, reload } = state;
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [message, act] = useRecordAction(reload);

  const org = state.record;
  if (state.failed || !org) return <RecordPending state={state} notFound={t('reg.org.notFound')} />;

  const toggle = async (): Promise<void> => {
    setConfirming(false);
    await act(() => setOrganizationActive(org.id, !org.isActive));
  };

  return (
    <section class="wide registry">
      <RecordHeader back={{ name: 'registryOrganizations' }} backLabel={t('reg.org.back')} title={org.name} inactive={org.isActive ? null : t('reg.inactive')}>
        <div class="row-actions">
          {!editing && (
            <button type="button" class="secondary small" onClick={() => setEditing(true)}>
              {t('reg.edit')}
            </button>
          )}
          <button type="button" class={org.isActive ? 'danger small' : 'secondary small'} onClick={() => setConfirming(true)}>
            {org.isActive ? t('reg.org.deactivate') : t('reg.org.reactivate')}
          </button>
        </div>
      </RecordHeader>
      {message && <ErrorState message={message} />}
      {confirming && (
        <ConfirmDialog
          message={org.isActive ? t('reg.org.deactivateConfirm', { name: org.name }) : t('reg.org.reactivateConfirm', { name: org.name })}
          confirmLabel={org.isActive ? t('reg.org.deactivate') : t('reg.org.reactivate')}
          danger={org.isActive}
          onConfirm={() => void toggle()}
          onCancel={() => setConfirming(false)}
        />
      )}
      {editing ? (
        <OrganizationForm
          initial={{
            name: org.name,
            kind: org.kind,
            adminUnitCode: org.adminUnit.code,
            contactPhone: org.contactPhone ?? '',
            contactEmail: org.contactEmail ?? '',
            address: org.address,
          }}
          submitLabel={t('reg.save')}
          onCancel={() => setEditing(false)}
          onSave={async (input) => {
            const saved = await updateOrganization(org.id, input);
            if (saved.id) {
              setEditing(false);
              reload();
            }
            return saved;
          }}
        />
      ) : (
        <dl class="card facts">
          <dt>{t('reg.org.kind')}</dt>
          <dd>{kindLabel(t, org.kind)}</dd>
          <dt>{t('reg.org.unit')}</dt>
          <dd>
            {org.adminUnit.name} ({org.adminUnit.code})
          </dd>
          <dt>{t('reg.org.contactPhone')}</dt>
          <dd>{org.contactPhone || '—'}</dd>
          <dt>{t('reg.org.contactEmail')}</dt>
          <dd>{org.contactEmail || '—'}</dd>
          <dt>{t('reg.org.address')}</dt>
          <dd>{org.address || '—'}</dd>
        </dl>
      )}
      <FocalPoints org={org} onChanged={reload} />
      <div class="row">
        <h2>{t('reg.org.members')}</h2>
        {org.isActive && !adding && (
          <button type="button" class="primary small" onClick={() => setAdding(true)}>
            {t('reg.member.create')}
          </button>
        )}
      </div>
      {adding && (
        <MemberForm
          initial={emptyMember(org.id)}
          organizationName={org.name}
          piiShown
          submitLabel={t('reg.member.createSubmit')}
          onCancel={() => setAdding(false)}
          onDone={() => {
            setAdding(false);
            reload();
          }}
        />
      )}
      <PagedList<Member>
        class="reg-list"
        reloadKey={`${org.id}-${version}`}
        load={(after) => fetchMembers({ organizationId: org.id }, after)}
        keyOf={(m) => m.id}
        empty={t('reg.member.none')}
        errorMessage={t('reg.loadFailed')}
        render={(m) => (
          <RegistryRow to={{ name: 'registryMember', id: m.id }} name={m.fullName}>
            <span>{m.position || '—'}</span>
            <span>{qualificationLabel(t, m.itQualification)}</span>
            <span>
              <RoleTags roles={m.roles} />
            </span>
          </RegistryRow>
        )}
      />
    </section>
  );
}
