/** One campaign: its goals and its reach per commune (kept for offline use), and "Log an activity". */
import { useApp } from '../app-state';
import { BackLink } from '../components/back-link';
import { ProgressBar } from '../components/field';
import { ErrorState, LoadingState } from '../components/states';
import { useKeptRecord } from '../components/use-loaded';
import { fetchProgress } from '../data/campaigns';
import { useI18n } from '../i18n';
import { type ScreenProps, href } from '../router';

export function CampaignScreen({ route }: ScreenProps<'campaign'>) {
  const { t } = useI18n();
  const { viewer } = useApp();
  const { value: progress, offline, failed, load } = useKeptRecord(route.id, fetchProgress, (found) => found.progress);

  if (failed) return <ErrorState message={t('campaign.loadFailed')} onRetry={load} />;
  if (!progress) return <LoadingState />;
  const { campaign, totals, communes } = progress;
  return (
    <article class="wide">
      <BackLink to={{ name: 'campaigns' }}>{t('campaigns.title')}</BackLink>
      <h1>{campaign.title}</h1>
      {offline && <p class="hint">{t('event.fromDevice')}</p>}
      <p>{campaign.topic}</p>
      {viewer && viewer.roles.length > 0 && (
        <div class="actions">
          <a class="button primary" href={href({ name: 'campaignLog', id: campaign.id })}>
            {t('campaign.log')}
          </a>
        </div>
      )}
      <h2>{t('campaign.totals')}</h2>
      <div class="card">
        <ProgressBar label={t('campaign.people')} value={totals.peopleReached} goal={totals.goalPeople ?? campaign.goalPeople} />
        <ProgressBar label={t('campaign.households')} value={totals.householdsReached} goal={totals.goalHouseholds ?? campaign.goalHouseholds} />
        <p class="meta">{t('campaign.activities', { count: totals.activities })}</p>
      </div>
      <h2>{t('campaign.byCommune')}</h2>
      <ul class="cards progress-grid">
        {communes.map((row) => (
          <li key={row.adminUnit.code} class="card">
            <h3>{row.adminUnit.name}</h3>
            <ProgressBar label={t('campaign.people')} value={row.peopleReached} goal={row.goalPeople} />
            <ProgressBar label={t('campaign.households')} value={row.householdsReached} goal={row.goalHouseholds} />
            <p class="meta">{t('campaign.activities', { count: row.activities })}</p>
          </li>
        ))}
      </ul>
    </article>
  );
}
