/**
 * Home: for staff, the day's work (events today and this week, campaigns covering their
 * area with its progress, what waits in the outbox and the last successful sync) above
 * the surveys they can answer; a visitor sees the public surveys only. What was loaded
 * is kept, so the home still shows it without a network.
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../app-state';
import { EmptyState, LoadingState } from '../components/states';
import { rowFor } from '../data/campaigns';
import { getMeta, keep, kept } from '../data/db';
import type { EventSummary } from '../data/events';
import type { ProjectSummary } from '../data/projects';
import { type Summary, loadSummary } from '../data/home';
import { formatDate, formatTime, useI18n } from '../i18n';
import { type ScreenProps, href } from '../router';
import { EDITORS } from './office/links';
import { EventCard, ProgressBar } from '../components/field';

interface Props extends ScreenProps<'home'> {
  surveys: ComponentType<{ nested?: boolean }>;
}

export function Home({ surveys: Surveys }: Props) {
  const { t, lang } = useI18n();
  const { viewer, pending, sync } = useApp();
  const [summary, setSummary] = useState<Summary | null | undefined>(undefined);
  // this week's events, shown before the campaigns' progress is in (one round trip less on 3G)
  const [freshEvents, setFreshEvents] = useState<EventSummary[] | null>(null);
  const [fromDevice, setFromDevice] = useState(false);
  const [lastSync, setLastSync] = useState<string | null>(null);
  const key = `home:${viewer?.username ?? ''}`;

  useEffect(() => {
    if (!viewer) return;
    let live = true;
    void kept<Summary>(key).then((stored) => live && stored && setSummary((now) => now ?? stored));
    loadSummary((events) => live && setFreshEvents(events))
      .then(async (fresh) => {
        await keep(key, fresh);
        if (live) {
          setSummary(fresh);
          setFromDevice(false);
        }
      })
      .catch(async () => {
        const stored = await kept<Summary>(key);
        if (live) {
          setSummary(stored ?? null);
          setFromDevice(true);
        }
      });
    return () => {
      live = false;
    };
  }, [key]);

  useEffect(() => {
    void getMeta('lastSyncAt').then((at) => setLastSync(at ?? null));
  }, [sync.outcome]);

  if (!viewer) return <Surveys />;
  const events = summary?.events ?? freshEvents;
  return (
    <section class="home wide">
      <h1>{t('home.hello', { name: viewer.displayName })}</h1>
      <p class="meta">{t('home.area', { unit: viewer.scope.name })}</p>
      <div class="card status-card">
        <p>
          <a href={href({ name: 'outbox' })}>{t('home.outbox', { count: pending })}</a>
        </p>
        <p class="meta" data-testid="last-sync">
          {lastSync ? t('outbox.lastSync', { time: formatTime(lastSync, lang) }) : t('outbox.neverSynced')}
        </p>
        <p>
          <a href={href({ name: 'card', token: 'me' })}>{t('home.myCard')}</a>
        </p>
        {fromDevice && summary && <p class="hint">{t('home.fromDevice', { time: formatTime(summary.at, lang) })}</p>}
      </div>
      <div class="home-grid">
        <section aria-labelledby="home-events">
          <div class="row">
            <h2 id="home-events">{t('home.events')}</h2>
            <a href={href({ name: 'events' })}>{t('home.allEvents')}</a>
          </div>
          {summary === undefined && events === null ? (
            <LoadingState />
          ) : !events || events.length === 0 ? (
            <EmptyState>{t('home.noEvents')}</EmptyState>
          ) : (
            <ul class="cards">
              {events.map((event) => (
                <li key={event.id}>
                  <EventCard event={event} />
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="home-campaigns">
          <h2 id="home-campaigns">{t('home.campaigns')}</h2>
          {summary === undefined ? (
            <LoadingState />
          ) : !summary || summary.campaigns.length === 0 ? (
            <EmptyState>{t('home.noCampaigns')}</EmptyState>
          ) : (
            <ul class="cards">
              {summary.campaigns.map((progress) => {
                const row = rowFor(progress, viewer.scope.code);
                return (
                  <li key={progress.campaign.id} class="card">
                    <h3>
                      <a href={href({ name: 'campaign', id: progress.campaign.id })}>{progress.campaign.title}</a>
                    </h3>
                    <p class="meta">{row.adminUnit.name}</p>
                    <ProgressBar
                      label={t('campaign.people')}
                      value={row.peopleReached}
                      goal={row.goalPeople}
                    />
                    <ProgressBar label={t('campaign.households')} value={row.householdsReached} goal={row.goalHouseholds} />
                  </li>
                );
              })}
            </ul>
          )}
        </section>
        {viewer.roles.some((role) => EDITORS.includes(role)) && <ReportsDue />}
      </div>
      <Surveys nested />
    </section>
  );
}

/**
 * The editors' reminder: their area's active projects whose status report is due (issue 18),
 * with a link to each project's report form. Nothing while none is due or offline.
 */
function ReportsDue() {
  const { t, lang } = useI18n();
  const [projects, setProjects] = useState<ProjectSummary[]>([]);
  useEffect(() => {
    let live = true;
    // loaded when needed: field staff and visitors never fetch the projects module
    void import('../data/projects')
      .then((data) => data.fetchProjects(null, { reportDue: true, first: 5 }))
      .then(
        (page) => live && setProjects(page.nodes),
        () => undefined,
      );
    return () => {
      live = false;
    };
  }, []);
  if (projects.length === 0) return null;
  return (
    <section aria-labelledby="home-reports">
      <h2 id="home-reports">{t('home.reportsDue')}</h2>
      <ul class="cards">
        {projects.map((project) => (
          <li key={project.id}>
            <article class="card">
              <h3>
                <a href={href({ name: 'project', id: project.id })}>
                  {project.code} · {project.name}
                </a>
              </h3>
              <p class="meta">
                {project.adminUnit.name}
                {project.reportDueOn && <> · {t('prj.nextReport', { date: formatDate(project.reportDueOn, lang) })}</>}
              </p>
            </article>
          </li>
        ))}
      </ul>
    </section>
  );
}
