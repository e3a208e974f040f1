/**
 * One event: time, place, agenda, documents, the viewer's invitation answer
 * (respondToInvitation), and for staff the roster for offline check-in. Opened once, it
 * is kept on the device and shown offline.
 */
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../app-state';
import { BackLink } from '../components/back-link';
import { timeSpan } from '../components/field';
import { ErrorState, LoadingState } from '../components/states';
import { useKeptRecord } from '../components/use-loaded';
import { type KeptRoster, type Rsvp, downloadRoster, fetchEvent, keptRoster, keptRsvp, respondToInvitation } from '../data/events';
import { formatTime, useI18n } from '../i18n';
import { type ScreenProps, href } from '../router';

export function EventScreen({ route }: ScreenProps<'event'>) {
  const { t, lang } = useI18n();
  const { viewer, online } = useApp();
  const { value: event, offline, failed, load } = useKeptRecord(route.id, fetchEvent, (found) => found.event);
  const [roster, setRoster] = useState<KeptRoster | undefined>(undefined);
  const [rsvp, setRsvp] = useState<Rsvp | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  useEffect(() => {
    void keptRoster(route.id).then(setRoster);
    void keptRsvp(route.id).then(setRsvp);
  }, [route.id]);

  if (failed) return <ErrorState message={t('event.loadFailed')} onRetry={load} />;
  if (event === undefined) return <LoadingState />;
  if (event === null) return <ErrorState message={t('event.notFound')} />;

  const answer = async (response: Rsvp): Promise<void> => {
    setBusy(true);
    setMessage(null);
    try {
      const result = await respondToInvitation(event.id, response);
      if (result.rsvp) {
        setRsvp(result.rsvp);
        setMessage({ text: t(`event.rsvp.${result.rsvp}`), error: false });
      } else setMessage({ text: result.errors.map((e) => e.message).join(' ') || t('event.rsvpFailed'), error: true });
    } catch {
      setMessage({ text: t('event.rsvpFailed'), error: true });
    } finally {
      setBusy(false);
    }
  };

  const download = async (): Promise<void> => {
    setBusy(true);
    setMessage(null);
    try {
      const kept = await downloadRoster(event, viewer?.scope.code ?? event.adminUnit.code);
      setRoster(kept);
      setMessage({ text: t('checkIn.downloaded', { count: kept.entries.length }), error: false });
    } catch {
      setMessage({ text: t('checkIn.downloadFailed'), error: true });
    } finally {
      setBusy(false);
    }
  };

  const staff = viewer !== null && viewer.roles.length > 0;
  return (
    <article class="event-detail wide">
      <BackLink to={{ name: 'events' }}>{t('events.title')}</BackLink>
      <h1>{event.title}</h1>
      {offline && <p class="hint">{t('event.fromDevice')}</p>}
      {event.cancelled && <p class="warning">{t('event.cancelled')}</p>}
      <dl class="facts">
        <div>
          <dt>{t('event.when')}</dt>
          <dd>{timeSpan(event.startsAt, event.endsAt, lang)}</dd>
        </div>
        <div>
          <dt>{t('event.where')}</dt>
          <dd>
            {event.place || '—'} · {event.adminUnit.name}
            {event.onlineUrl && (
              <>
                {' · '}
                <a href={event.onlineUrl} rel="noopener noreferrer" target="_blank">
                  {t('event.online')}
                </a>
              </>
            )}
          </dd>
        </div>
        {event.topic && (
          <div>
            <dt>{t('event.topic')}</dt>
            <dd>{event.topic}</dd>
          </div>
        )}
        {event.trainer && (
          <div>
            <dt>{t('event.trainer')}</dt>
            <dd>{event.trainer}</dd>
          </div>
        )}
        <div>
          <dt>{t('event.people')}</dt>
          <dd>{t('event.counts', { invited: event.invitationCount, attended: event.attendanceCount })}</dd>
        </div>
      </dl>
      {event.agenda && (
        <>
          <h2>{t('event.agenda')}</h2>
          <p class="agenda">{event.agenda}</p>
        </>
      )}
      {event.documents.length > 0 && (
        <>
          <h2>{t('event.documents')}</h2>
          <ul>
            {event.documents.map((d) => (
              <li key={d.url}>
                <a href={d.url} rel="noopener noreferrer" target="_blank">
                  {d.title}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      {viewer && (
        <section aria-labelledby="rsvp">
          <h2 id="rsvp">{t('event.invitation')}</h2>
          <p>{rsvp ? t(`event.rsvp.${rsvp}`) : t('event.rsvpUnknown')}</p>
          <div class="actions">
            <button type="button" class="primary" disabled={busy || !online} aria-pressed={rsvp === 'ACCEPTED'} onClick={() => void answer('ACCEPTED')}>
              {t('event.accept')}
            </button>
            <button type="button" class="secondary" disabled={busy || !online} aria-pressed={rsvp === 'DECLINED'} onClick={() => void answer('DECLINED')}>
              {t('event.decline')}
            </button>
          </div>
        </section>
      )}
      {staff && (
        <section aria-labelledby="roster">
          <h2 id="roster">{t('checkIn.title')}</h2>
          <p class="meta">
            {roster
              ? t('checkIn.rosterKept', { count: roster.entries.length, time: formatTime(roster.downloadedAt, lang) })
              : t('checkIn.noRoster')}
          </p>
          <div class="actions">
            <button type="button" class="secondary" disabled={busy || !online} onClick={() => void download()}>
              {roster ? t('checkIn.refresh') : t('checkIn.download')}
            </button>
            {roster && (
              <a class="button primary" href={href({ name: 'checkIn', id: event.id })}>
                {t('checkIn.open')}
              </a>
            )}
          </div>
        </section>
      )}
      {message && (
        <p class={message.error ? 'error' : 'ok'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </article>
  );
}
