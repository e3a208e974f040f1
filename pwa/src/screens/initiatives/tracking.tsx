/**
 * `#/track/<code>`: an initiative by its tracking code, no account needed. Its status,
 * the timeline of status changes with the public notes staff wrote, never anything
 * personal (the API has none to give). When staff asked for more information, the
 * submitter answers here (`provideInitiativeInfo`, with the phone given at submission).
 * The last answer is kept on the phone, so the page opens offline too.
 */
import { useEffect, useState } from 'preact/hooks';
import { BackLink } from '../../components/back-link';
import { TextAreaField, TextField } from '../../components/fields';
import { ErrorState, LoadingState, StatusNotice } from '../../components/states';
import type { ServerError } from '../../data/db';
import { GraphQLError } from '../../data/graphql';
import { LIMITS, type TrackedInitiative, provideInfo, trackInitiative } from '../../data/initiatives';
import { formatTime, useI18n } from '../../i18n';
import { type ScreenProps, href } from '../../router';
import { TrackingCode } from './submitted';

type Loaded = { initiative: TrackedInitiative; offline: boolean } | { error: string } | null;

function AnswerForm({ code, onAnswered }: { code: string; onAnswered: (initiative: TrackedInitiative) => void }) {
  const { t } = useI18n();
  const [phone, setPhone] = useState('');
  const [info, setInfo] = useState('');
  const [errors, setErrors] = useState<ServerError[]>([]);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const fieldError = (...fields: string[]): string | null => errors.find((e) => e.field !== null && fields.includes(e.field))?.message ?? null;

  const send = async (e: Event): Promise<void> => {
    e.preventDefault();
    const [min, max] = LIMITS.info;
    const local: ServerError[] = [];
    if (!phone.trim()) local.push({ field: 'phone', code: 'REQUIRED', message: t('init.required') });
    if (info.trim().length < min || info.trim().length > max)
      local.push({ field: 'info', code: 'INVALID_LENGTH', message: t('init.length', { min, max, n: info.trim().length }) });
    setErrors(local);
    setFailed(null);
    if (local.length > 0) return;
    setBusy(true);
    try {
      const reply = await provideInfo(code, phone, info.trim());
      setErrors(reply.errors);
      if (reply.initiative) onAnswered(reply.initiative);
    } catch (error) {
      setFailed(error instanceof GraphQLError ? error.message : t('track.answerOffline'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card answer-form" onSubmit={(e) => void send(e)} noValidate>
      <h2>{t('track.answerTitle')}</h2>
      <TextField
        id="answer-phone"
        type="tel"
        inputMode="tel"
        autocomplete="tel"
        label={t('track.answerPhone')}
        hint={t('track.answerPhoneHint')}
        value={phone}
        error={fieldError('phone', 'code')}
        onInput={(e) => setPhone(e.currentTarget.value)}
      />
      <TextAreaField
        id="answer-info"
        label={t('track.answerInfo')}
        rows={5}
        maxLength={LIMITS.info[1]}
        value={info}
        error={fieldError('info')}
        onInput={(e) => setInfo(e.currentTarget.value)}
      />
      {errors
        .filter((e) => e.field === null || !['phone', 'code', 'info'].includes(e.field))
        .map((e) => (
          <p key={e.code} class="error" role="alert">
            {e.message}
          </p>
        ))}
      {failed && <ErrorState message={failed} />}
      <button type="submit" class="primary" disabled={busy}>
        {busy ? t('form.saving') : t('track.answerSend')}
      </button>
    </form>
  );
}

export function TrackingScreen({ route }: ScreenProps<'trackCode'>) {
  const { t, lang } = useI18n();
  const [loaded, setLoaded] = useState<Loaded>(null);
  const [answered, setAnswered] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    setLoaded(null);
    trackInitiative(route.code).then(
      (found) => live && setLoaded(found),
      (error: unknown) => live && setLoaded({ error: error instanceof GraphQLError ? error.message : t('track.loadFailed') }),
    );
    return () => {
      live = false;
    };
  }, [route.code, attempt]);

  if (loaded === null) return <LoadingState />;
  if ('error' in loaded) {
    return (
      <section class="narrow-form">
        <h1>{t('track.title')}</h1>
        <ErrorState message={loaded.error} onRetry={() => setAttempt((n) => n + 1)} />
        <a href={href({ name: 'track' })}>{t('track.back')}</a>
      </section>
    );
  }
  const { initiative, offline } = loaded;
  const history = [...initiative.history].reverse();

  return (
    <section class="wide tracking-page">
      <BackLink to={{ name: 'track' }}>{t('track.back')}</BackLink>
      <h1>{initiative.title}</h1>
      <p class="meta">
        {t(`rec.category.${initiative.category}`)} · {initiative.adminUnit.name} ·{' '}
        {t('track.submittedAt', { time: formatTime(initiative.submittedAt, lang) })}
      </p>
      {offline && <StatusNotice>{t('track.offline')}</StatusNotice>}
      <div class="tracking-grid">
        <div>
          <p class="status-now">
            {t('track.statusNow')}{' '}
            <strong class={`status status-${initiative.status}`} data-testid="tracking-status">
              {t(`rec.status.${initiative.status}`)}
            </strong>
          </p>
          {initiative.publicNote && (
            <blockquote class={initiative.status === 'NEEDS_INFO' ? 'public-note needs-info' : 'public-note'}>
              <p class="hint">{t('track.latestNote')}</p>
              <p data-testid="public-note">{initiative.publicNote}</p>
            </blockquote>
          )}
          {answered && <StatusNotice>{t('track.answered')}</StatusNotice>}
          {initiative.status === 'NEEDS_INFO' && !offline && (
            <AnswerForm
              code={initiative.trackingCode}
              onAnswered={(next) => {
                setLoaded({ initiative: next, offline: false });
                setAnswered(true);
              }}
            />
          )}
          {initiative.status === 'NEEDS_INFO' && offline && <p class="warning">{t('track.answerNeedsSignal')}</p>}
          <TrackingCode code={initiative.trackingCode} />
        </div>
        <div>
          <h2>{t('track.timeline')}</h2>
          <ol class="timeline">
            {history.map((change, i) => (
              <li key={`${change.at}-${i}`} class={i === 0 ? 'current' : undefined}>
                <p>
                  <strong>{t(`rec.status.${change.status}`)}</strong>{' '}
                  <time dateTime={change.at} class="hint">
                    {formatTime(change.at, lang)}
                  </time>
                </p>
                {change.publicNote && <p class="note">{change.publicNote}</p>}
              </li>
            ))}
          </ol>
        </div>
      </div>
    </section>
  );
}
