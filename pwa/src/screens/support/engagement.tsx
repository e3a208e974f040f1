/**
 * One engagement (`#/support/engagements/<id>`): the request and the offer, and what the
 * viewer may do next: the partner accepts or declines a proposal; the partner or the
 * unit's field staff log the delivery from the field (hours, person-days, people helped,
 * notes; sending it again corrects it); each side rates it once after delivery.
 */
import { useState } from 'preact/hooks';
import { useApp } from '../../app-state';
import { TextAreaField, TextField } from '../../components/fields';
import { PhotoPicker, usePhotoPicker } from '../../components/photo-picker';
import { EmptyState, ErrorState, LoadingState, StatusNotice } from '../../components/states';
import { useFetched } from '../../components/use-loaded';
import type { ServerError } from '../../data/db';
import { type Engagement, type EngagementResult, accept, decline, enqueueDelivery, fetchEngagement, rate, recordDelivery } from '../../data/support';
import { useI18n } from '../../i18n';
import { type ScreenProps, href } from '../../router';
import { fieldErrors } from '../office/events/parts';
import { RequestMeta, Tags, isFieldStaff, isPartner, isRequester } from './parts';

const stars = (rating: number | null) => (rating === null ? '—' : `${rating}/5`);

type Run = (work: () => Promise<EngagementResult>) => Promise<ServerError[]>;

function DeliveryForm({ engagement, run }: { engagement: Engagement; run: Run }) {
  const { t } = useI18n();
  const { viewer, online, syncNow } = useApp();
  const picker = usePhotoPicker();
  const { photos } = picker;
  const owner = viewer?.username ?? '';
  const [queued, setQueued] = useState(false);
  const [hours, setHours] = useState(String(engagement.hoursDelivered || ''));
  const [days, setDays] = useState(String(engagement.personDaysDelivered || ''));
  const [people, setPeople] = useState(String(engagement.peopleHelped || ''));
  const [notes, setNotes] = useState(engagement.notes);
  const [errors, setErrors] = useState<ServerError[]>([]);
  const shown = fieldErrors(errors, ['hours', 'personDays', 'peopleHelped', 'notes']);
  const submit = async (event: Event) => {
    event.preventDefault();
    const input = { id: engagement.id, hours: Number(hours || 0), personDays: Number(days || 0), peopleHelped: Number(people || 0), notes };
    if (!online || photos.length > 0) {
      // no signal, or photos: the outbox sends the log, then its photos (a second send
      // only overwrites the log; a photo already stored is not stored again)
      await enqueueDelivery(owner, { ...input, title: engagement.request.title }, photos);
      picker.clear();
      setErrors([]);
      setQueued(true);
      if (online) void syncNow();
      return;
    }
    setErrors(await run(() => recordDelivery(input)));
  };
  return (
    <form class="stack" onSubmit={submit} aria-labelledby="sup-delivery">
      <h2 id="sup-delivery">{t('sup.delivery')}</h2>
      <TextField id="sup-hours" label={t('sup.hours')} type="number" min={0} step="0.5" value={hours} error={shown.on('hours')} onInput={(e) => setHours(e.currentTarget.value)} />
      <TextField id="sup-days" label={t('sup.personDaysDone')} type="number" min={0} step="0.5" value={days} error={shown.on('personDays')} onInput={(e) => setDays(e.currentTarget.value)} />
      <TextField id="sup-people" label={t('sup.peopleHelped')} type="number" min={0} step="1" value={people} error={shown.on('peopleHelped')} onInput={(e) => setPeople(e.currentTarget.value)} />
      <TextAreaField id="sup-notes" label={t('sup.notes')} value={notes} error={shown.on('notes')} onInput={(e) => setNotes(e.currentTarget.value)} />
      <PhotoPicker picker={picker} />
      {shown.rest.map((message) => (
        <p class="error" role="alert" key={message}>
          {message}
        </p>
      ))}
      {queued && <StatusNotice>{online ? t('sup.sending') : t('sup.queued')} <a href={href({ name: 'outbox' })}>{t('prj.form.outbox')}</a></StatusNotice>}
      <button type="submit" class="button primary">
        {t('sup.saveDelivery')}
      </button>
    </form>
  );
}

function RatingForm({ engagement, run }: { engagement: Engagement; run: Run }) {
  const { t } = useI18n();
  const [rating, setRating] = useState('5');
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<ServerError[]>([]);
  const submit = async (event: Event) => {
    event.preventDefault();
    setErrors(await run(() => rate({ id: engagement.id, rating: Number(rating), comment })));
  };
  return (
    <form class="stack" onSubmit={submit} aria-labelledby="sup-rate">
      <h2 id="sup-rate">{t('sup.rate')}</h2>
      <fieldset class="sup-stars">
        <legend>{t('sup.ratingLabel')}</legend>
        {['1', '2', '3', '4', '5'].map((value) => (
          <label key={value}>
            <input type="radio" name="rating" value={value} checked={rating === value} onChange={() => setRating(value)} /> {value}
          </label>
        ))}
      </fieldset>
      <TextAreaField id="sup-comment" label={t('sup.comment')} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
      {errors.map((e) => (
        <p class="error" role="alert" key={e.code}>
          {e.message}
        </p>
      ))}
      <button type="submit" class="button primary">
        {t('sup.sendRating')}
      </button>
    </form>
  );
}

export function SupportEngagementScreen({ route }: ScreenProps<'supportEngagement'>) {
  const { t } = useI18n();
  const { viewer } = useApp();
  const { state, setState, load } = useFetched(() => fetchEngagement(route.id), [route.id]);
  const [notice, setNotice] = useState<string | null>(null);
  if (state === 'loading') return <LoadingState />;
  if (state === 'error') return <ErrorState message={t('sup.failed')} onRetry={load} />;
  if (state === null) return <EmptyState>{t('sup.notFound')}</EmptyState>;
  const e = state;
  const partner = isPartner(viewer);
  const run: Run = async (work) => {
    setNotice(null);
    try {
      const result = await work();
      if (result.engagement) {
        setState(result.engagement);
        setNotice(t('sup.saved'));
      }
      return result.errors;
    } catch {
      return [{ field: null, code: 'NETWORK', message: t('sup.failed') }];
    }
  };
  const answer = async (work: () => Promise<EngagementResult>) => {
    const errors = await run(work);
    if (errors.length) setNotice(errors.map((x) => x.message).join(' '));
  };
  const canLog = (partner || isFieldStaff(viewer)) && (e.status === 'ACCEPTED' || e.status === 'DELIVERED');
  const myRating = partner ? e.partnerRating : e.requesterRating;
  const canRate = e.status === 'DELIVERED' && myRating === null && (partner || isRequester(viewer));
  return (
    <section class="wide sup-engagement">
      <p>
        <a href={href({ name: 'supportRequests' })}>{t('sup.back')}</a>
      </p>
      <h1>{e.request.title}</h1>
      <p class="sup-status">{t(`sup.engagement.${e.status}`)}</p>
      <RequestMeta request={e.request} />
      <Tags tags={e.request.tags} />
      {e.request.need && <p>{e.request.need}</p>}
      <p>
        {t('sup.offerBy', { partner: e.offer.partner.name, offer: e.offer.title })} · {t('sup.period', { period: e.period })}
      </p>
      {e.status === 'DELIVERED' && (
        <dl class="sup-delivered">
          <dt>{t('sup.hours')}</dt>
          <dd>{e.hoursDelivered}</dd>
          <dt>{t('sup.personDaysDone')}</dt>
          <dd>{e.personDaysDelivered}</dd>
          <dt>{t('sup.peopleHelped')}</dt>
          <dd>{e.peopleHelped}</dd>
          <dt>{t('sup.ratings')}</dt>
          <dd>
            {t('sup.ratingsValue', { requester: stars(e.requesterRating), partner: stars(e.partnerRating) })}
          </dd>
        </dl>
      )}
      {notice && <StatusNotice>{notice}</StatusNotice>}
      {partner && e.status === 'PROPOSED' && (
        <div class="row">
          <button type="button" class="button primary" onClick={() => answer(() => accept(e.id))}>
            {t('sup.accept')}
          </button>
          <button type="button" class="button" onClick={() => answer(() => decline(e.id))}>
            {t('sup.decline')}
          </button>
        </div>
      )}
      {canLog && <DeliveryForm engagement={e} run={run} />}
      {canRate && <RatingForm engagement={e} run={run} />}
    </section>
  );
}
