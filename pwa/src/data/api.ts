/** The GraphQL operations the app uses, each mapped to the app's own types. */
import type { CachedSurvey, OutboxItem, ServerError, SyncStatus, UnitOption, Viewer } from './db';
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

type SurveyNode = Omit<CachedSurvey, 'area' | 'owner' | 'cachedAt'> & { adminUnit: UnitOption };

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

interface Connection<T> {
  edges: { node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/**
 * Every node of a connection, 100 (the server's page limit) at a time, at most `pages`
 * pages. `query` takes `$after` and selects `pageInfo { hasNextPage endCursor }`.
 */
async function allNodes<T>(field: string, query: string, pages = 10): Promise<T[]> {
  const nodes: T[] = [];
  let after: string | null = null;
  for (let page = 0; page < pages; page += 1) {
    const data: Record<string, Connection<T>> = await graphql(query, { after });
    const connection = data[field];
    if (!connection) break;
    nodes.push(...connection.edges.map((e) => e.node));
    if (!connection.pageInfo.hasNextPage) break;
    after = connection.pageInfo.endCursor;
  }
  return nodes;
}

/** Published surveys the caller may answer (a visitor sees the public ones). */
export async function fetchPublishedSurveys(owner: string): Promise<CachedSurvey[]> {
  const nodes = await allNodes<SurveyNode>(
    'surveys',
    `query Surveys($after: String) { surveys(status: PUBLISHED, first: 100, after: $after) {
      edges { node { ${SURVEY_FIELDS} } } pageInfo { hasNextPage endCursor } } }`,
  );
  return nodes.map((node) => cached(node, owner));
}

export async function fetchSurvey(id: string, owner: string): Promise<CachedSurvey | null> {
  const data = await graphql<{ survey: SurveyNode | null }>(`query Survey($id: ID!) { survey(id: $id) { ${SURVEY_FIELDS} } }`, {
    id,
  });
  return data.survey ? cached(data.survey, owner) : null;
}

/** The communes and wards of the province (a public query), however many pages. */
export async function fetchUnits(): Promise<UnitOption[]> {
  return allNodes<UnitOption>(
    'adminUnits',
    `query Units($after: String) { adminUnits(first: 100, after: $after) {
      edges { node { code name kind } } pageInfo { hasNextPage endCursor } } }`,
  );
}

export interface SyncResult {
  clientId: string;
  result: SyncStatus;
  /** Stored with every photo it names (null unless CREATED or DUPLICATE). */
  isComplete: boolean | null;
  errors: ServerError[];
}

export interface SyncPayload {
  results: SyncResult[];
  errors: ServerError[];
}

export type ResponseInput = Pick<
  OutboxItem,
  'clientId' | 'surveyId' | 'version' | 'answers' | 'collectedAt' | 'adminUnitCode' | 'deviceId' | 'location'
>;

export async function syncResponses(responses: ResponseInput[]): Promise<SyncPayload> {
  const data = await graphql<{ syncSurveyResponses: SyncPayload }>(
    `mutation Sync($input: SyncSurveyResponsesInput!) { syncSurveyResponses(input: $input) {
      results { clientId result isComplete errors { field code message } } errors { field code message } } }`,
    { input: { responses } },
  );
  return data.syncSurveyResponses;
}
