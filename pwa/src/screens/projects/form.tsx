/**
 * A new DX project (`#/projects/new`) and changing one (`#/projects/<id>/edit`), for the
 * unit's editors (province admins, unit managers): code, name, goal, plan area, the
 * organisation and unit it belongs to, owner and team (members of that organisation in
 * the registry), dates, budget by source, report rhythm and, when editing, the status
 * (only the transitions the server allows are offered). The server checks everything
 * again (dates in order, members in scope, the budget adding up) and its translated
 * errors are shown on their fields.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../../app-state';
import { FieldError, SelectField, TextAreaField, TextField, draftFields } from '../../components/fields';
import { ErrorState, LoadingState } from '../../components/states';
import { useLoaded } from '../../components/use-loaded';
import type { ServerError } from '../../data/db';
import { type Organization, fetchOrganizers } from '../../data/events';
import {
  BUDGET_SOURCES,
  type BudgetSource,
  PLAN_AREAS,
  type PlanArea,
  type PlanSaved,
  type ProjectDetail,
  type ProjectStatus,
  type ReportRhythm,
  createProject,
  fetchProject,
  formatVnd,
  updateProject,
} from '../../data/projects';
import { type MessageKey, useI18n } from '../../i18n';
import { type ScreenProps, go, href } from '../../router';
import { useMembers } from './members';
import { FormErrors, editorsOnly, fieldErrors, unitOptions, useFocusFirstError, useUnitChoices, wholeNumber } from '../office/events/parts';

const FIELDS = ['code', 'name', 'goal', 'area', 'organizationId', 'adminUnitCode', 'startsOn', 'endsOn', 'ownerId', 'teamIds', 'budgetLines', 'budgetTotal', 'status', 'reportRhythm'] as const;

interface Draft {
  code: string;
  name: string;
  goal: string;
  area: PlanArea;
  adminUnitCode: string;
  organizationId: string;
  startsOn: string;
  endsOn: string;
  ownerId: string;
  teamIds: string[];
  budget: Record<BudgetSource, string>;
  reportRhythm: ReportRhythm;
  status: ProjectStatus;
}

function draftOf(project: ProjectDetail | null, scope: string): Draft {
  const budget = Object.fromEntries(BUDGET_SOURCES.map((s) => [s, ''])) as Record<BudgetSource, string>;
  for (const line of project?.budgetLines ?? []) budget[line.source as BudgetSource] = String(line.amount);
  return {
    code: project?.code ?? '',
    name: project?.name ?? '',
    goal: project?.goal ?? '',
    area: project?.area ?? 'DIGITAL_GOVERNMENT',
    adminUnitCode: project?.adminUnit.code ?? scope,
    organizationId: project?.organization.id ?? '',
    startsOn: project?.startsOn ?? '',
    endsOn: project?.endsOn ?? '',
    ownerId: project?.owner?.id ?? '',
    teamIds: project?.team.map((m) => m.id) ?? [],
    budget,
    reportRhythm: project?.reportRhythm ?? 'MONTHLY',
    status: project?.status ?? 'PROPOSED',
  };
}

export function ProjectForm({ project, onSaved }: { project: ProjectDetail | null; onSaved: (id: string) => void }) {
  const { t } = useI18n();
  const { viewer } = useApp();
  const scope = viewer?.scope.code ?? '';
  const creating = project === null;
  const [draft, setDraft] = useState<Draft>(() => draftOf(project, scope));
  const [errors, setErrors] = useState<ServerError[]>([]);
  const [working, setWorking] = useState(false);
  const organizations = useLoaded(creating ? () => fetchOrganizers(draft.adminUnitCode) : null, [] as Organization[], [draft.adminUnitCode, creating]);
  const units = useUnitChoices(creating ? scope : null);
  const members = useMembers(draft.organizationId);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, errors);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]): void => setDraft((now) => ({ ...now, [key]: value }));

  const amounts = BUDGET_SOURCES.map((source) => ({ source, amount: wholeNumber(draft.budget[source]) }));
  const total = amounts.reduce((sum, line) => sum + (line.amount && line.amount > 0 ? line.amount : 0), 0);
  const shown = fieldErrors(errors, FIELDS);
  const field = draftFields(draft, set, shown.on);

  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    const local: ServerError[] = [];
    if (!draft.startsOn) local.push({ field: 'startsOn', code: 'REQUIRED', message: t('prjf.dateRequired') });
    if (!draft.endsOn) local.push({ field: 'endsOn', code: 'REQUIRED', message: t('prjf.dateRequired') });
    if (creating && !draft.organizationId) local.push({ field: 'organizationId', code: 'REQUIRED', message: t('prjf.orgRequired') });
    if (amounts.some((line) => line.amount !== null && (Number.isNaN(line.amount) || line.amount < 0)))
      local.push({ field: 'budgetLines', code: 'INVALID', message: t('prj.form.amount') });
    setErrors(local);
    if (local.length > 0) return;
    const fields = {
      name: draft.name.trim(),
      goal: draft.goal.trim(),
      area: draft.area,
      startsOn: draft.startsOn,
      endsOn: draft.endsOn,
      ownerId: draft.ownerId || null,
      teamIds: draft.teamIds,
      budgetLines: amounts.filter((line) => line.amount).map((line) => ({ source: line.source, amount: line.amount ?? 0 })),
      reportRhythm: draft.reportRhythm,
    };
    setWorking(true);
    try {
      const saved: PlanSaved = creating
        ? await createProject({ ...fields, code: draft.code.trim(), organizationId: draft.organizationId, adminUnitCode: draft.adminUnitCode })
        : await updateProject(project.id, { ...fields, status: draft.status });
      setErrors(saved.errors);
      if (saved.id && saved.errors.length === 0) onSaved(saved.id);
    } catch {
      setErrors([{ field: null, code: 'NETWORK', message: t('prjf.saveFailed') }]);
    } finally {
      setWorking(false);
    }
  };

  const toggleTeam = (id: string, on: boolean): void =>
    setDraft((now) => ({ ...now, teamIds: on ? [...now.teamIds, id] : now.teamIds.filter((x) => x !== id) }));
  const memberOptions = members.map((m) => ({ value: m.id, label: `${m.fullName}${m.position ? ` (${m.position})` : ''}` }));
  // a member already on the project stays listed even if the registry page did not bring them
  const known = new Map<string, string>([...(project?.team ?? []), ...(project?.owner ? [project.owner] : [])].map((m) => [m.id, m.fullName]));
  for (const m of members) known.delete(m.id);

  return (
    <form ref={formRef} class="card project-form" onSubmit={(e) => void submit(e)} noValidate>
      {creating && (
        <div class="grid2">
          <div>
            <TextField id="pf-code" label={t('prjf.code')} hint={t('prjf.codeHint')} {...field.text('code')} />
          </div>
          <div>
            <SelectField
              id="pf-unit"
              label={t('prjf.unit')}
              value={draft.adminUnitCode}
              options={units ? unitOptions(units) : [{ value: scope, label: viewer?.scope.name ?? scope }]}
              error={shown.on('adminUnitCode')}
              onChange={(e) => setDraft((now) => ({ ...now, adminUnitCode: e.currentTarget.value, organizationId: '', ownerId: '', teamIds: [] }))}
            />
          </div>
        </div>
      )}
      {creating ? (
        <SelectField
          id="pf-org"
          label={t('prjf.organization')}
          placeholder={t('prjf.chooseOrg')}
          value={draft.organizationId}
          options={organizations.map((o) => ({ value: o.id, label: o.name }))}
          error={shown.on('organizationId')}
          onChange={(e) => setDraft((now) => ({ ...now, organizationId: e.currentTarget.value, ownerId: '', teamIds: [] }))}
        />
      ) : (
        <p class="meta">
          {project.code} · {project.organization.name} · {project.adminUnit.name}
        </p>
      )}
      <TextField id="pf-name" label={t('prjf.name')} {...field.text('name')} />
      <TextAreaField id="pf-goal" label={t('prjf.goal')} rows={3} {...field.text('goal')} />
      <div class="grid2">
        <div>
          <SelectField
            id="pf-area"
            label={t('prj.field.area')}
            value={draft.area}
            options={PLAN_AREAS.map((a) => ({ value: a, label: t(`prj.area.${a}` as MessageKey) }))}
            error={shown.on('area')}
            onChange={(e) => set('area', e.currentTarget.value as PlanArea)}
          />
        </div>
        <div>
          {creating ? (
            <SelectField
              id="pf-rhythm"
              label={t('prjf.rhythm')}
              value={draft.reportRhythm}
              options={(['MONTHLY', 'QUARTERLY'] as const).map((r) => ({ value: r, label: t(`prjf.rhythm.${r}`) }))}
              error={shown.on('reportRhythm')}
              onChange={(e) => set('reportRhythm', e.currentTarget.value as ReportRhythm)}
            />
          ) : (
            <SelectField
              id="pf-status"
              label={t('prj.field.status')}
              value={draft.status}
              options={[project.status, ...project.nextStatuses].map((s) => ({ value: s, label: t(`prj.status.${s}` as MessageKey) }))}
              error={shown.on('status')}
              onChange={(e) => set('status', e.currentTarget.value as ProjectStatus)}
            />
          )}
        </div>
      </div>
      <div class="grid2">
        <div>
          <TextField id="pf-starts" type="date" label={t('prjf.startsOn')} {...field.text('startsOn')} />
        </div>
        <div>
          <TextField id="pf-ends" type="date" label={t('prjf.endsOn')} {...field.text('endsOn')} />
        </div>
      </div>
      <SelectField
        id="pf-owner"
        label={t('prj.owner')}
        placeholder={t('prjf.noOwner')}
        options={[...memberOptions, ...[...known].map(([value, label]) => ({ value, label }))]}
        {...field.choice('ownerId')}
      />
      <fieldset class="question">
        <legend>{t('prj.team')}</legend>
        {members.length === 0 && known.size === 0 && <p class="hint">{t('prjf.teamHint')}</p>}
        {[...members.map((m) => [m.id, m.fullName] as const), ...known].map(([id, name]) => (
          <label class="choice" key={id}>
            <input type="checkbox" checked={draft.teamIds.includes(id)} onChange={(e) => toggleTeam(id, e.currentTarget.checked)} /> {name}
          </label>
        ))}
        <FieldError message={shown.on('teamIds')} />
      </fieldset>
      <fieldset class="question">
        <legend>{t('prj.budget')}</legend>
        <div class="grid2">
          {BUDGET_SOURCES.map((source) => (
            <div key={source}>
              <TextField
                id={`pf-budget-${source}`}
                label={t(`prj.source.${source}` as MessageKey)}
                inputMode="numeric"
                value={draft.budget[source]}
                onInput={(e) => set('budget', { ...draft.budget, [source]: e.currentTarget.value })}
              />
            </div>
          ))}
        </div>
        <p class="meta" aria-live="polite">
          {t('prj.budgetTotal')}: {formatVnd(total)}
        </p>
        {(shown.on('budgetLines') || shown.on('budgetTotal')) && (
          <p class="error" role="alert">
            {shown.on('budgetLines') ?? shown.on('budgetTotal')}
          </p>
        )}
      </fieldset>
      <FormErrors messages={shown.rest} />
      <div class="row">
        <button type="submit" class="primary" disabled={working}>
          {creating ? t('prjf.create') : t('prjf.save')}
        </button>
        <a class="button" href={project ? href({ name: 'project', id: project.id }) : href({ name: 'projects' })}>
          {t('prjf.cancel')}
        </a>
      </div>
    </form>
  );
}

function ProjectNewScreen(_: ScreenProps<'projectNew'>) {
  const { t } = useI18n();
  return (
    <section class="wide office-form">
      <p>
        <a href={href({ name: 'projects' })}>← {t('prj.title')}</a>
      </p>
      <h1>{t('prjf.newTitle')}</h1>
      <ProjectForm project={null} onSaved={(id) => go({ name: 'project', id })} />
    </section>
  );
}

function ProjectEditScreen({ route }: ScreenProps<'projectEdit'>) {
  const { t } = useI18n();
  const [project, setProject] = useState<ProjectDetail | null | 'loading' | 'error'>('loading');
  const load = (): void => {
    setProject('loading');
    fetchProject(route.id).then(
      (found) => setProject(found.offline ? 'error' : found.project),
      () => setProject('error'),
    );
  };
  useEffect(load, [route.id]);
  if (project === 'loading') return <LoadingState />;
  if (project === 'error') return <ErrorState message={t('prj.loadFailed')} onRetry={load} />;
  if (project === null || !project.viewerCanEdit) return <ErrorState message={t('prj.notFound')} />;
  return (
    <section class="wide office-form">
      <p>
        <a href={href({ name: 'project', id: project.id })}>← {project.name}</a>
      </p>
      <h1>{t('prjf.editTitle')}</h1>
      <ProjectForm project={project} onSaved={(id) => go({ name: 'project', id })} />
    </section>
  );
}

export const ProjectNew = editorsOnly(ProjectNewScreen);
export const ProjectEdit = editorsOnly(ProjectEditScreen);
