/**
 * One member (`#/registry/members/<id>`): details, personal data only where the server
 * returns it (with a note that the read is logged), edit, deactivate (left or inactive),
 * make them their organisation's focal point, and record their use of each national
 * platform. A member outside the viewer's area reads as "not found".
 */
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../../../app-state';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { SelectField, TextField } from '../../../components/fields';
import { ErrorState } from '../../../components/states';
import {
  type AdoptionStatus,
  type MemberDetail,
  type Platform,
  deactivateMember,
  designateFocalPoint,
  fetchMember,
  fetchPlatforms,
  recordAdoption,
} from '../../../data/registry';
import { useI18n } from '../../../i18n';
import { type ScreenProps, href } from '../../../router';
import { EDITORS } from '../links';
import { MemberForm } from './forms';
import { PiiNote, RecordHeader, RecordPending, fieldError, formatDate, otherErrors, qualificationLabel, roleLabel, useRecord, useRecordAction } from './parts';

function PlatformRow({ member, platform, onSaved }: { member: MemberDetail; platform: Platform; onSaved: () => void }) {
  const { t, lang } = useI18n();
  const current = member.platforms.find((p) => p.platform.code === platform.code);
  const [status, setStatus] = useState<string>(current?.status ?? '');
  const [since, setSince] = useState(current?.since ?? '');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const id = `platform-${platform.code}`;

  const save = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (!status) return;
    setSaved(false);
    try {
      const errors = await recordAdoption(member.id, platform.code, status as AdoptionStatus, since);
      setError(fieldError(errors, 'since') ?? (otherErrors(errors, ['since']) || null));
      if (errors.length === 0) {
        setSaved(true);
        onSaved();
      }
    } catch {
      setError(t('reg.saveFailed'));
    }
  };

  return (
    <form class="platform-row" onSubmit={save}>
      <h3>
        {lang === 'vi' ? platform.name : platform.nameEn}
        {platform.isCore && <span class="tag">{t('reg.platform.core')}</span>}
      </h3>
      <SelectField
        id={`${id}-status`}
        label={t('reg.platform.status')}
        value={status}
        placeholder={t('reg.platform.none')}
        options={[
          { value: 'HAS_ACCESS', label: t('reg.platform.HAS_ACCESS') },
          { value: 'ACTIVE_USE', label: t('reg.platform.ACTIVE_USE') },
        ]}
        onChange={(e) => setStatus(e.currentTarget.value)}
      />
      <TextField id={`${id}-since`} type="date" label={t('reg.platform.since')} value={since} error={error} onInput={(e) => setSince(e.currentTarget.value)} />
      <button type="submit" class="secondary small" disabled={!status}>
        {saved ? t('reg.saved') : t('reg.platform.record')}
      </button>
    </form>
  );
}

export function MemberScreen({ route }: ScreenProps<'registryMember'>) {
  const { t, lang } = useI18n();
  const { viewer } = useApp();
  const state = useRecord(route.id, fetchMember);
  const { version, reload } = state;
  const [platforms, setPlatforms] = useState<Platform[]>([]);
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState<'LEFT' | 'INACTIVE' | null>(null);
  const [message, act] = useRecordAction(reload);

  useEffect(() => {
    fetchPlatforms().then(setPlatforms, () => setPlatforms([]));
  }, []);

  const member = state.record;
  if (state.failed || !member) return <RecordPending state={state} notFound={t('reg.member.notFound')} />;

  // Editors of the member's area read personal data (the server returns it and logs the
  // read); anyone else gets nulls, shown as "not shown" and left out of the edit form.
  const piiShown = EDITORS.some((role) => viewer?.roles.includes(role) ?? false);
  const active = member.status === 'ACTIVE';
  const isFocal = member.roles.includes('FOCAL_POINT');

  const deactivate = async (status: 'LEFT' | 'INACTIVE'): Promise<void> => {
    setConfirming(null);
    await act(() => deactivateMember(member.id, status));
  };
  const designate = (): Promise<void> => act(() => designateFocalPoint(member.organization.id, member.id, false));

  return (
    <section class="wide registry">
      <RecordHeader
        back={{ name: 'registryMembers' }}
        backLabel={t('reg.member.back')}
        title={member.fullName}
        inactive={active ? null : t(member.status === 'LEFT' ? 'reg.member.left' : 'reg.inactive')}
      >
        {active && (
          <div class="row-actions">
            {!editing && (
              <button type="button" class="secondary small" onClick={() => setEditing(true)}>
                {t('reg.edit')}
              </button>
            )}
            {!isFocal && (
              <button type="button" class="secondary small" onClick={() => void designate()}>
                {t('reg.member.makeFocal')}
              </button>
            )}
            <button type="button" class="danger small" onClick={() => setConfirming('LEFT')}>
              {t('reg.member.markLeft')}
            </button>
            <button type="button" class="danger small" onClick={() => setConfirming('INACTIVE')}>
              {t('reg.member.markInactive')}
            </button>
          </div>
        )}
      </RecordHeader>
      {message && <ErrorState message={message} />}
      {confirming && (
        <ConfirmDialog
          message={t(confirming === 'LEFT' ? 'reg.member.leftConfirm' : 'reg.member.inactiveConfirm', { name: member.fullName })}
          confirmLabel={t(confirming === 'LEFT' ? 'reg.member.markLeft' : 'reg.member.markInactive')}
          danger
          onConfirm={() => void deactivate(confirming)}
          onCancel={() => setConfirming(null)}
        />
      )}
      {editing ? (
        <MemberForm
          memberId={member.id}
          currentOrganization={{ value: member.organization.id, label: `${member.organization.name} — ${member.adminUnit.name}` }}
          initial={{
            fullName: member.fullName,
            organizationId: member.organization.id,
            position: member.position,
            phone: member.phone ?? '',
            email: member.email ?? '',
            nationalId: member.nationalId ?? '',
            itQualification: member.itQualification,
            roles: member.roles,
            joinedOn: member.joinedOn ?? '',
          }}
          piiShown={piiShown}
          submitLabel={t('reg.save')}
          onCancel={() => setEditing(false)}
          onDone={() => {
            setEditing(false);
            reload();
          }}
        />
      ) : (
        <div class="split">
          <dl class="card facts">
            <dt>{t('reg.member.organization')}</dt>
            <dd>
              <a href={href({ name: 'registryOrganization', id: member.organization.id })}>{member.organization.name}</a>
            </dd>
            <dt>{t('reg.org.unit')}</dt>
            <dd>{member.adminUnit.name}</dd>
            <dt>{t('reg.member.position')}</dt>
            <dd>{member.position || '—'}</dd>
            <dt>{t('reg.member.qualification')}</dt>
            <dd>{qualificationLabel(t, member.itQualification)}</dd>
            <dt>{t('reg.member.roles')}</dt>
            <dd>{member.roles.length ? member.roles.map((r) => roleLabel(t, r)).join(', ') : '—'}</dd>
            <dt>{t('reg.member.joinedOn')}</dt>
            <dd>{member.joinedOn ? formatDate(member.joinedOn, lang) : '—'}</dd>
            {member.leftOn && (
              <>
                <dt>{t('reg.member.leftOn')}</dt>
                <dd>{formatDate(member.leftOn, lang)}</dd>
              </>
            )}
          </dl>
          <div class="card">
            <h2>{t('reg.member.personal')}</h2>
            {piiShown ? (
              <>
                <dl class="facts">
                  <dt>{t('reg.member.phone')}</dt>
                  <dd>{member.phone ?? '—'}</dd>
                  <dt>{t('reg.member.email')}</dt>
                  <dd>{member.email ?? '—'}</dd>
                  <dt>{t('reg.member.nationalId')}</dt>
                  <dd>{member.nationalId ?? '—'}</dd>
                </dl>
                <PiiNote />
              </>
            ) : (
              <p class="meta">{t('reg.member.piiHidden')}</p>
            )}
          </div>
        </div>
      )}
      <h2>{t('reg.platform.title')}</h2>
      <div class="platforms">
        {platforms.map((p) => (
          <PlatformRow key={`${p.code}-${version}`} member={member} platform={p} onSaved={reload} />
        ))}
      </div>
    </section>
  );
}
