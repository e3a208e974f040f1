/**
 * Expert support requests (`#/support/requests`). Staff see the requests of their area;
 * editors open a request's ranked matches (with the reasons) and propose an offer. A
 * partner sees the open requests its offers may answer. Below: the engagements (the
 * partner's own, or those of the area), each opening its page.
 */
import { useState } from 'preact/hooks';
import { useApp } from '../../app-state';
import { PagedList } from '../../components/paged-list';
import { EmptyState, ErrorState, LoadingState, SignInFirst, StatusNotice } from '../../components/states';
import { useFetched } from '../../components/use-loaded';
import {
  type Engagement,
  type Match,
  type SupportRequest,
  fetchEngagements,
  fetchMatches,
  fetchRequests,
  propose,
} from '../../data/support';
import { lazy } from '../../components/lazy';
import { loadOfficeMessages, useI18n } from '../../i18n';
import { type ScreenProps, href } from '../../router';
import { SupportFigures } from './figures';
import { RequestMeta, SupportTabs, Tags, isPartner, isRequester } from './parts';

/** The request form: its own chunk, with the office's strings, fetched when an editor opens it. */
const RequestForm = lazy(() => Promise.all([import('./request-form'), loadOfficeMessages()]).then(([m]) => m.RequestForm));

function MatchRow({ match, requestId }: { match: Match; requestId: string }) {
  const { t } = useI18n();
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(match.proposed);
  const send = async () => {
    setBusy(true);
    try {
      const errors = await propose(requestId, match.offer.id);
      setMessage(errors.length ? errors.map((e) => e.message).join(' ') : t('sup.proposed'));
      if (!errors.length) setSent(true);
    } catch {
      setMessage(t('sup.failed'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <li class="sup-match">
      <p>
        <strong>{match.offer.partner.name}</strong> — {match.offer.title} <span class="badge">{t('sup.score', { score: match.score })}</span>
      </p>
      <ul class="sup-reasons">
        <li>{t('sup.tagsCovered', { tags: match.tagsCovered.join(', ') || '—' })}</li>
        {match.tagsMissing.length > 0 && <li>{t('sup.tagsMissing', { tags: match.tagsMissing.join(', ') })}</li>}
        <li>{match.servesArea ? t('sup.servesArea') : t('sup.notServesArea')}</li>
        <li>{t(match.enoughCapacity ? 'sup.capacityOk' : 'sup.capacityShort', { left: match.capacityLeft })}</li>
        <li>{match.averageRating === null ? t('sup.noRating') : t('sup.rating', { rating: match.averageRating, count: match.ratings })}</li>
      </ul>
      {sent ? (
        !message && <p class="meta">{t('sup.alreadyProposed')}</p>
      ) : (
        <button type="button" class="button small" disabled={busy} onClick={send}>
          {t('sup.propose')}
        </button>
      )}
      {message && (
        <p class="meta" role="status">
          {message}
        </p>
      )}
    </li>
  );
}

function Matches({ request }: { request: SupportRequest }) {
  const { t } = useI18n();
  const { state, load } = useFetched(() => fetchMatches(request.id), [request.id]);
  if (state === 'loading') return <LoadingState />;
  if (state === 'error') return <ErrorState message={t('sup.failed')} onRetry={load} />;
  if (state.length === 0) return <EmptyState>{t('sup.noMatches')}</EmptyState>;
  return (
    <ol class="sup-matches" aria-label={t('sup.matchesFor', { title: request.title })}>
      {state.map((m) => (
        <MatchRow key={m.offer.id} match={m} requestId={request.id} />
      ))}
    </ol>
  );
}

function RequestCard({ request, canPropose }: { request: SupportRequest; canPropose: boolean }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <article class="card">
      <h3>{request.title}</h3>
      <RequestMeta request={request} />
      <p class="meta">{t(`sup.status.${request.status}`)}</p>
      <Tags tags={request.tags} />
      {request.need && <p>{request.need}</p>}
      {canPropose && request.status === 'OPEN' && (
        <button type="button" class="button small" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? t('sup.hideMatches') : t('sup.showMatches')}
        </button>
      )}
      {open && <Matches request={request} />}
    </article>
  );
}

export function EngagementCard({ engagement }: { engagement: Engagement }) {
  const { t } = useI18n();
  return (
    <article class="card">
      <h3>
        <a href={href({ name: 'supportEngagement', id: engagement.id })}>{engagement.request.title}</a>
      </h3>
      <p class="meta">
        {engagement.offer.partner.name} · {engagement.request.adminUnit.name}
      </p>
      <p class="meta">{t(`sup.engagement.${engagement.status}`)}</p>
    </article>
  );
}

export function SupportRequests(_: ScreenProps<'supportRequests'>) {
  const { t } = useI18n();
  const { viewer } = useApp();
  if (!viewer) return <SignInFirst title={t('sup.title')}>{t('sup.signIn')}</SignInFirst>;
  const partner = isPartner(viewer);
  const requester = isRequester(viewer);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState(0);
  return (
    <section class="wide">
      <h1>{t('sup.title')}</h1>
      <SupportTabs current="supportRequests" />
      <p class="hint">{partner ? t('sup.partnerHint') : t('sup.staffHint')}</p>
      <h2>{t('sup.requests')}</h2>
      {created > 0 && !creating && <StatusNotice>{t('sup.requestSent')}</StatusNotice>}
      {requester &&
        (creating ? (
          <RequestForm
            onCreated={() => {
              setCreating(false);
              setCreated((n) => n + 1);
            }}
          />
        ) : (
          <button type="button" class="button primary" onClick={() => setCreating(true)}>
            {t('sup.newRequest')}
          </button>
        ))}
      <PagedList
        class="cards office-grid"
        reloadKey={String(created)}
        load={fetchRequests}
        keyOf={(r) => r.id}
        render={(r) => <RequestCard request={r} canPropose={requester} />}
        empty={t('sup.noRequests')}
        errorMessage={t('sup.failed')}
      />
      <h2>{t('sup.engagements')}</h2>
      <PagedList
        class="cards office-grid"
        load={fetchEngagements}
        keyOf={(e) => e.id}
        render={(e) => <EngagementCard engagement={e} />}
        empty={t('sup.noEngagements')}
        errorMessage={t('sup.failed')}
      />
      {!partner && <SupportFigures />}
    </section>
  );
}
