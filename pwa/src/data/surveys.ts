/**
 * The surveys domain: published surveys and their definitions (fetched, and kept on the
 * device for offline use), and survey responses as a kind of outbox item, sent with
 * `syncSurveyResponses` and their photos POSTed to /uploads/survey-photos/.
 */
import type { Answers } from '../rules/form';
import { type CachedSurvey, type QueuedItem, type ServerError, type StoredPhoto, type UnitOption, database } from './db';
import { allNodes, graphql, operation } from './graphql';
import { type OutboxKind, enqueue } from './outbox';

type SurveyNode = Omit<CachedSurvey, 'area' | 'owner' | 'cachedAt'> & { adminUnit: UnitOption };

const SURVEY_FIELDS = 'id title description isPublic currentVersion definition adminUnit { code name kind }';

const SURVEYS = operation(`query Surveys($after: String) { surveys(status: PUBLISHED, first: 100, after: $after) {
  edges { node { ${SURVEY_FIELDS} } } pageInfo { hasNextPage endCursor } } }`);
const SURVEY = operation(`query Survey($id: ID!) { survey(id: $id) { ${SURVEY_FIELDS} } }`);
const SYNC = operation(`mutation Sync($input: SyncSurveyResponsesInput!) { syncSurveyResponses(input: $input) {
  results { clientId result isComplete errors { field code message } } errors { field code message } } }`);

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
  const nodes = await allNodes<SurveyNode>('surveys', SURVEYS);
  return nodes.map((node) => cached(node, owner));
}

export async function fetchSurvey(id: string, owner: string): Promise<CachedSurvey | null> {
  const data = await graphql<{ survey: SurveyNode | null }>(SURVEY, { id });
  return data.survey ? cached(data.survey, owner) : null;
}

export async function cacheSurveys(surveys: CachedSurvey[], owner: string): Promise<void> {
  const db = await database();
  const tx = db.transaction('surveys', 'readwrite');
  const fresh = new Set(surveys.map((s) => s.id));
  for (const old of await tx.store.getAll()) {
    if (old.owner === owner && !fresh.has(old.id)) await tx.store.delete(old.id);
  }
  for (const survey of surveys) await tx.store.put(survey);
  await tx.done;
}

export async function cacheSurvey(survey: CachedSurvey): Promise<void> {
  await (await database()).put('surveys', survey);
}

export async function cachedSurveys(owner: string): Promise<CachedSurvey[]> {
  const all = await (await database()).getAll('surveys');
  return all.filter((s) => s.owner === owner || s.isPublic).sort(byTitle);
}

/** Surveys in Vietnamese alphabetical order of their titles. */
export function byTitle(a: CachedSurvey, b: CachedSurvey): number {
  return a.title.localeCompare(b.title, 'vi');
}

export async function cachedSurvey(id: string): Promise<CachedSurvey | undefined> {
  return (await database()).get('surveys', id);
}

export type SyncStatus = 'CREATED' | 'DUPLICATE' | 'CONFLICT' | 'REJECTED';

/** A submitted response waiting in the outbox (items saved before kinds existed have no `kind`). */
export interface SurveyResponseItem extends QueuedItem {
  surveyId: string;
  surveyTitle: string;
  version: number;
  answers: Answers;
  collectedAt: string;
  adminUnitCode: string;
  deviceId: string;
  location: { latitude: number; longitude: number; accuracy: number | null } | null;
  result: SyncStatus | null;
}

interface SyncResult {
  clientId: string;
  result: SyncStatus;
  /** Stored with every photo it names (null unless CREATED or DUPLICATE). */
  isComplete: boolean | null;
  errors: ServerError[];
}

interface SyncPayload {
  results: SyncResult[];
  errors: ServerError[];
}

type ResponseInput = Pick<
  SurveyResponseItem,
  'clientId' | 'surveyId' | 'version' | 'answers' | 'collectedAt' | 'adminUnitCode' | 'deviceId' | 'location'
>;

function asInput(item: SurveyResponseItem): ResponseInput {
  return {
    clientId: item.clientId,
    surveyId: item.surveyId,
    version: item.version,
    answers: item.answers,
    collectedAt: item.collectedAt,
    adminUnitCode: item.adminUnitCode,
    deviceId: item.deviceId,
    location: item.location,
  };
}

/** Survey responses in the outbox: up to 100 a call, CREATED and DUPLICATE acknowledge one. */
export const surveyResponses: OutboxKind<SurveyResponseItem> = {
  name: 'surveyResponse',
  batchSize: 100,
  async send(items) {
    const data = await graphql<{ syncSurveyResponses: SyncPayload }>(SYNC, { input: { responses: items.map(asInput) } });
    const payload = data.syncSurveyResponses;
    return {
      errors: payload.errors,
      results: payload.results.map((r) => ({
        clientId: r.clientId,
        result: r.result,
        errors: r.errors,
        photosStored: r.isComplete === true,
      })),
    };
  },
  acknowledges: (result) => result === 'CREATED' || result === 'DUPLICATE',
  photoUrl: (photo: StoredPhoto) =>
    `/uploads/survey-photos/${encodeURIComponent(photo.clientId)}/${encodeURIComponent(photo.questionKey)}`,
  describe: (item) => ({ title: item.surveyTitle, collectedAt: item.collectedAt }),
};

export interface NewResponse {
  surveyId: string;
  surveyTitle: string;
  version: number;
  answers: Answers;
  adminUnitCode: string;
  deviceId: string;
  location: SurveyResponseItem['location'];
  owner: string;
  /** Photo blobs by question key; the answer to each is its SHA-256 already. */
  photos: Map<string, { blob: Blob; sha256: string }>;
}

/** Save a submitted response (and its photos) and drop its draft in one transaction; returns its clientId. */
export function enqueueResponse(response: NewResponse): Promise<string> {
  const { photos, owner, ...fields } = response;
  return enqueue<SurveyResponseItem>({
    kind: surveyResponses,
    owner,
    photos,
    payload: (now) => ({ ...fields, collectedAt: now }),
    draftKey: [owner, response.surveyId],
  });
}
