/** Events of the viewer's area and above it, going on or to come, soonest first ("Load more"). */
import { EventCard } from '../components/field';
import { PagedList } from '../components/paged-list';
import { fetchEvents } from '../data/events';
import { useI18n } from '../i18n';

export function EventList() {
  const { t } = useI18n();
  return (
    <section>
      <h1>{t('events.title')}</h1>
      <PagedList
        load={(after) => fetchEvents(after, { endsAfter: new Date().toISOString() })}
        keyOf={(event) => event.id}
        render={(event) => <EventCard event={event} />}
        empty={t('events.empty')}
        errorMessage={t('events.loadFailed')}
      />
    </section>
  );
}
