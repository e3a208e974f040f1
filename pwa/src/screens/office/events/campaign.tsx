/**
 * One campaign's progress for the office (`#/campaigns/<id>/manage`): reach against the
 * overall goals, then a table per commune (people and households reached against each
 * commune's goals, the share of the goal, activities logged), sorted by the share so the
 * communes furthest behind come first, and the units targeted with their goals.
 */
import { useEffect, useState } from 'preact/hooks';
import { BackLink } from '../../../components/back-link';
import { ProgressBar } from '../../../components/field';
import { ErrorState, LoadingState } from '../../../components/states';
import { TableHead } from '../../../components/table-head';
import { type CampaignProgress, type ProgressRow, fetchProgress } from '../../../data/campaigns';
import { type Language, useI18n } from '../../../i18n';
import { type ScreenProps, href } from '../../../router';
import { editorsOnly, formatCount, formatDay } from './parts';

/** "120 / 500" and its share ("24 %"), or the count alone without a goal. */
function Reach({ value, goal, rate, lang }: { value: number; goal: number | null; rate: number | null; lang: Language }) {
  if (!goal) return <>{formatCount(value, lang)}</>;
  const percent = Math.round((rate ?? value / goal) * 100);
  const tone = percent >= 100 ? 'reached' : percent >= 50 ? 'halfway' : 'behind';
  return (
    <>
      {formatCount(value, lang)} / {formatCount(goal, lang)} <span class={`rate ${tone}`}>{percent} %</span>
    </>
  );
}

const shareOf = (row: ProgressRow): number => row.peopleRate ?? row.householdsRate ?? Number.POSITIVE_INFINITY;

function CampaignManageScreen({ route }: ScreenProps<'campaignManage'>) {
  const { t, lang } = useI18n();
  const [progress, setProgress] = useState<CampaignProgress | null>(null);
  const [failed, setFailed] = useState(false);
  const load = (): void => {
    setFailed(false);
    fetchProgress(route.id).then(
      (found) => setProgress(found.progress),
      () => setFailed(true),
    );
  };
  useEffect(load, [route.id]);

  if (failed) return <ErrorState message={t('campaign.loadFailed')} onRetry={load} />;
  if (!progress) return <LoadingState />;
  const { campaign, totals } = progress;
  const communes = [...progress.communes].sort((a, b) => shareOf(a) - shareOf(b) || a.adminUnit.name.localeCompare(b.adminUnit.name, 'vi'));
  return (
    <section class="wide campaign-manage">
      <BackLink to={{ name: 'campaignsManage' }}>{t('cpm.title')}</BackLink>
      <h1>{campaign.title}</h1>
      <p class="meta">
        {formatDay(campaign.startsOn, lang)} – {formatDay(campaign.endsOn, lang)} · {campaign.adminUnit.name}
      </p>
      {campaign.topic && <p>{campaign.topic}</p>}
      <div class="actions compact">
        <a class="button secondary" href={href({ name: 'campaign', id: campaign.id })}>
          {t('cpm.openPage')}
        </a>
        <button type="button" class="secondary" onClick={load}>
          {t('cpm.refresh')}
        </button>
      </div>
      <h2>{t('campaign.totals')}</h2>
      <div class="card">
        <ProgressBar label={t('campaign.people')} value={totals.peopleReached} goal={totals.goalPeople ?? (campaign.goalPeople || null)} />
        <ProgressBar label={t('campaign.households')} value={totals.householdsReached} goal={totals.goalHouseholds ?? (campaign.goalHouseholds || null)} />
        <p class="meta">{t('campaign.activities', { count: totals.activities })}</p>
      </div>
      <h2>{t('campaign.byCommune')}</h2>
      {communes.length === 0 ? (
        <p class="empty">{t('cpm.noCommunes')}</p>
      ) : (
        <div class="table-wrap">
          <table class="results progress-table stack">
            <caption class="sr-only">{t('cpm.tableCaption')}</caption>
            <TableHead columns={[t('cpm.commune'), t('campaign.people'), t('campaign.households'), t('cpm.activities')]} />
            <tbody>
              {communes.map((row) => (
                <tr key={row.adminUnit.code} data-unit={row.adminUnit.code}>
                  <th scope="row">{row.adminUnit.name}</th>
                  <td data-label={t('campaign.people')}>
                    <Reach value={row.peopleReached} goal={row.goalPeople} rate={row.peopleRate} lang={lang} />
                  </td>
                  <td data-label={t('campaign.households')}>
                    <Reach value={row.householdsReached} goal={row.goalHouseholds} rate={row.householdsRate} lang={lang} />
                  </td>
                  <td data-label={t('cpm.activities')}>{formatCount(row.activities, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t('cpm.targets')}</h2>
      <ul class="cards office-grid">
        {campaign.targets.map((target) => (
          <li key={target.adminUnit.code} class="card">
            <strong>{target.adminUnit.name}</strong>
            <p class="meta">
              {t('cpm.goals', {
                people: target.goalPeople === null ? '—' : formatCount(target.goalPeople, lang),
                households: target.goalHouseholds === null ? '—' : formatCount(target.goalHouseholds, lang),
              })}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

export const CampaignManage = editorsOnly(CampaignManageScreen);
