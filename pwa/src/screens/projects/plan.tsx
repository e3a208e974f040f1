/**
 * Planning a project, for its editors (a chunk of its own, with the office's strings,
 * loaded by the project's page only for those who may change it): add a milestone, add a
 * task (assignee from the organisation's members, due date, milestone, the tasks it waits
 * for, percent done), and move a task's percent done. Online: the server refuses a
 * dependency cycle, dates outside the project or progress over 100 % with translated
 * errors shown on their fields; a saved change reloads the project (its progress rolled up).
 */
import { useRef, useState } from 'preact/hooks';
import { CheckField, FieldError, SelectField, TextField, toggled } from '../../components/fields';
import type { ServerError } from '../../data/db';
import { type Milestone, type PlanSaved, type ProjectDetail, type Task, addMilestone, addTask, setMilestoneDone, updateTaskProgress } from '../../data/projects';
import { useI18n } from '../../i18n';
import { FormErrors, fieldErrors, useFocusFirstError, wholeNumber } from '../office/events/parts';
import { useMembers } from './members';

type Save = (work: () => Promise<PlanSaved>) => Promise<ServerError[]>;

function useSave(onChanged: () => void): Save {
  const { t } = useI18n();
  return async (work) => {
    try {
      const saved = await work();
      if (saved.id && saved.errors.length === 0) onChanged();
      return saved.errors;
    } catch {
      return [{ field: null, code: 'NETWORK', message: t('prjf.saveFailed') }];
    }
  };
}

function MilestoneForm({ project, save }: { project: ProjectDetail; save: Save }) {
  const { t } = useI18n();
  const [title, setTitle] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [errors, setErrors] = useState<ServerError[]>([]);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, errors);
  const shown = fieldErrors(errors, ['title', 'dueOn']);
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (!dueOn) return setErrors([{ field: 'dueOn', code: 'REQUIRED', message: t('prjf.dateRequired') }]);
    const found = await save(() => addMilestone(project.id, title.trim(), dueOn));
    setErrors(found);
    if (found.length === 0) {
      setTitle('');
      setDueOn('');
    }
  };
  return (
    <form ref={formRef} class="card stack" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="pf-ms-title">
      <h3 id="pf-ms-title">{t('prjf.addMilestone')}</h3>
      <TextField id="pf-ms-name" label={t('prjf.milestoneTitle')} value={title} error={shown.on('title')} onInput={(e) => setTitle(e.currentTarget.value)} />
      <TextField id="pf-ms-due" type="date" label={t('prj.due')} value={dueOn} error={shown.on('dueOn')} onInput={(e) => setDueOn(e.currentTarget.value)} />
      <FormErrors messages={shown.rest} />
      <button type="submit" class="primary">
        {t('prjf.addMilestone')}
      </button>
    </form>
  );
}

function TaskForm({ project, save }: { project: ProjectDetail; save: Save }) {
  const { t } = useI18n();
  const members = useMembers(project.organization.id);
  const [title, setTitle] = useState('');
  const [assigneeId, setAssigneeId] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [milestoneId, setMilestoneId] = useState('');
  const [dependsOn, setDependsOn] = useState<string[]>([]);
  const [percent, setPercent] = useState('0');
  const [errors, setErrors] = useState<ServerError[]>([]);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, errors);
  const shown = fieldErrors(errors, ['title', 'assigneeId', 'dueOn', 'milestoneId', 'dependsOnIds', 'percentDone']);
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    const percentDone = wholeNumber(percent);
    if (percentDone === null || Number.isNaN(percentDone) || percentDone < 0 || percentDone > 100)
      return setErrors([{ field: 'percentDone', code: 'INVALID', message: t('prj.form.percent') }]);
    const found = await save(() =>
      addTask(project.id, { title: title.trim(), assigneeId: assigneeId || null, dueOn: dueOn || null, percentDone, milestoneId: milestoneId || null, dependsOnIds: dependsOn }),
    );
    setErrors(found);
    if (found.length === 0) {
      setTitle('');
      setDueOn('');
      setDependsOn([]);
      setPercent('0');
    }
  };
  return (
    <form ref={formRef} class="card stack" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="pf-task-title">
      <h3 id="pf-task-title">{t('prjf.addTask')}</h3>
      <TextField id="pf-task-name" label={t('prjf.taskTitle')} value={title} error={shown.on('title')} onInput={(e) => setTitle(e.currentTarget.value)} />
      <div class="grid2">
        <div>
          <SelectField
            id="pf-task-assignee"
            label={t('prj.assignee')}
            placeholder={t('prjf.noAssignee')}
            value={assigneeId}
            options={members.map((m) => ({ value: m.id, label: m.fullName }))}
            error={shown.on('assigneeId')}
            onChange={(e) => setAssigneeId(e.currentTarget.value)}
          />
        </div>
        <div>
          <TextField id="pf-task-due" type="date" label={t('prj.due')} value={dueOn} error={shown.on('dueOn')} onInput={(e) => setDueOn(e.currentTarget.value)} />
        </div>
        <div>
          <SelectField
            id="pf-task-milestone"
            label={t('prjf.milestone')}
            placeholder={t('prjf.noMilestone')}
            value={milestoneId}
            options={project.milestones.map((m) => ({ value: m.id, label: m.title }))}
            error={shown.on('milestoneId')}
            onChange={(e) => setMilestoneId(e.currentTarget.value)}
          />
        </div>
        <div>
          <TextField id="pf-task-percent" label={t('prj.percent')} inputMode="numeric" value={percent} error={shown.on('percentDone')} onInput={(e) => setPercent(e.currentTarget.value)} />
        </div>
      </div>
      {project.tasks.length > 0 && (
        <fieldset class="question">
          <legend>{t('prj.waitsFor')}</legend>
          {project.tasks.map((task) => (
            <CheckField key={task.id} checked={dependsOn.includes(task.id)} onChange={(on) => setDependsOn((now) => toggled(now, task.id, on))}>
              {' '}
              {task.title}
            </CheckField>
          ))}
          <FieldError message={shown.on('dependsOnIds')} />
        </fieldset>
      )}
      <FormErrors messages={shown.rest} />
      <button type="submit" class="primary">
        {t('prjf.addTask')}
      </button>
    </form>
  );
}

/** A task's percent done, changed in its row. */
export function TaskProgress({ task, onChanged }: { task: Task; onChanged: () => void }) {
  const { t } = useI18n();
  const save = useSave(onChanged);
  const [value, setValue] = useState(String(task.percentDone));
  const [errors, setErrors] = useState<ServerError[]>([]);
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    const percent = wholeNumber(value);
    if (percent === null || Number.isNaN(percent) || percent < 0 || percent > 100)
      return setErrors([{ field: 'percentDone', code: 'INVALID', message: t('prj.form.percent') }]);
    setErrors(await save(() => updateTaskProgress(task.id, percent)));
  };
  return (
    <form class="task-progress" onSubmit={(e) => void submit(e)} noValidate>
      <TextField
        id={`pf-progress-${task.id}`}
        label={t('prjf.percentOf', { task: task.title })}
        inputMode="numeric"
        value={value}
        error={errors.map((x) => x.message).join(' ') || null}
        onInput={(e) => setValue(e.currentTarget.value)}
      />
      <button type="submit" class="small">
        {t('prjf.saveProgress')}
      </button>
    </form>
  );
}

/** A milestone without tasks: done (or open again) by hand; one with tasks follows them. */
function MilestoneDone({ milestone, onChanged }: { milestone: Milestone; onChanged: () => void }) {
  const { t } = useI18n();
  const save = useSave(onChanged);
  const [errors, setErrors] = useState<ServerError[]>([]);
  const done = milestone.doneOn !== null;
  return (
    <div class="task-progress">
      <span>{milestone.title}</span>
      <button type="button" class="small" onClick={() => void save(() => setMilestoneDone(milestone.id, !done)).then(setErrors)}>
        {done ? t('prjf.milestoneReopen', { title: milestone.title }) : t('prjf.milestoneDone', { title: milestone.title })}
      </button>
      {errors.length > 0 && <p class="error">{errors.map((x) => x.message).join(' ')}</p>}
    </div>
  );
}

/** The planning forms under the project's timeline. */
export function PlanTools({ project, onChanged }: { project: ProjectDetail; onChanged: () => void }) {
  const { t } = useI18n();
  const save = useSave(onChanged);
  const withTasks = new Set(project.tasks.map((task) => task.milestoneId));
  const byHand = project.milestones.filter((m) => !withTasks.has(m.id));
  return (
    <section class="plan-tools" aria-label={t('prjf.plan')}>
      <h2>{t('prjf.plan')}</h2>
      {project.tasks.length > 0 && (
        <details class="card">
          <summary>{t('prjf.updateProgress')}</summary>
          {project.tasks.map((task) => (
            <TaskProgress key={`${task.id}:${task.percentDone}`} task={task} onChanged={onChanged} />
          ))}
        </details>
      )}
      {byHand.length > 0 && (
        <details class="card">
          <summary>{t('prjf.milestonesByHand')}</summary>
          {byHand.map((milestone) => (
            <MilestoneDone key={`${milestone.id}:${milestone.doneOn ?? ''}`} milestone={milestone} onChanged={onChanged} />
          ))}
        </details>
      )}
      <div class="plan-forms">
        <MilestoneForm project={project} save={save} />
        <TaskForm project={project} save={save} />
      </div>
    </section>
  );
}
