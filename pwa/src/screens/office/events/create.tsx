/**
 * A new event or series (`#/events/manage/new`): the event form; once created, the
 * first occurrence's page, where its invitations are sent.
 */
import { BackLink } from '../../../components/back-link';
import { createEvent } from '../../../data/events';
import { useI18n } from '../../../i18n';
import { type ScreenProps, go } from '../../../router';
import { EventForm } from './event-form';
import { editorsOnly } from './parts';

function EventCreateScreen() {
  const { t } = useI18n();
  return (
    <section class="wide office-form">
      <BackLink to={{ name: 'eventsManage' }}>{t('evm.title')}</BackLink>
      <h1>{t('evm.create')}</h1>
      <div class="card">
        <EventForm
          event={null}
          onCancel={() => go({ name: 'eventsManage' })}
          onSubmit={async (values) => {
            if (!('create' in values)) return [];
            const created = await createEvent(values.create);
            const first = created.ids[0];
            if (first) go({ name: 'eventManage', id: first });
            return created.errors;
          }}
        />
      </div>
    </section>
  );
}

export const EventCreate = editorsOnly<ScreenProps<'eventCreate'>>(EventCreateScreen);
