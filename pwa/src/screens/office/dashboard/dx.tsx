/**
 * The dashboard's DX figures for the unit shown: projects by status with the late,
 * at-risk and report-due counts (linking to the list, late first), and expert support
 * (requests met, average hours to a match, person-days delivered, people helped, average
 * rating). Loaded after the KPIs, so the KPIs never wait for them.
 */
import { ErrorState, LoadingState } from '../../../components/states';
import { useRetried } from '../../../components/use-loaded';
import { fetchDxFigures } from '../../../data/dx-figures';
import { formatVnd } from '../../../data/projects';
import { type MessageKey, formatNumber, useI18n } from '../../../i18n';
import { href } from '../../../router';
import { CountBars } from './bars';

export function DxPanel({ code }: { code: string }) {
  const { t, lang } = useI18n();
  const { value: figures, failed, retry } = useRetried(() => fetchDxFigures(code), [code]);
  const n = (value: number | null): string => (value === null ? '—' : formatNumber(value, lang));
  return (
    <div class="dash-grid dash-dx">
      <section aria-labelledby="dash-projects" class="card">
        <h2 id="dash-projects">{t('dash.dx.projects')}</h2>
        {failed && <ErrorState message={t('dash.dx.failed')} onRetry={retry} />}
        {!figures && !failed && <LoadingState />}
        {figures && (
          <>
            <dl class="dash-figures">
              <dt>{t('dash.dx.count')}</dt>
              <dd>{n(figures.projects.total.count)}</dd>
              <dt>{t('dash.dx.late')}</dt>
              <dd class={figures.projects.total.late ? 'bad' : ''}>{n(figures.projects.total.late)}</dd>
              <dt>{t('dash.dx.atRisk')}</dt>
              <dd>{n(figures.projects.total.atRisk)}</dd>
              <dt>{t('dash.dx.reportDue')}</dt>
              <dd>{n(figures.projects.total.reportDue)}</dd>
              <dt>{t('dash.dx.budget')}</dt>
              <dd>{formatVnd(figures.projects.total.budget)}</dd>
            </dl>
            <CountBars
              items={figures.projects.byStatus
                .filter((s) => s.figures.count > 0)
                .map((s) => ({ key: s.status, label: t(`prj.status.${s.status}` as MessageKey), count: s.figures.count }))}
            />
            <p>
              <a href={href({ name: 'projects' })}>{t('dash.dx.open')}</a>
            </p>
          </>
        )}
      </section>
      <section aria-labelledby="dash-support" class="card">
        <h2 id="dash-support">{t('dash.dx.support')}</h2>
        {figures && (
          <dl class="dash-figures">
            <dt>{t('dash.dx.requestsMet')}</dt>
            <dd>
              {n(figures.support.requestsMet)} / {n(figures.support.requests)}
            </dd>
            <dt>{t('dash.dx.hoursToMatch')}</dt>
            <dd>{n(figures.support.averageHoursToMatch)}</dd>
            <dt>{t('dash.dx.personDays')}</dt>
            <dd>{n(figures.support.personDaysDelivered)}</dd>
            <dt>{t('dash.dx.people')}</dt>
            <dd>{n(figures.support.peopleHelped)}</dd>
            <dt>{t('dash.dx.rating')}</dt>
            <dd>{figures.support.averageRating === null ? '—' : `${n(figures.support.averageRating)}/5`}</dd>
          </dl>
        )}
        {figures && (
          <p>
            <a href={href({ name: 'supportRequests' })}>{t('dash.dx.openSupport')}</a>
          </p>
        )}
      </section>
    </div>
  );
}
