/**
 * Recognition rounds (`#/recognition/rounds`): the rounds in scope (and those whose
 * committee the viewer sits on), and, for province admins and unit managers, a form to
 * create one: criteria with weights and maximum scores, the committee and its chair, the
 * quorum, the period judged, and when voting opens and closes (Vietnam time).
 */
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../../app-state';
import { CheckField, SelectField, TextField, toggled } from '../../components/fields';
import { FormActions, fieldError as errorOn, useFormSend } from '../../components/form-send';
import { PagedList } from '../../components/paged-list';
import { ErrorState, LoadingState } from '../../components/states';
import { type NewRound, type Round, createRound, fetchCommitteeCandidates, fetchRounds } from '../../data/recognition';
import { type MessageKey, formatTime, useI18n } from '../../i18n';
import { go, href } from '../../router';
import { errorText, isEditor } from './parts';
import { dayInVietnam, todayInVietnam } from '../../data/days';

interface CriterionRow {
  key: string;
  labelVi: string;
  labelEn: string;
  weight: string;
  maxScore: string;
}

const DEFAULT_CRITERIA: CriterionRow[] = [
  { key: 'novelty', labelVi: 'Tính mới, sáng tạo', labelEn: 'Novelty', weight: '30', maxScore: '10' },
  { key: 'effectiveness', labelVi: 'Hiệu quả', labelEn: 'Effectiveness', weight: '30', maxScore: '10' },
  { key: 'replicability', labelVi: 'Khả năng nhân rộng', labelEn: 'Replicability', weight: '25', maxScore: '10' },
  { key: 'reach', labelVi: 'Phạm vi ảnh hưởng', labelEn: 'Reach', weight: '15', maxScore: '10' },
];

const thisYear = (): string => todayInVietnam().slice(0, 4);

function CreateRound({ onCancel }: { onCancel: () => void }) {
  const { t } = useI18n();
  const [candidates, setCandidates] = useState<{ id: string; displayName: string }[] | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const [title, setTitle] = useState('');
  const [periodStart, setPeriodStart] = useState(`${thisYear()}-01-01`);
  const [periodEnd, setPeriodEnd] = useState(`${thisYear()}-12-31`);
  const [opens, setOpens] = useState(todayInVietnam());
  const [closes, setCloses] = useState(dayInVietnam(30));
  const [committee, setCommittee] = useState<string[]>([]);
  const [chair, setChair] = useState('');
  const [quorum, setQuorum] = useState('');
  const [criteria, setCriteria] = useState<CriterionRow[]>(DEFAULT_CRITERIA);
  const { errors, working, submit } = useFormSend(t('rec.saveFailed'));

  useEffect(() => {
    fetchCommitteeCandidates().then(setCandidates, () => setLoadFailed(true));
  }, []);

  const setRow = (index: number, field: keyof CriterionRow, value: string): void =>
    setCriteria((now) => now.map((row, i) => (i === index ? { ...row, [field]: value } : row)));
  const fieldError = (field: string): string | null => errorOn(errors, field);

  const save = submit(async () => {
    const input: NewRound = {
      title: title.trim(),
      periodStart,
      periodEnd,
      // whole days, Vietnam time: open from the first day's start to the last day's end
      opensAt: `${opens}T00:00:00+07:00`,
      closesAt: `${closes}T23:59:00+07:00`,
      committeeUserIds: committee,
      chairUserId: chair || committee[0] || '',
      quorum: quorum.trim() ? Number(quorum) : null,
      criteria: criteria.map((c) => ({
        key: c.key,
        labelVi: c.labelVi.trim(),
        labelEn: c.labelEn.trim(),
        weight: Number(c.weight),
        maxScore: Number(c.maxScore),
      })),
    };
    const created = await createRound(input);
    if (created.id) go({ name: 'round', id: created.id });
    return created.errors;
  });

  return (
    <form class="card" onSubmit={save} noValidate>
      <h2>{t('rec.rounds.create')}</h2>
      <TextField id="round-title" label={t('rec.rounds.titleField')} value={title} error={fieldError('title')} onInput={(e) => setTitle(e.currentTarget.value)} />
      <div class="grid2">
        <TextField id="period-start" type="date" label={t('rec.rounds.periodStart')} value={periodStart} onInput={(e) => setPeriodStart(e.currentTarget.value)} />
        <TextField id="period-end" type="date" label={t('rec.rounds.periodEnd')} value={periodEnd} error={fieldError('periodEnd')} onInput={(e) => setPeriodEnd(e.currentTarget.value)} />
        <TextField id="opens" type="date" label={t('rec.rounds.opens')} value={opens} onInput={(e) => setOpens(e.currentTarget.value)} />
        <TextField id="closes" type="date" label={t('rec.rounds.closes')} value={closes} error={fieldError('closesAt')} onInput={(e) => setCloses(e.currentTarget.value)} />
      </div>
      <fieldset class="question">
        <legend>{t('rec.rounds.criteria')}</legend>
        {criteria.map((row, index) => (
          <div class="criterion-row" key={index}>
            <TextField label={t('rec.rounds.criterionLabel')} value={row.labelVi} onInput={(e) => setRow(index, 'labelVi', e.currentTarget.value)} />
            <TextField label={t('rec.rounds.criterionLabelEn')} value={row.labelEn} onInput={(e) => setRow(index, 'labelEn', e.currentTarget.value)} />
            <TextField type="number" label={t('rec.rounds.weight')} value={row.weight} min={1} max={100} onInput={(e) => setRow(index, 'weight', e.currentTarget.value)} />
            <TextField type="number" label={t('rec.rounds.maxScore')} value={row.maxScore} min={1} max={100} onInput={(e) => setRow(index, 'maxScore', e.currentTarget.value)} />
            {criteria.length > 1 && (
              <button type="button" class="danger small" onClick={() => setCriteria((now) => now.filter((_, i) => i !== index))}>
                {t('rec.rounds.removeCriterion')}
              </button>
            )}
          </div>
        ))}
        <button
          type="button"
          class="secondary small"
          onClick={() => setCriteria((now) => [...now, { key: `criterion_${now.length + 1}`, labelVi: '', labelEn: '', weight: '10', maxScore: '10' }])}
        >
          {t('rec.rounds.addCriterion')}
        </button>
        {fieldError('criteria') && <p class="error">{fieldError('criteria')}</p>}
      </fieldset>
      <fieldset class="question">
        <legend>{t('rec.rounds.committee')}</legend>
        {loadFailed && <ErrorState message={t('rec.loadFailed')} />}
        {!candidates && !loadFailed && <LoadingState />}
        <div class="choices">
          {candidates?.map((user) => (
            <CheckField key={user.id} checked={committee.includes(user.id)} onChange={(on) => setCommittee((now) => toggled(now, user.id, on))}>
              {user.displayName}
            </CheckField>
          ))}
        </div>
        {fieldError('committeeUserIds') && <p class="error">{fieldError('committeeUserIds')}</p>}
      </fieldset>
      <SelectField
        id="chair"
        label={t('rec.rounds.chair')}
        value={chair}
        placeholder={t('rec.rounds.chooseChair')}
        options={(candidates ?? []).filter((u) => committee.includes(u.id)).map((u) => ({ value: u.id, label: u.displayName }))}
        error={fieldError('chairUserId')}
        onChange={(e) => setChair(e.currentTarget.value)}
      />
      <TextField
        id="quorum"
        type="number"
        label={t('rec.rounds.quorum')}
        hint={t('rec.rounds.quorumHint')}
        value={quorum}
        error={fieldError('quorum')}
        onInput={(e) => setQuorum(e.currentTarget.value)}
      />
      {errors.length > 0 && (
        <p class="error" role="alert">
          {errorText(errors, t('rec.saveFailed'))}
        </p>
      )}
      <FormActions working={working} workingLabel={t('rec.working')} submitLabel={t('rec.rounds.createSubmit')} onCancel={onCancel} />
    </form>
  );
}

export function Rounds() {
  const { t, lang } = useI18n();
  const { viewer } = useApp();
  const [creating, setCreating] = useState(false);
  const editor = isEditor(viewer?.roles ?? []);
  return (
    <section class="wide">
      <div class="row">
        <h1>{t('rec.rounds.title')}</h1>
        {editor && !creating && (
          <button type="button" class="primary small" onClick={() => setCreating(true)}>
            {t('rec.rounds.create')}
          </button>
        )}
      </div>
      {creating && <CreateRound onCancel={() => setCreating(false)} />}
      <PagedList<Round>
        load={fetchRounds}
        keyOf={(r) => r.id}
        empty={t('rec.rounds.none')}
        errorMessage={t('rec.loadFailed')}
        render={(round) => (
          <article class="card round">
            <h2>
              <a href={href({ name: 'round', id: round.id })}>{round.title}</a>
            </h2>
            <p class="meta">
              <span class="tag">{t(`rec.roundStatus.${round.status}` as MessageKey)}</span> {round.adminUnit.name} ·{' '}
              {t('rec.rounds.window', { opens: formatTime(round.opensAt, lang), closes: formatTime(round.closesAt, lang) })}
            </p>
            <p class="meta">{t('rec.rounds.committeeLine', { count: round.committee.length, quorum: round.quorum })}</p>
          </article>
        )}
      />
    </section>
  );
}
