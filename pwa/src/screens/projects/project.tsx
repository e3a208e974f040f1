/**
 * One DX project (`#/projects/<id>`): its status, progress and budget, the milestones as
 * a timeline, the tasks with who does them and what they wait for, the status reports,
 * and for those who may change it a status-report form that works offline: the report
 * goes to the outbox and is sent when there is a signal (stored once, by its clientId).
 * Opened once, the project is kept on the device and shown offline.
 */
import { useState } from 'preact/hooks';
import { useApp } from '../../app-state';
import { SelectField, TextAreaField, TextField } from '../../components/fields';
import { lazy } from '../../components/lazy';
import { ErrorState, LoadingState } from '../../components/states';
import { TableHead } from '../../components/table-head';
import { useKeptRecord } from '../../components/use-loaded';
import { type ProjectDetail, RAGS, type Rag, enqueueStatusReport, fetchProject, formatVnd } from '../../data/projects';
import { type MessageKey, formatDate, loadOfficeMessages, useI18n } from '../../i18n';
import { type ScreenProps, href } from '../../router';
import { wholeNumber } from '../office/events/parts';
import { Flags, ProgressBar } from './parts';
import { todayInVietnam } from '../../data/days';

/** The editors' planning forms: their own chunk, with the office's strings, fetched only for editors. */
const PlanTools = lazy(() => Promise.all([import('./plan'), loadOfficeMessages()]).then(([m]) => m.PlanTools));

function ReportForm({ project, onQueued }: { project: ProjectDetail; onQueued: () => void }) {
  const { t } = useI18n();
  const { viewer, online, syncNow } = useApp();
  const [text, setText] = useState('');
  const [rag, setRag] = useState<Rag>('GREEN');
  const [progress, setProgress] = useState(String(project.progress));
  const [spend, setSpend] = useState(String(project.spendToDate));
  const [risks, setRisks] = useState('');
  const [reportedOn, setReportedOn] = useState(todayInVietnam());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);

  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    const found: Record<string, string> = {};
    const percent = wholeNumber(progress);
    const amount = wholeNumber(spend);
    if (text.trim().length < 3) found.text = t('prj.form.textShort');
    if (percent === null || Number.isNaN(percent) || percent < 0 || percent > 100) found.progress = t('prj.form.percent');
    if (amount === null || Number.isNaN(amount) || amount < 0) found.spendToDate = t('prj.form.amount');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    await enqueueStatusReport(viewer?.username ?? '', project.name, {
      projectId: project.id,
      text: text.trim(),
      rag,
      progress: percent ?? 0,
      spendToDate: amount ?? 0,
      risks: risks.trim(),
      reportedOn,
    });
    setText('');
    setRisks('');
    setMessage(online ? t('prj.form.sent') : t('prj.form.queued'));
    const outcome = await syncNow();
    if (outcome) onQueued();
  };

  return (
    <form class="card report-form" onSubmit={(e) => void submit(e)} noValidate>
      <h2>{t('prj.form.title')}</h2>
      <p class="hint">{t('prj.form.hint')}</p>
      <TextAreaField id="prj-text" label={t('prj.form.text')} value={text} error={errors.text} onInput={(e) => setText(e.currentTarget.value)} rows={3} />
      <SelectField
        id="prj-rag"
        label={t('prj.form.rag')}
        value={rag}
        options={RAGS.map((r) => ({ value: r, label: t(`prj.rag.${r}` as MessageKey) }))}
        onChange={(e) => setRag(e.currentTarget.value as Rag)}
      />
      <div class="row-fields">
        <TextField id="prj-progress" label={t('prj.form.progress')} inputMode="numeric" value={progress} error={errors.progress} onInput={(e) => setProgress(e.currentTarget.value)} />
        <TextField id="prj-spend" label={t('prj.form.spend')} inputMode="numeric" value={spend} error={errors.spendToDate} onInput={(e) => setSpend(e.currentTarget.value)} />
        <TextField id="prj-date" type="date" label={t('prj.form.date')} value={reportedOn} onInput={(e) => setReportedOn(e.currentTarget.value)} />
      </div>
      <TextAreaField id="prj-risks" label={t('prj.form.risks')} value={risks} onInput={(e) => setRisks(e.currentTarget.value)} rows={2} />
      <button type="submit" class="primary">
        {t('prj.form.submit')}
      </button>
      {message && (
        <p class="status ok" role="status">
          {message} <a href={href({ name: 'outbox' })}>{t('prj.form.outbox')}</a>
        </p>
      )}
    </form>
  );
}

export function ProjectScreen({ route }: ScreenProps<'project'>) {
  const { t, lang } = useI18n();
  const { value: project, offline, failed, load } = useKeptRecord(route.id, fetchProject, (found) => found.project);

  if (failed) return <ErrorState message={t('prj.loadFailed')} onRetry={load} />;
  if (project === undefined) return <LoadingState />;
  if (project === null)
    return (
      <section>
        <h1>{t('prj.title')}</h1>
        <ErrorState message={t('prj.notFound')} />
      </section>
    );
  const taskTitle = new Map(project.tasks.map((task) => [task.id, task.title]));
  return (
    <section class="wide project-page">
      <p>
        <a href={href({ name: 'projects' })}>← {t('prj.title')}</a>
      </p>
      <h1>{project.name}</h1>
      {offline && <p class="hint">{t('prj.offline')}</p>}
      {project.viewerCanEdit && !offline && (
        <p>
          <a class="button" href={href({ name: 'projectEdit', id: project.id })}>
            {t('prj.edit')}
          </a>
        </p>
      )}
      <p class="meta">
        {project.code} · {project.adminUnit.name} · {project.organization.name} · {t(`prj.area.${project.area}` as MessageKey)}
      </p>
      <div class="project-head">
        <div>
          <p>
            <strong>{t(`prj.status.${project.status}` as MessageKey)}</strong> · {formatDate(project.startsOn, lang)} – {formatDate(project.endsOn, lang)}
          </p>
          <ProgressBar value={project.progress} />
          <Flags project={project} />
          {project.goal && <p>{project.goal}</p>}
          <p class="meta">
            {t('prj.owner')}: {project.owner?.fullName ?? '—'} · {t('prj.team')}: {project.team.map((m) => m.fullName).join(', ') || '—'}
          </p>
        </div>
        <table class="budget">
          <caption>{t('prj.budget')}</caption>
          <tbody>
            {project.budgetLines.map((line, i) => (
              <tr key={i}>
                <th scope="row">{t(`prj.source.${line.source}` as MessageKey)}</th>
                <td>{formatVnd(line.amount)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t('prj.budgetTotal')}</th>
              <td>{formatVnd(project.budgetTotal)}</td>
            </tr>
            <tr>
              <th scope="row">{t('prj.spent')}</th>
              <td>{formatVnd(project.spendToDate)}</td>
            </tr>
          </tbody>
        </table>
      </div>

      <h2>{t('prj.milestones')}</h2>
      {project.milestones.length === 0 ? (
        <p class="empty">{t('prj.noMilestones')}</p>
      ) : (
        <ol class="timeline">
          {project.milestones.map((m) => (
            <li key={m.id} class={m.doneOn ? 'done' : m.overdue ? 'overdue' : ''}>
              <span class="when">{formatDate(m.dueOn, lang)}</span> {m.title}{' '}
              <span class="tag">{m.doneOn ? t('prj.done') : m.overdue ? t('prj.overdue') : t('prj.open')}</span>
            </li>
          ))}
        </ol>
      )}

      <h2>{t('prj.tasks')}</h2>
      {project.tasks.length === 0 ? (
        <p class="empty">{t('prj.noTasks')}</p>
      ) : (
        <div class="table-scroll">
          <table class="tasks">
            <TableHead columns={[t('prj.task'), t('prj.assignee'), t('prj.due'), t('prj.percent'), t('prj.waitsFor')]} />
            <tbody>
              {project.tasks.map((task) => (
                <tr key={task.id} class={task.overdue ? 'overdue' : ''}>
                  <th scope="row">
                    {task.title} {task.overdue && <span class="tag late">{t('prj.overdue')}</span>}
                  </th>
                  <td>{task.assignee?.fullName ?? '—'}</td>
                  <td>{task.dueOn ? formatDate(task.dueOn, lang) : '—'}</td>
                  <td>{task.percentDone} %</td>
                  <td>{task.dependsOnIds.map((id) => taskTitle.get(id) ?? '').join(', ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {project.viewerCanEdit && !offline && <PlanTools project={project} onChanged={load} />}

      <h2>{t('prj.reports')}</h2>
      {project.reportDueOn && <p class="hint">{t('prj.nextReport', { date: formatDate(project.reportDueOn, lang) })}</p>}
      {project.reports.length === 0 ? (
        <p class="empty">{t('prj.noReports')}</p>
      ) : (
        <ul class="reports">
          {project.reports.map((r) => (
            <li key={r.id} class="card">
              <p>
                <span class={`tag rag-${r.rag}`}>{t(`prj.rag.${r.rag}` as MessageKey)}</span> {formatDate(r.reportedOn, lang)} · {r.progress} % ·{' '}
                {t('prj.spent')}: {formatVnd(r.spendToDate)}
              </p>
              <p>{r.text}</p>
              {r.risks && (
                <p class="meta">
                  {t('prj.risks')}: {r.risks}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      {project.viewerCanEdit && <ReportForm project={project} onQueued={load} />}
    </section>
  );
}
