/**
 * Surveys for the office (issue 14): the surveys of the viewer's area with their status,
 * creating and changing them (a published survey's new questions make a new version),
 * publishing and closing, results per question and unit, text answers page by page, and
 * the address of the responses' export. Online only: every call goes straight to the
 * server through graphql.ts. The field side (answering, the outbox) is data/surveys.ts;
 * the definition's types are the rule evaluator's (rules/form.ts).
 */
import type { Definition, QuestionKind } from '../rules/form';
import type { ServerError } from './db';
import { type Connection, type Operation, type Page, graphql, operation, pageOf } from './graphql';

export type SurveyStatus = 'DRAFT' | 'PUBLISHED' | 'CLOSED' | 'ARCHIVED';
export const SURVEY_STATUSES: SurveyStatus[] = ['DRAFT', 'PUBLISHED', 'CLOSED', 'ARCHIVED'];

/** Every question kind the server accepts (surveys/definition.py QuestionKind). */
export const QUESTION_KINDS: QuestionKind[] = [
  'TEXT',
  'LONG_TEXT',
  'INTEGER',
  'DECIMAL',
  'SINGLE_CHOICE',
  'MULTIPLE_CHOICE',
  'DATE',
  'RATING',
  'YES_NO',
  'LOCATION',
  'PHOTO',
  'AUDIO',
  'FILE',
  'NOTE',
  'CALCULATE',
  'TIME',
  'DATETIME',
  'BARCODE',
  'ACKNOWLEDGE',
  'GEOTRACE',
  'GEOSHAPE',
  'RANGE',
];

/** The audience a survey may name. */
export { ORGANIZATION_KINDS, NETWORK_ROLES } from './vocabulary';

export interface Unit {
  code: string;
  name: string;
  path: string;
}

export interface ManagedSurvey {
  id: string;
  title: string;
  description: string;
  status: SurveyStatus;
  isPublic: boolean;
  organizationKinds: string[];
  networkRoles: string[];
  opensAt: string | null;
  closesAt: string | null;
  currentVersion: number;
  definition: Definition;
  createdAt: string;
  adminUnit: Unit;
}

const FIELDS = `id title description status isPublic organizationKinds networkRoles opensAt closesAt
  currentVersion definition createdAt adminUnit { code name path }`;

const LIST = operation(`query ManagedSurveys($after: String, $status: SurveyStatus) {
  surveys(first: 20, after: $after, status: $status) { totalCount edges { node { ${FIELDS} } } pageInfo { hasNextPage endCursor } } }`);
const ONE = operation(`query ManagedSurvey($id: ID!) { survey(id: $id) { ${FIELDS} } }`);
const AREA = operation(`query SurveyAreas($code: String!) { adminUnit(code: $code) { code name path
  children(first: 100) { edges { node { code name path } } } } }`);

const PAYLOAD = `survey { ${FIELDS} } errors { field code message }`;
const CREATE = operation(`mutation CreateSurvey($input: CreateSurveyInput!) { createSurvey(input: $input) { ${PAYLOAD} } }`);
const UPDATE = operation(`mutation UpdateSurvey($input: UpdateSurveyInput!) { updateSurvey(input: $input) { ${PAYLOAD} } }`);
const PUBLISH = operation(`mutation PublishSurvey($input: SurveyIdInput!) { publishSurvey(input: $input) { ${PAYLOAD} } }`);
const CLOSE = operation(`mutation CloseSurvey($input: CloseSurveyInput!) { closeSurvey(input: $input) { ${PAYLOAD} } }`);

const RESULTS = operation(`query SurveyResults($id: ID!, $unit: String) { surveyResults(surveyId: $id, adminUnitCode: $unit) {
  responses area { code name path parentCode }
  units { adminUnit { code name path } responses }
  questions { key kind labelVi labelEn repeat answered options { value count percent } numbers { count mean median min max } } } }`);
const TEXTS = operation(`query SurveyTexts($id: ID!, $key: String!, $unit: String, $after: String) {
  surveyTextAnswers(surveyId: $id, questionKey: $key, adminUnitCode: $unit, first: 10, after: $after) {
  totalCount edges { node { text } } pageInfo { hasNextPage endCursor } } }`);

export async function fetchManagedSurveys(after: string | null, status: SurveyStatus | null): Promise<Page<ManagedSurvey>> {
  const data = await graphql<{ surveys: Connection<ManagedSurvey> }>(LIST, { after, status });
  return pageOf(data.surveys);
}

export async function fetchManagedSurvey(id: string): Promise<ManagedSurvey | null> {
  return (await graphql<{ survey: ManagedSurvey | null }>(ONE, { id })).survey;
}

/** The viewer's unit and the units right below it: the areas a new survey may cover. */
export async function fetchSurveyAreas(scopeCode: string): Promise<Unit[]> {
  const data = await graphql<{ adminUnit: (Unit & { children: Connection<Unit> }) | null }>(AREA, { code: scopeCode });
  if (!data.adminUnit) return [];
  const { children, ...scope } = data.adminUnit;
  return [scope, ...children.edges.map((e) => e.node)];
}

/** Whether the viewer may change the survey: it covers their unit or one below it. */
export function mayEdit(survey: ManagedSurvey, scopePath: string | null): boolean {
  return scopePath !== null && survey.adminUnit.path.startsWith(scopePath);
}

export interface SurveyFields {
  title: string;
  description: string;
  definition: Definition;
  organizationKinds: string[];
  networkRoles: string[];
  isPublic: boolean;
  opensAt: string | null;
  closesAt: string | null;
}

export interface Saved {
  survey: ManagedSurvey | null;
  errors: ServerError[];
}

type Payload = Record<string, Saved>;

async function send(query: Operation, name: string, input: Record<string, unknown>): Promise<Saved> {
  const data = await graphql<Payload>(query, { input });
  return data[name] as Saved;
}

export function createSurvey(fields: SurveyFields & { adminUnitCode: string }): Promise<Saved> {
  return send(CREATE, 'createSurvey', { ...fields });
}

/** Save changes; new questions on a published survey freeze a new version. */
export function updateSurvey(id: string, fields: Partial<SurveyFields>): Promise<Saved> {
  return send(UPDATE, 'updateSurvey', { id, ...fields });
}

export function publishSurvey(id: string): Promise<Saved> {
  return send(PUBLISH, 'publishSurvey', { id });
}

/** PUBLISHED → CLOSED, or CLOSED → ARCHIVED with `archive`. */
export function closeSurvey(id: string, archive = false): Promise<Saved> {
  return send(CLOSE, 'closeSurvey', { id, archive });
}

export interface OptionCount {
  value: string;
  count: number;
  percent: number;
}

export interface NumberSummary {
  count: number;
  mean: number | null;
  median: number | null;
  min: number | null;
  max: number | null;
}

export interface QuestionResult {
  key: string;
  kind: QuestionKind;
  labelVi: string;
  labelEn: string;
  /** The repeat holding the question (the innermost), null at the top level: its counts are then of instances. */
  repeat: string | null;
  answered: number;
  options: OptionCount[];
  numbers: NumberSummary | null;
}

export interface SurveyResults {
  responses: number;
  area: Unit & { parentCode: string | null };
  units: { adminUnit: Unit; responses: number }[];
  questions: QuestionResult[];
}

export async function fetchSurveyResults(id: string, unitCode: string | null): Promise<SurveyResults> {
  return (await graphql<{ surveyResults: SurveyResults }>(RESULTS, { id, unit: unitCode })).surveyResults;
}

/** Answers to a text question (or `<key>_other`), oldest first, ten a page. */
export async function fetchTextAnswers(id: string, key: string, unitCode: string | null, after: string | null): Promise<Page<TextAnswer>> {
  const data = await graphql<{ surveyTextAnswers: Connection<{ text: string }> }>(TEXTS, { id, key, unit: unitCode, after });
  const page = pageOf(data.surveyTextAnswers);
  // answers have no id: their place in the list is their key
  return { ...page, nodes: page.nodes.map((node, i) => ({ text: node.text, key: `${after ?? ''}#${i}` })) };
}

export interface TextAnswer {
  text: string;
  /** Its place in the list (answers have no id of their own). */
  key: string;
}

/** Every response as a spreadsheet (api/routes/surveys.py), within a unit when given. */
export function exportUrl(id: string, format: 'csv' | 'xlsx', unitCode: string | null): string {
  const query = unitCode ? `?adminUnitCode=${encodeURIComponent(unitCode)}` : '';
  return `/exports/survey-responses/${surveyNumber(id)}.${format}${query}`;
}

/** The survey's number inside its global id ("Survey:12" in base64), which the route
 * takes as is (a base64 id may hold a "/", which no path segment can). */
export function surveyNumber(id: string): string {
  try {
    const [type, number] = atob(id).split(':');
    if (type === 'Survey' && number && /^\d+$/.test(number)) return number;
  } catch {
    // not base64: pass it through encoded, the server answers 404
  }
  return encodeURIComponent(id);
}
