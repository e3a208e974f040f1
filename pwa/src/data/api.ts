/** The GraphQL operations the app uses, each mapped to the app's own types. */
import type { Definition } from '../rules/form';
import type { CachedSurvey, ServerError, UnitOption, Viewer } from './db';
import { graphql } from './graphql';

const VIEWER_FIELDS = 'username displayName roles scope { code name kind }';

export async function fetchViewer(): Promise<Viewer | null> {
  const data = await graphql<{ viewer: Viewer | null }>(`query Viewer { viewer { ${VIEWER_FIELDS} } }`);
  return data.viewer;
}

export interface LoginResult {
  viewer: Viewer | null;
  errors: ServerError[];
}

export async function login(username: string, password: string): Promise<LoginResult> {
  const data = await graphql<{ login: LoginResult }>(
    `mutation Login($input: LoginInput!) { login(input: $input) { viewer { ${VIEWER_FIELDS} } errors { field code message } } }`,
    { input: { username, password } },
  );
  return data.login;
}

export async function logout(): Promise<void> {
  await graphql<{ logout: { ok: boolean } }>('mutation Logout { logout { ok errors { code } } }');
}

interface SurveyNode {
  id: string;
  title: string;
  description: string;
  isPublic: boolean;
  currentVersion: number;
  definition: Definition;
  adminUnit: UnitOption;
}

const SURVEY_FIELDS = 'id title description isPublic currentVersion definition adminUnit { code name kind }';

function cached(node: SurveyNode, owner: string): CachedSurvey {
  return {
    id: node.id,
    title: node.title,
    description: node.description,
    isPublic: node.isPublic,
    currentVersion: node.currentVersion,
    definition: node.definition,
    area: node.adminUnit,
    owner,
    cachedAt: new Date().toISOString(),
  };
}

/** Published surveys the caller may answer (a visitor sees the public ones). */
export async function fetchPublishedSurveys(owner: string): Promise<CachedSurvey[]> {
  const surveys: CachedSurvey[] = [];
  let after: string | null = null;
  for (let page = 0; page < 10; page += 1) {
    const data: { surveys: { edges: { node: SurveyNode }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } =
      await graphql(
        `query Surveys($after: String) { surveys(status: PUBLISHED, first: 100, after: $after) {
          edges { node { ${SURVEY_FIELDS} } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
    surveys.push(...data.surveys.edges.map((e) => cached(e.node, owner)));
    if (!data.surveys.pageInfo.hasNextPage) break;
    after = data.surveys.pageInfo.endCursor;
  }
  return surveys;
}

export async function fetchSurvey(id: string, owner: string): Promise<CachedSurvey | null> {
  const data = await graphql<{ survey: SurveyNode | null }>(`query Survey($id: ID!) { survey(id: $id) { ${SURVEY_FIELDS} } }`, {
    id,
  });
  return data.survey ? cached(data.survey, owner) : null;
}

/** The communes and wards of the province (a public query). */
export async function fetchUnits(): Promise<UnitOption[]> {
  const data = await graphql<{ adminUnits: { edges: { node: UnitOption }[] } }>(
    'query Units { adminUnits(first: 100) { edges { node { code name kind } } } }',
  );
  return data.adminUnits.edges.map((e) => e.node);
}

export interface SyncResult {
  clientId: string;
  result: 'CREATED' | 'DUPLICATE' | 'CONFLICT' | 'REJECTED';
  /** Stored with every photo it names (null unless CREATED or DUPLICATE). */
  isComplete: boolean | null;
  errors: ServerError[];
}

export interface SyncPayload {
  results: SyncResult[];
  errors: ServerError[];
}

export interface ResponseInput {
  clientId: string;
  surveyId: string;
  version: number;
  answers: Record<string, unknown>;
  collectedAt: string;
  adminUnitCode: string;
  deviceId: string;
  location: { latitude: number; longitude: number; accuracy: number | null } | null;
}

export async function syncResponses(responses: ResponseInput[]): Promise<SyncPayload> {
  const data = await graphql<{ syncSurveyResponses: SyncPayload }>(
    `mutation Sync($input: SyncSurveyResponsesInput!) { syncSurveyResponses(input: $input) {
      results { clientId result isComplete errors { field code message } } errors { field code message } } }`,
    { input: { responses } },
  );
  return data.syncSurveyResponses;
}
