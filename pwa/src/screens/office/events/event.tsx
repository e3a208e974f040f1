/**
 * One event for its organisers (`#/events/<id>/manage`): its facts and counts, links to
 * its public page and check-in; edit it (and add the minutes), cancel or restore it;
 * invite members; follow the answers; who came, and for a training the scores, results
 * and certificates. Online only.
 */
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../../../app-state';
import { BackLink } from '../../../components/back-link';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { timeSpan } from '../../../components/field';
import { ErrorState, LoadingState } from '../../../components/states';
import { type AttendanceRow, type ManagedEvent, type RosterEntry, fetchAttendance, fetchManagedEvent, fetchRoster, inScope, rsvpCounts, updateEvent } from '../../../data/events';
import { type MessageKey, useI18n } from '../../../i18n';
import { type ScreenProps, href } from '../../../router';
import { EventForm } from './event-form';
import { InviteForm } from './invite';
import { FormErrors, editorsOnly } from './parts';
import { Attendance, Rsvps } from './people';

function EventManageScreen({ route }: ScreenProps<'eventManage'>) {
  const { t, lang } = useI18n();
  const { viewer } = useApp();
  const [event, setEvent] = useState<ManagedEvent | null | undefined>(undefined);
  const [roster, setRoster] = useState<RosterEntry[]>([]);
  const [attendance, setAttendance] = useState<AttendanceRow[]>([]);
  const [failed, setFailed] = useState(false);
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  const loadPeople = (): void => {
    fetchRoster(route.id).then(setRoster, () => setFailed(true));
    fetchAttendance(route.id).then(setAttendance, () => setFailed(true));
  };
  const load = (): void => {
    setFailed(false);
    fetchManagedEvent(route.id).then(
      (found) => {
        setEvent(found);
        if (found) loadPeople(); // an event outside the viewer's area is simply not found
      },
      () => setFailed(true),
    );
  };
  useEffect(load, [route.id]);

  if (failed) return <ErrorState message={t('event.loadFailed')} onRetry={load} />;
  if (event === undefined) return <LoadingState />;
  if (event === null) return <ErrorState message={t('event.notFound')} />;

  const counts = rsvpCounts(roster);
  const completed = attendance.filter((a) => a.completed).length;
  const training = event.kind === 'TRAINING';
  // the figures over the event's page, each with what it counts (a training's completions too)
  const stats: [number, string][] = [
    [event.invitationCount, t('evm.stat.invited')],
    [counts.ACCEPTED, t('evm.stat.accepted')],
    [counts.DECLINED, t('evm.stat.declined')],
    [counts.PENDING, t('evm.stat.pending')],
    [event.attendanceCount, t('evm.stat.attended')],
    ...(training ? [[completed, t('evm.stat.completed')] as [number, string]] : []),
  ];
  const scope = viewer?.scope.code ?? '';
  const editable = inScope(event.adminUnit.path, scope);

  const setCancelled = async (cancelled: boolean): Promise<void> => {
    setConfirming(false);
    setMessage(null);
    try {
      const result = await updateEvent({ id: event.id, cancelled });
      if (result.event) setEvent(result.event);
      setMessage(
        result.errors.length > 0
          ? { text: result.errors.map((e) => e.message).join(' '), error: true }
          : { text: t(cancelled ? 'evm.cancelledNow' : 'evm.restoredNow'), error: false },
      );
    } catch {
      setMessage({ text: t('evm.saveFailed'), error: true });
    }
  };

  return (
    <section class="wide event-manage">
      <BackLink to={{ name: 'eventsManage' }}>{t('evm.title')}</BackLink>
      <h1>{event.title}</h1>
      <p class="meta">
        {t(`event.kind.${event.kind}` as MessageKey)} · {timeSpan(event.startsAt, event.endsAt, lang)} · {event.adminUnit.name}
        {event.place && ` · ${event.place}`}
        {event.seriesKey && <span class="tag">{t('evm.series')}</span>}
        {event.cancelled && <span class="tag cancelled">{t('event.cancelled')}</span>}
      </p>
      <ul class="stat-row" aria-label={t('evm.counts')}>
        {stats.map(([count, label]) => (
          <li key={label}>
            <strong>{count}</strong> {label}
          </li>
        ))}
      </ul>
      <div class="actions compact">
        <a class="button secondary" href={href({ name: 'event', id: event.id })}>
          {t('evm.openPage')}
        </a>
        <a class="button secondary" href={href({ name: 'checkIn', id: event.id })}>
          {t('evm.openCheckIn')}
        </a>
        {editable && (
          <button type="button" class="secondary" aria-expanded={editing} onClick={() => setEditing(!editing)}>
            {editing ? t('evm.closeEdit') : t('evm.edit')}
          </button>
        )}
        {editable &&
          (event.cancelled ? (
            <button type="button" class="secondary" onClick={() => void setCancelled(false)}>
              {t('evm.restore')}
            </button>
          ) : (
            <button type="button" class="danger" onClick={() => setConfirming(true)}>
              {t('evm.cancel')}
            </button>
          ))}
      </div>
      {!editable && <p class="notice">{t('evm.aboveNotice', { unit: event.adminUnit.name, scope: viewer?.scope.name ?? '' })}</p>}
      {message && (
        <p class={`flash ${message.error ? 'error' : 'ok'}`} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      {confirming && (
        <ConfirmDialog message={t('evm.cancelConfirm', { title: event.title })} confirmLabel={t('evm.cancel')} danger onConfirm={() => void setCancelled(true)} onCancel={() => setConfirming(false)} />
      )}
      {editing && (
        <section class="card" aria-labelledby="edit-heading">
          <h2 id="edit-heading">{t('evm.edit')}</h2>
          <EventForm
            event={event}
            onCancel={() => setEditing(false)}
            onSubmit={async (values) => {
              if (!('update' in values)) return [];
              const result = await updateEvent({ id: event.id, ...values.update });
              if (result.event) {
                setEvent(result.event);
                setEditing(false);
                setMessage({ text: t('evm.saved'), error: false });
              }
              return result.errors;
            }}
          />
        </section>
      )}
      <div class="manage-grid">
        <section class="card" aria-labelledby="invite-heading">
          <h2 id="invite-heading">{t('evm.invite.title')}</h2>
          {event.cancelled ? <FormErrors messages={[t('evm.invite.cancelled')]} /> : <InviteForm event={event} area={editable ? event.adminUnit : { code: scope, name: viewer?.scope.name ?? scope }} onInvited={load} />}
        </section>
        <section class="card" aria-labelledby="rsvp-heading">
          <h2 id="rsvp-heading">{t('evm.rsvp.title')}</h2>
          <Rsvps roster={roster} />
        </section>
      </div>
      <section aria-labelledby="attendance-heading">
        <h2 id="attendance-heading">{training ? t('evm.people.titleTraining') : t('evm.people.title')}</h2>
        <Attendance event={event} rows={attendance} onSaved={loadPeople} />
      </section>
    </section>
  );
}

export const EventManage = editorsOnly(EventManageScreen);
