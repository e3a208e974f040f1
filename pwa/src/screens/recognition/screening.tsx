/**
 * The screening queue (`#/initiatives/screening`) for province admins and unit managers:
 * new and pending initiatives in scope, oldest first. Choosing one shows it in full beside
 * the list (below it on a phone) with the earlier initiatives very like it, its files, its
 * whole history, and each transition the workflow allows from its status, with a staff
 * note and a public note (shown to the citizen with the tracking code).
 */
import { useEffect, useState } from 'preact/hooks';
import { TextAreaField } from '../../components/fields';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import {
  type Initiative,
  type InitiativeDetail,
  type InitiativeStatus,
  PUBLIC_NOTE_REQUIRED,
  SCREENING_MOVES,
  type SimilarInitiative,
  fetchInitiative,
  fetchScreeningQueue,
  screenInitiative,
} from '../../data/recognition';
import { type MessageKey, formatTime, useI18n } from '../../i18n';
import { History, InitiativeView, StatusTag, errorText, formatDate, formatNumber } from './parts';

function Similar({ similar }: { similar: SimilarInitiative[] }) {
  const { t, lang } = useI18n();
  if (similar.length === 0) return <p class="hint">{t('rec.screening.noSimilar')}</p>;
  return (
    <div class="warning" role="note">
      <h3>{t('rec.screening.similar', { count: similar.length })}</h3>
      <ul>
        {similar.map((s) => (
          <li key={s.id}>
            {s.title} <span class="meta">({s.adminUnitName}, {formatDate(s.submittedOn, lang)}, {t(`rec.status.${s.status}` as MessageKey)}, {formatNumber(s.similarity * 100, lang, 0)} %)</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Detail({ id, onChanged, onBack }: { id: string; onChanged: () => void; onBack: () => void }) {
  const { t } = useI18n();
  const [data, setData] = useState<{ initiative: InitiativeDetail | null; similar: SimilarInitiative[] } | null>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [target, setTarget] = useState<InitiativeStatus | ''>('');
  const [note, setNote] = useState('');
  const [publicNote, setPublicNote] = useState('');
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [working, setWorking] = useState(false);

  useEffect(() => {
    setData(null);
    setFailed(false);
    fetchInitiative(id).then(setData, () => setFailed(true));
  }, [id, attempt]);
  useEffect(() => {
    setTarget('');
    setNote('');
    setPublicNote('');
    setMessage(null);
  }, [id]);

  if (failed) return <ErrorState message={t('rec.loadFailed')} onRetry={() => setAttempt((n) => n + 1)} />;
  if (!data) return <LoadingState />;
  const initiative = data.initiative;
  if (!initiative) return <EmptyState>{t('rec.screening.notFound')}</EmptyState>;
  const moves = SCREENING_MOVES[initiative.status] ?? [];
  const needsPublic = target !== '' && PUBLIC_NOTE_REQUIRED.includes(target);

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (!target) return;
    if (needsPublic && !publicNote.trim()) {
      setMessage({ error: true, text: t('rec.screening.publicNoteRequired') });
      return;
    }
    setWorking(true);
    try {
      const errors = await screenInitiative(initiative.id, target, note.trim(), publicNote.trim());
      if (errors.length > 0) setMessage({ error: true, text: errorText(errors, t('rec.saveFailed')) });
      else {
        setMessage({ error: false, text: t('rec.screening.moved', { status: t(`rec.status.${target}` as MessageKey) }) });
        setTarget('');
        setNote('');
        setPublicNote('');
        setAttempt((n) => n + 1);
        onChanged();
      }
    } catch {
      setMessage({ error: true, text: t('rec.saveFailed') });
    } finally {
      setWorking(false);
    }
  };

  return (
    <article class="detail" aria-labelledby="initiative-title">
      <button type="button" class="link back" onClick={onBack}>
        {t('rec.screening.back')}
      </button>
      <h2 id="initiative-title" tabIndex={-1}>
        {initiative.title}
      </h2>
      <p class="meta">
        <StatusTag status={initiative.status} /> {t(`rec.category.${initiative.category}` as MessageKey)}
      </p>
      <Similar similar={data.similar} />
      <InitiativeView initiative={initiative} open />
      {message && (
        <p class={message.error ? 'error' : 'success'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      {moves.length > 0 && (
        <form class="card" onSubmit={submit} noValidate>
          <fieldset class="question">
            <legend>{t('rec.screening.decide')}</legend>
            <div class="choices">
              {moves.map((move) => (
                <label class="choice" key={move}>
                  <input type="radio" name="target" value={move} checked={target === move} onChange={() => setTarget(move)} />
                  {t(`rec.move.${move}` as MessageKey)}
                </label>
              ))}
            </div>
          </fieldset>
          <TextAreaField id="staff-note" label={t('rec.screening.staffNote')} hint={t('rec.screening.staffNoteHint')} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
          <TextAreaField
            id="public-note"
            label={t('rec.screening.publicNote')}
            hint={needsPublic ? t('rec.screening.publicNoteHintRequired') : t('rec.screening.publicNoteHint')}
            value={publicNote}
            onInput={(e) => setPublicNote(e.currentTarget.value)}
          />
          <button type="submit" class="primary" disabled={!target || working}>
            {working ? t('rec.working') : t('rec.screening.submit')}
          </button>
        </form>
      )}
      <h3>{t('rec.screening.history')}</h3>
      <History history={initiative.history} />
    </article>
  );
}

export function Screening() {
  const { t, lang } = useI18n();
  const [queue, setQueue] = useState<Initiative[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [selected, setSelected] = useState<string | null>(null);

  useEffect(() => {
    setFailed(false);
    fetchScreeningQueue().then(setQueue, () => setFailed(true));
  }, [attempt]);

  const list = failed ? (
    <ErrorState message={t('rec.loadFailed')} onRetry={() => setAttempt((n) => n + 1)} />
  ) : !queue ? (
    <LoadingState />
  ) : queue.length === 0 ? (
    <EmptyState>{t('rec.screening.empty')}</EmptyState>
  ) : (
    <ul class="queue">
      {queue.map((item) => (
        <li key={item.id}>
          <button type="button" class={`queue-item${selected === item.id ? ' selected' : ''}`} aria-pressed={selected === item.id} onClick={() => setSelected(item.id)}>
            <strong>{item.title}</strong>
            <span class="meta">
              {item.adminUnit.name} · {formatTime(item.submittedAt, lang)}
            </span>
            <StatusTag status={item.status} />
          </button>
        </li>
      ))}
    </ul>
  );
  return (
    <section class={`wide screening${selected ? ' has-detail' : ''}`}>
      <h1>{t('rec.screening.title')}</h1>
      <p class="hint">{t('rec.screening.intro')}</p>
      <div class="master-detail">
        <div class="master">{list}</div>
        {selected && (
          <div class="detail-pane">
            <Detail id={selected} onChanged={() => setAttempt((n) => n + 1)} onBack={() => setSelected(null)} />
          </div>
        )}
      </div>
    </section>
  );
}
