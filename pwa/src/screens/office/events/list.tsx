/**
 * The office's events (`#/events/manage`): the events of the viewer's area, from a chosen
 * time on, by kind, cancelled ones on request, and those of the units above it on request
 * (a province training: a commune's manager invites their own members to it, without
 * changing it); each opens its management page. "New event" opens the form.
 */
import { useState } from 'preact/hooks';
import { useApp } from '../../../app-state';
import { timeSpan } from '../../../components/field';
import { CheckField, SelectField } from '../../../components/fields';
import { ListTitle, PagedList } from '../../../components/paged-list';
import { startOfVietnamDay, todayInVietnam } from '../../../data/days';
import { EVENT_KINDS, type EventKind, type EventSummary, fetchEvents } from '../../../data/events';
import { type MessageKey, useI18n } from '../../../i18n';
import { type ScreenProps, href } from '../../../router';
import { editorsOnly } from './parts';

type Period = 'upcoming' | 'recent' | 'all';

/** Where the list starts: the events not over before today (in Vietnam), before 90 days back, or all. */
function endsAfter(period: Period): string | undefined {
  if (period === 'all') return undefined;
  return startOfVietnamDay(todayInVietnam(), period === 'recent' ? -90 : 0);
}

function EventRow({ event }: { event: EventSummary }) {
  const { t, lang } = useI18n();
  return (
    <article class="card event">
      <h2>
        <a href={href({ name: 'eventManage', id: event.id })}>{event.title}</a>
      </h2>
      <p class="meta">
        {t(`event.kind.${event.kind}` as MessageKey)} · {timeSpan(event.startsAt, event.endsAt, lang)}
      </p>
      <p class="meta">
        {event.adminUnit.name}
        {event.place && ` · ${event.place}`}
      </p>
      <p class="meta">
        {t('event.counts', { invited: event.invitationCount, attended: event.attendanceCount })}
        {event.seriesKey && <span class="tag">{t('evm.series')}</span>}
        {event.cancelled && <span class="tag cancelled">{t('event.cancelled')}</span>}
      </p>
    </article>
  );
}

function EventsManageScreen() {
  const { t } = useI18n();
  const { viewer } = useApp();
  const [period, setPeriod] = useState<Period>('upcoming');
  const [kind, setKind] = useState<EventKind | ''>('');
  const [cancelled, setCancelled] = useState(false);
  const [above, setAbove] = useState(false);
  const scope = viewer?.scope.code;
  return (
    <section class="wide office-list">
      <ListTitle title={t('evm.title')} to={{ name: 'eventCreate' }} label={t('evm.create')} />
      <p class="hint">{t('evm.listHint', { unit: viewer?.scope.name ?? '' })}</p>
      <div class="filters">
        <SelectField
          id="evm-period"
          label={t('evm.period')}
          value={period}
          options={(['upcoming', 'recent', 'all'] as const).map((p) => ({ value: p, label: t(`evm.period.${p}`) }))}
          onChange={(e) => setPeriod(e.currentTarget.value as Period)}
        />
        <SelectField
          id="evm-kind"
          label={t('evm.form.kind')}
          value={kind}
          options={[{ value: '', label: t('evm.allKinds') }, ...EVENT_KINDS.map((k) => ({ value: k, label: t(`event.kind.${k}` as MessageKey) }))]}
          onChange={(e) => setKind(e.currentTarget.value as EventKind | '')}
        />
        <CheckField checked={cancelled} onChange={setCancelled}>
          {t('evm.includeCancelled')}
        </CheckField>
        <CheckField checked={above} onChange={setAbove}>
          {t('evm.includeAbove')}
        </CheckField>
      </div>
      <PagedList
        class="cards office-grid"
        reloadKey={`${period}|${kind}|${cancelled}|${above}|${scope}`}
        load={(after) =>
          fetchEvents(after, { endsAfter: endsAfter(period), adminUnitCode: above ? undefined : scope, kind: kind || undefined, includeCancelled: cancelled })
        }
        keyOf={(event) => event.id}
        render={(event) => <EventRow event={event} />}
        empty={t('evm.empty')}
        errorMessage={t('events.loadFailed')}
      />
    </section>
  );
}

export const EventsManage = editorsOnly<ScreenProps<'eventsManage'>>(EventsManageScreen);
