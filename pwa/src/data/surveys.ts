/**
 * The surveys domain: published surveys and their definitions (fetched, and kept on the
 * device for offline use), and survey responses as a kind of outbox item, sent with
 * `syncSurveyResponses` and their photos POSTed to /uploads/survey-photos/.
 */
import type { Answers } from '../rules/form';
import { parseName } from '../rules/paths';
import { type CachedSurvey, type Draft, type QueuedItem, type ServerError, type StoredPhoto, type UnitOption, database, keep, kept } from './db';
import { allNodes, graphql, operation } from './graphql';
import { type OutboxKind, enqueue, outboxItem } from './outbox';

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

let early: Promise<SurveyNode[] | null> | null = null;

/**
 * Ask for the published surveys at start-up, beside "who is signed in", when the app opens
 * on the home (which lists them): the server answers for the session either way, and on
 * a 3G line this saves a round trip (about 0.4 s) before the list shows. Used once.
 */
export function prefetchSurveys(): void {
  early ??= allNodes<SurveyNode>('surveys', SURVEYS).catch(() => null);
}

/** Published surveys the caller may answer (a visitor sees the public ones). */
export async function fetchPublishedSurveys(owner: string): Promise<CachedSurvey[]> {
  const ahead = early;
  early = Promise.resolve(null); // a prefetch serves the first list only
  const nodes = (ahead && (await ahead)) ?? (await allNodes<SurveyNode>('surveys', SURVEYS));
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
  // kept on the device by name (`members[1].photo` inside a repeat: two instances' photos
  // are two records), sent under the question's key, the server finding it in any instance
  photoUrl: (photo: StoredPhoto) =>
    `/uploads/survey-photos/${encodeURIComponent(photo.clientId)}/${encodeURIComponent(parseName(photo.questionKey)?.key ?? photo.questionKey)}`,
  describe: (item) => ({ title: item.surveyTitle, collectedAt: item.collectedAt }),
  forgotten: async (item) => {
    // a visitor's response deleted or reopened unsent: the device has not answered after all
    const record = await kept<AnsweredRecord>(answeredKey(item.surveyId));
    if (record?.clientId === item.clientId) await (await database()).delete('kept', answeredKey(item.surveyId));
  },
  reopen: (item, photos) => ({
    draft: { store: 'drafts', value: responseDraft(item, photos) },
    open: { name: 'survey', id: item.surveyId },
  }),
};

/**
 * A refused response as the draft of its form: the answers as the inputs hold them, its
 * photos, its unit, the server's messages, opened at the review (every answer, the unit,
 * and the messages beside them).
 */
export function responseDraft(item: SurveyResponseItem, photos: StoredPhoto[]): Draft {
  return {
    owner: item.owner,
    surveyId: item.surveyId,
    version: item.version,
    raw: { ...item.answers },
    photos: photos.map((p) => ({ questionKey: p.questionKey, blob: p.blob, sha256: p.sha256 })),
    unitCode: item.adminUnitCode,
    step: 'review',
    updatedAt: new Date().toISOString(),
    serverErrors: item.errors,
  };
}

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

/**
 * Save a submitted response (and its photos) and drop its draft in one transaction;
 * returns its clientId. A visitor's answer to a public survey is also remembered: the
 * server takes one per device (decision 0012), so the form is not offered again.
 */
export async function enqueueResponse(response: NewResponse, isPublic = false): Promise<string> {
  const { photos, owner, ...fields } = response;
  const clientId = await enqueue<SurveyResponseItem>({
    kind: surveyResponses,
    owner,
    photos,
    payload: (now) => ({ ...fields, collectedAt: now }),
    draftKey: [owner, response.surveyId],
  });
  if (isPublic && owner === '') await keep(answeredKey(response.surveyId), { clientId, at: new Date().toISOString() });
  return clientId;
}

interface AnsweredRecord {
  clientId: string;
  at: string;
}

const answeredKey = (surveyId: string): string => `answered:${surveyId}`;

/** What became of a response after it was saved on the device. */
export type Delivery = 'waiting' | 'photos' | 'sent' | 'refused';

/** Where a saved item stands: in the outbox (waiting, or stored with photos to go, or refused), or sent. */
export function deliveryOf(item: QueuedItem | undefined): Delivery {
  if (!item) return 'sent'; // an item leaves the outbox unsent only when someone deletes or reopens it
  if (item.state === 'acknowledged') return 'photos';
  if (item.state === 'failed') return surveyResponses.acknowledges(item.result) ? 'photos' : 'refused';
  return 'waiting';
}

/**
 * Whether this device (a visitor) already answered a public survey: null when not (or
 * when its response was refused and can still be corrected), else how it stands. A
 * response the server refused as ALREADY_RESPONDED counts as answered.
 */
export async function answeredHere(surveyId: string): Promise<{ delivery: Delivery; at: string } | null> {
  const record = await kept<AnsweredRecord>(answeredKey(surveyId));
  if (!record) return null;
  const item = await outboxItem(record.clientId);
  const delivery = deliveryOf(item);
  if (delivery === 'refused') {
    return item?.errors.some((e) => e.code === 'ALREADY_RESPONDED') ? { delivery: 'sent', at: record.at } : null;
  }
  return { delivery, at: record.at };
}

const lastSavedKey = (owner: string, surveyId: string): string => `last-saved:${owner}:${surveyId}`;

/**
 * The answers of the `defaultLastSaved` questions of the response this person last saved
 * on this device for the survey (only those questions: nothing else is kept).
 */
export async function lastSaved(owner: string, surveyId: string): Promise<Record<string, unknown>> {
  return (await kept<Record<string, unknown>>(lastSavedKey(owner, surveyId))) ?? {};
}

export async function rememberLastSaved(owner: string, surveyId: string, answers: Record<string, unknown>): Promise<void> {
  if (Object.keys(answers).length > 0) await keep(lastSavedKey(owner, surveyId), answers);
}
