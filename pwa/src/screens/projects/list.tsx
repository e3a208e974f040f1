/**
 * DX projects (`#/projects`): the projects of the viewer's area, late and at-risk ones
 * first, filtered by status and plan area; each opens its page. Staff of every role read
 * them; signed-out visitors are sent to sign in.
 */
import { useState } from 'preact/hooks';
import { useApp } from '../../app-state';
import { CheckField, SelectField } from '../../components/fields';
import { PagedList } from '../../components/paged-list';
import { SignInFirst } from '../../components/states';
import { PLAN_AREAS, PROJECT_STATUSES, type PlanArea, type ProjectStatus, type ProjectSummary, fetchProjects, formatVnd } from '../../data/projects';
import { type MessageKey, formatDate, useI18n } from '../../i18n';
import { type ScreenProps, href } from '../../router';
import { EDITORS } from '../office/links';
import { Flags, ProgressBar } from './parts';

function ProjectRow({ project }: { project: ProjectSummary }) {
  const { t, lang } = useI18n();
  return (
    <article class={`card project${project.late ? ' late' : project.atRisk ? ' at-risk' : ''}`}>
      <h2>
        <a href={href({ name: 'project', id: project.id })}>{project.name}</a>
      </h2>
      <p class="meta">
        {project.code} · {project.adminUnit.name} · {t(`prj.area.${project.area}` as MessageKey)}
      </p>
      <ProgressBar value={project.progress} />
      <p class="meta">
        {t(`prj.status.${project.status}` as MessageKey)} · {t('prj.ends', { date: formatDate(project.endsOn, lang) })} ·{' '}
        {formatVnd(project.budgetTotal)}
      </p>
      <Flags project={project} />
    </article>
  );
}

export function ProjectList(_props: ScreenProps<'projects'>) {
  const { t } = useI18n();
  const { viewer } = useApp();
  const [status, setStatus] = useState<ProjectStatus | ''>('');
  const [area, setArea] = useState<PlanArea | ''>('');
  const [attention, setAttention] = useState(true);
  if (!viewer) return <SignInFirst title={t('prj.title')}>{t('prj.signIn')}</SignInFirst>;
  return (
    <section class="wide projects">
      <h1>{t('prj.title')}</h1>
      <p class="hint">{t('prj.listHint', { unit: viewer.scope.name })}</p>
      {viewer.roles.some((role) => EDITORS.includes(role)) && (
        <p>
          <a class="button primary" href={href({ name: 'projectNew' })}>
            {t('prj.new')}
          </a>
        </p>
      )}
      <div class="filters">
        <SelectField
          id="prj-status"
          label={t('prj.field.status')}
          value={status}
          options={[{ value: '', label: t('prj.allStatuses') }, ...PROJECT_STATUSES.map((s) => ({ value: s, label: t(`prj.status.${s}` as MessageKey) }))]}
          onChange={(e) => setStatus(e.currentTarget.value as ProjectStatus | '')}
        />
        <SelectField
          id="prj-area"
          label={t('prj.field.area')}
          value={area}
          options={[{ value: '', label: t('prj.allAreas') }, ...PLAN_AREAS.map((a) => ({ value: a, label: t(`prj.area.${a}` as MessageKey) }))]}
          onChange={(e) => setArea(e.currentTarget.value as PlanArea | '')}
        />
        <CheckField checked={attention} onChange={setAttention}>
          {t('prj.attentionFirst')}
        </CheckField>
      </div>
      <PagedList
        class="cards office-grid"
        reloadKey={`${status}|${area}|${attention}|${viewer.scope.code}`}
        load={(after) => fetchProjects(after, { status: status || undefined, area: area || undefined, attentionFirst: attention })}
        keyOf={(project) => project.id}
        render={(project) => <ProjectRow project={project} />}
        empty={t('prj.empty')}
        errorMessage={t('prj.loadFailed')}
      />
    </section>
  );
}
