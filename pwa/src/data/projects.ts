/**
 * DX projects (issue 18): the projects of the viewer's scope, one project with its
 * milestones, tasks and status reports (kept on the device, so it opens offline), and
 * status reports sent through the outbox (`statusReport` kind): a report written with no
 * signal waits on the phone and is stored once, however often it is sent (its clientId).
 */
import { type QueuedItem, type ServerError, type StoredPhoto, loadKept } from './db';
import { type BatchMutation, type Connection, type Operation, type Page, batchMutation, graphql, operation, pageOf, sendBatch } from './graphql';
import { type OutboxKind, enqueue, replyPerItem } from './outbox';

export type ProjectStatus = 'PROPOSED' | 'APPROVED' | 'IN_PROGRESS' | 'ON_HOLD' | 'DONE' | 'CANCELLED';
export type PlanArea = 'DIGITAL_GOVERNMENT' | 'DIGITAL_ECONOMY' | 'DIGITAL_SOCIETY' | 'INFRASTRUCTURE' | 'SKILLS';
export type Rag = 'RED' | 'AMBER' | 'GREEN';
export type BudgetSource = 'CENTRAL_BUDGET' | 'PROVINCIAL_BUDGET' | 'COMMUNE_BUDGET' | 'ENTERPRISE' | 'OTHER';
export type ReportRhythm = 'MONTHLY' | 'QUARTERLY';
export const BUDGET_SOURCES: BudgetSource[] = ['CENTRAL_BUDGET', 'PROVINCIAL_BUDGET', 'COMMUNE_BUDGET', 'ENTERPRISE', 'OTHER'];
export const PROJECT_STATUSES: ProjectStatus[] = ['PROPOSED', 'APPROVED', 'IN_PROGRESS', 'ON_HOLD', 'DONE', 'CANCELLED'];
export const PLAN_AREAS: PlanArea[] = ['DIGITAL_GOVERNMENT', 'DIGITAL_ECONOMY', 'DIGITAL_SOCIETY', 'INFRASTRUCTURE', 'SKILLS'];
export const RAGS: Rag[] = ['GREEN', 'AMBER', 'RED'];

export interface ProjectSummary {
  id: string;
  code: string;
  name: string;
  area: PlanArea;
  status: ProjectStatus;
  startsOn: string;
  endsOn: string;
  budgetTotal: number;
  spendToDate: number;
  progress: number;
  lastRag: Rag | null;
  late: boolean;
  atRisk: boolean;
  reportDue: boolean;
  reportDueOn: string | null;
  adminUnit: { code: string; name: string };
}

export interface Milestone {
  id: string;
  title: string;
  dueOn: string;
  doneOn: string | null;
  overdue: boolean;
}

export interface Task {
  id: string;
  title: string;
  dueOn: string | null;
  percentDone: number;
  overdue: boolean;
  milestoneId: string | null;
  dependsOnIds: string[];
  assignee: { id: string; fullName: string } | null;
}

export interface StatusReport {
  id: number;
  reportedOn: string;
  text: string;
  rag: Rag;
  progress: number;
  spendToDate: number;
  risks: string;
}

export interface ProjectDetail extends ProjectSummary {
  goal: string;
  lastReportOn: string | null;
  viewerCanEdit: boolean;
  reportRhythm: ReportRhythm;
  nextStatuses: ProjectStatus[];
  organization: { id: string; name: string };
  owner: { id: string; fullName: string } | null;
  team: { id: string; fullName: string }[];
  budgetLines: { source: string; amount: number }[];
  milestones: Milestone[];
  tasks: Task[];
  reports: StatusReport[];
}

const SUMMARY = `id code name area status startsOn endsOn budgetTotal spendToDate progress lastRag late atRisk reportDue reportDueOn adminUnit { code name }`;

const PROJECTS = operation(`query Projects($first: Int, $after: String, $adminUnitCode: String, $status: ProjectStatus, $area: PlanArea, $attentionFirst: Boolean, $reportDue: Boolean) {
  projects(first: $first, after: $after, adminUnitCode: $adminUnitCode, status: $status, area: $area, attentionFirst: $attentionFirst, reportDue: $reportDue) {
    edges { node { ${SUMMARY} } }
    pageInfo { hasNextPage endCursor }
    totalCount
  }
}`);

const PROJECT = operation(`query Project($id: ID!) {
  project(id: $id) {
    ${SUMMARY} goal lastReportOn viewerCanEdit reportRhythm nextStatuses
    organization { id name } owner { id fullName } team { id fullName }
    budgetLines { source amount }
    milestones { id title dueOn doneOn overdue }
    tasks { id title dueOn percentDone overdue milestoneId dependsOnIds assignee { id fullName } }
    reports(last: 12) { id reportedOn text rag progress spendToDate risks }
  }
}`);

export interface ProjectFilter {
  status?: ProjectStatus;
  area?: PlanArea;
  attentionFirst?: boolean;
  adminUnitCode?: string;
  /** Only active projects whose status report is due (the editors' reminder on the home). */
  reportDue?: boolean;
  first?: number;
}

/** Projects of the viewer's scope (or a unit's subtree), a page at a time. */
export async function fetchProjects(after: string | null, filter: ProjectFilter = {}): Promise<Page<ProjectSummary>> {
  const data = await graphql<{ projects: Connection<ProjectSummary> }>(PROJECTS, {
    first: filter.first ?? 20,
    after,
    adminUnitCode: filter.adminUnitCode ?? null,
    status: filter.status ?? null,
    area: filter.area ?? null,
    attentionFirst: filter.attentionFirst ?? true,
    reportDue: filter.reportDue ?? false,
  });
  return pageOf(data.projects);
}

/** One project: from the server (and kept), else as kept on the device. */
export async function fetchProject(id: string): Promise<{ project: ProjectDetail | null; offline: boolean }> {
  const { value, offline } = await loadKept(`project:${id}`, async () => (await graphql<{ project: ProjectDetail | null }>(PROJECT, { id })).project);
  return { project: value, offline };
}

/** An amount in đồng, written the Vietnamese way (1.500.000.000 ₫). */
export function formatVnd(amount: number): string {
  return `${new Intl.NumberFormat('vi-VN').format(amount)} ₫`;
}

// ---------------------------------------------------------------------------------------
// Status reports through the outbox.

export interface ReportInput {
  projectId: string;
  text: string;
  rag: Rag;
  progress: number;
  spendToDate: number;
  risks: string;
  reportedOn: string;
}

export interface StatusReportItem extends QueuedItem {
  input: ReportInput;
  projectName: string;
}

const SUBMIT_REPORT: BatchMutation = {
  operation: 'StatusReports',
  field: 'submitStatusReport',
  inputType: 'SubmitStatusReportInput',
  selection: 'duplicate report { id } errors { field code message }',
};
const SUBMIT = batchMutation(SUBMIT_REPORT);

export interface SubmitPayload {
  duplicate: boolean;
  report: { id: number } | null;
  errors: ServerError[];
}

/** What became of one queued report: refused (kept, with the reasons), stored, or already stored. */
export function reportResult(payload: SubmitPayload): 'REJECTED' | 'CREATED' | 'DUPLICATE' {
  if (payload.errors.length > 0 || !payload.report) return 'REJECTED';
  return payload.duplicate ? 'DUPLICATE' : 'CREATED';
}

export const statusReports: OutboxKind<StatusReportItem> = {
  name: 'statusReport',
  batchSize: SUBMIT.max,
  async send(items) {
    const payloads = await sendBatch<SubmitPayload>(
      SUBMIT,
      items.map((item) => ({ ...item.input, clientId: item.clientId })),
    );
    return replyPerItem(items, payloads, reportResult, true);
  },
  acknowledges: (result) => result === 'CREATED' || result === 'DUPLICATE',
  photoUrl: (photo: StoredPhoto) => `/uploads/none/${encodeURIComponent(photo.clientId)}`,
  describe: (item) => ({ title: item.projectName, collectedAt: item.createdAt }),
};

/** Queue a status report (sent at once when online); returns its clientId. */
export function enqueueStatusReport(owner: string, projectName: string, input: ReportInput): Promise<string> {
  return enqueue<StatusReportItem>({
    kind: statusReports,
    owner,
    photos: new Map(),
    payload: () => ({ input, projectName }),
  });
}

// ---------------------------------------------------------------------------------------
// Planning online (unit managers): a project, its milestones and tasks. Each answers with
// the saved object's id (null when refused) and the server's translated errors.

export interface ProjectFields {
  name: string;
  goal: string;
  area: PlanArea;
  startsOn: string;
  endsOn: string;
  ownerId: string | null;
  teamIds: string[];
  budgetLines: { source: BudgetSource; amount: number }[];
  reportRhythm: ReportRhythm;
}

export interface NewProject extends ProjectFields {
  code: string;
  organizationId: string;
  adminUnitCode: string;
}

export interface TaskFields {
  title: string;
  assigneeId: string | null;
  dueOn: string | null;
  percentDone: number;
  milestoneId: string | null;
  dependsOnIds: string[];
}

export interface PlanSaved {
  id: string | null;
  errors: ServerError[];
}

const ERRORS = 'errors { field code message }';
const CREATE_PROJECT = operation(`mutation CreateProject($input: CreateProjectInput!) { createProject(input: $input) { project { id } ${ERRORS} } }`);
const UPDATE_PROJECT = operation(`mutation UpdateProject($input: UpdateProjectInput!) { updateProject(input: $input) { project { id } ${ERRORS} } }`);
const ADD_MILESTONE = operation(`mutation AddMilestone($input: AddMilestoneInput!) { addMilestone(input: $input) { milestone { id } ${ERRORS} } }`);
const ADD_TASK = operation(`mutation AddTask($input: AddTaskInput!) { addTask(input: $input) { task { id } ${ERRORS} } }`);
const SET_MILESTONE_DONE = operation(`mutation SetMilestoneDone($input: SetMilestoneDoneInput!) { setMilestoneDone(input: $input) { milestone { id } ${ERRORS} } }`);
const UPDATE_TASK = operation(`mutation UpdateTask($input: UpdateTaskInput!) { updateTask(input: $input) { task { id } ${ERRORS} } }`);

async function savePlan(query: Operation, field: string, object: string, input: Record<string, unknown>): Promise<PlanSaved> {
  const data = await graphql<Record<string, { errors: ServerError[] } & Record<string, { id: string } | null>>>(query, { input });
  const payload = data[field];
  const saved = payload?.[object] as { id: string } | null | undefined;
  return { id: saved?.id ?? null, errors: payload?.errors ?? [] };
}

export const createProject = (input: NewProject) => savePlan(CREATE_PROJECT, 'createProject', 'project', { ...input });
export const updateProject = (id: string, input: ProjectFields & { status: ProjectStatus }) =>
  savePlan(UPDATE_PROJECT, 'updateProject', 'project', { id, ...input });
export const addMilestone = (projectId: string, title: string, dueOn: string) =>
  savePlan(ADD_MILESTONE, 'addMilestone', 'milestone', { projectId, title, dueOn });
/** A milestone without tasks marked done (today) or open again; one with tasks follows them. */
export const setMilestoneDone = (id: string, done: boolean) => savePlan(SET_MILESTONE_DONE, 'setMilestoneDone', 'milestone', { id, done });
export const addTask = (projectId: string, input: TaskFields) => savePlan(ADD_TASK, 'addTask', 'task', { projectId, ...input });
/** A task's progress (and only that): the project's progress is rolled up again. */
export const updateTaskProgress = (id: string, percentDone: number) => savePlan(UPDATE_TASK, 'updateTask', 'task', { id, percentDone });
