/**
 * The citizens' side of initiatives, no account needed: a submission queued through the
 * outbox (the `initiative` kind) with its attachments, "My initiatives" kept on the
 * device, the tracking page (`initiativeByTrackingCode`, `provideInitiativeInfo`), and
 * the public showcase of awarded models (`showcase`, `showcaseItem`).
 *
 * Attachments go to the server before the submission that claims them
 * (`POST /uploads/initiative-attachments`, kept there 24 hours): the kind's `send` uploads
 * what the item still lacks, keeps each upload id beside its blob, then sends
 * `submitInitiative` with the item's clientId, so a resend after a lost answer gets the
 * same tracking code back (`duplicate`) and nothing is stored twice. Staff screens are in
 * recognition.ts; this module reuses its types.
 */
import { type MyInitiative, type QueuedItem, type ServerError, type StoredPhoto, database, loadKept } from './db';
import { type FileProblem, fileProblem } from './file-types';
import { type Connection, HttpError, type Page, graphql, operation, pageOf } from './graphql';
import { type OutboxKind, enqueue, uploadBytes } from './outbox';
import type { AwardLevel, InitiativeStatus, ReplicationStatus, Unit } from './recognition';

export type { MyInitiative } from './db';

export type InitiativeCategory = 'DIGITAL_GOVERNMENT' | 'DIGITAL_ECONOMY' | 'DIGITAL_SOCIETY' | 'OTHER';
export const CATEGORIES: InitiativeCategory[] = ['DIGITAL_GOVERNMENT', 'DIGITAL_ECONOMY', 'DIGITAL_SOCIETY', 'OTHER'];

/** The server's limits (recognition/files.py, recognition/initiatives.py), checked on the phone first. */
export const MAX_ATTACHMENT_BYTES = 5_000_000;
export const MAX_ATTACHMENTS = 5;
export const LIMITS = {
  title: [10, 200],
  summary: [20, 1000],
  problem: [20, 5000],
  solution: [20, 5000],
  results: [0, 5000],
  submitterName: [2, 200],
  info: [10, 5000],
} as const;
/** What the file picker offers; the bytes decide (attachmentProblem). */
export const ATTACHMENT_ACCEPT = '.pdf,.jpg,.jpeg,.png,.docx,application/pdf,image/jpeg,image/png';
/** An upload is kept 24 hours by the server; one older than this is sent again. */
const UPLOAD_REUSE_MS = 20 * 60 * 60 * 1000;

/** What the form sends (SubmitInitiativeInput without clientId and attachmentIds). */
export interface SubmissionInput {
  title: string;
  summary: string;
  problem: string;
  solution: string;
  results: string;
  category: InitiativeCategory;
  adminUnitCode: string;
  submitterName: string;
  submitterPhone: string;
  submitterEmail: string | null;
  /** The honeypot: people never see it, so it is always "" unless a robot filled it. */
  website: string;
}

export interface AttachmentMeta {
  key: string;
  fileName: string;
  size: number;
}

/** A submission waiting in the outbox. */
export interface InitiativeItem extends QueuedItem {
  input: SubmissionInput;
  attachments: AttachmentMeta[];
}

export type AttachmentProblem = FileProblem;

/**
 * Why the server would refuse this file, read from its bytes as the server does (PDF,
 * JPEG, PNG or DOCX), or null. A renamed file is caught here, before any byte goes over 3G.
 */
export function attachmentProblem(file: Blob): Promise<AttachmentProblem | null> {
  return fileProblem(file, ['pdf', 'jpeg', 'png', 'docx'], MAX_ATTACHMENT_BYTES);
}

const SUBMIT = operation(`mutation SubmitInitiative($input: SubmitInitiativeInput!) { submitInitiative(input: $input) {
  trackingCode status duplicate errors { field code message } } }`);

interface SubmitPayload {
  trackingCode: string | null;
  status: InitiativeStatus | null;
  duplicate: boolean;
  errors: ServerError[];
}

interface Upload {
  uploadId: string;
}

/** Upload the attachments an item still lacks (or whose upload may have expired); their ids in order. */
async function uploadAttachments(item: InitiativeItem): Promise<{ ids: string[] } | { errors: ServerError[] }> {
  const db = await database();
  const ids: string[] = [];
  for (const meta of item.attachments) {
    const photo = await db.get('photos', [item.clientId, meta.key]);
    if (!photo) continue;
    const fresh = photo.uploadId && photo.uploadedAt && Date.now() - Date.parse(photo.uploadedAt) < UPLOAD_REUSE_MS;
    if (fresh && photo.uploadId) {
      ids.push(photo.uploadId);
      continue;
    }
    const outcome = await uploadBytes(`/uploads/initiative-attachments?fileName=${encodeURIComponent(meta.fileName)}`, photo.blob);
    if (!outcome.ok) {
      if (outcome.status >= 500 || outcome.status === 429 || outcome.status === 403) throw new HttpError(outcome.status);
      return { errors: outcome.errors.map((e) => ({ ...e, field: `attachment:${meta.key}` })) };
    }
    const { uploadId } = outcome.body as Upload;
    await db.put('photos', { ...photo, uploadId, uploadedAt: new Date().toISOString(), uploaded: true });
    ids.push(uploadId);
  }
  return { ids };
}

async function forgetUploads(clientId: string): Promise<void> {
  const db = await database();
  for (const photo of await db.getAllFromIndex('photos', 'clientId', clientId)) {
    await db.put('photos', { ...photo, uploadId: undefined, uploadedAt: undefined, uploaded: false });
  }
}

async function sendOne(item: InitiativeItem, retried = false): Promise<{ result: string; errors: ServerError[] }> {
  const uploaded = await uploadAttachments(item);
  if ('errors' in uploaded) return { result: 'REJECTED', errors: uploaded.errors };
  const data = await graphql<{ submitInitiative: SubmitPayload }>(SUBMIT, {
    input: { ...item.input, clientId: item.clientId, attachmentIds: uploaded.ids },
  });
  const payload = data.submitInitiative;
  if (!retried && payload.errors.some((e) => e.code === 'ATTACHMENT_NOT_FOUND')) {
    await forgetUploads(item.clientId); // expired on the server: upload again, once
    return sendOne(item, true);
  }
  if (!payload.trackingCode) return { result: 'REJECTED', errors: payload.errors };
  await recordMine({
    clientId: item.clientId,
    title: item.input.title,
    createdAt: item.createdAt,
    trackingCode: payload.trackingCode,
    status: payload.status,
    checkedAt: new Date().toISOString(),
  });
  return { result: payload.duplicate ? 'DUPLICATE' : 'CREATED', errors: [] };
}

/** Submissions in the outbox: attachments first, then `submitInitiative` with the clientId. */
export const initiatives: OutboxKind<InitiativeItem> = {
  name: 'initiative',
  batchSize: 5,
  async send(items) {
    const results = [];
    for (const item of items) {
      const { result, errors } = await sendOne(item);
      results.push({ clientId: item.clientId, result, errors, photosStored: true });
    }
    return { results, errors: [] };
  },
  acknowledges: (result) => result === 'CREATED' || result === 'DUPLICATE',
  // attachments are uploaded before the item (send), never after it
  photoUrl: (photo: StoredPhoto) => `/uploads/none/${encodeURIComponent(photo.clientId)}`,
  describe: (item) => ({ title: item.input.title, collectedAt: item.createdAt }),
};

/** Queue a submission with its attachments (and drop its draft); returns its clientId. */
export async function enqueueInitiative(
  owner: string,
  input: SubmissionInput,
  attachments: (AttachmentMeta & { blob: Blob; sha256: string })[],
  draftKey: [string, string],
): Promise<string> {
  const clientId = await enqueue<InitiativeItem>({
    kind: initiatives,
    owner,
    photos: new Map(attachments.map((a) => [a.key, { blob: a.blob, sha256: a.sha256 }])),
    payload: () => ({ input, attachments: attachments.map(({ key, fileName, size }) => ({ key, fileName, size })) }),
    draftKey,
  });
  await recordMine({ clientId, title: input.title, createdAt: new Date().toISOString(), trackingCode: null, status: null, checkedAt: null });
  return clientId;
}

async function recordMine(record: MyInitiative): Promise<void> {
  const db = await database();
  const tx = db.transaction('initiatives', 'readwrite');
  const previous = await tx.store.get(record.clientId);
  // what the server answered is never forgotten, whichever write comes last
  await tx.store.put({
    ...record,
    createdAt: previous?.createdAt ?? record.createdAt,
    trackingCode: record.trackingCode ?? previous?.trackingCode ?? null,
    status: record.status ?? previous?.status ?? null,
    checkedAt: record.checkedAt ?? previous?.checkedAt ?? null,
  });
  await tx.done;
}

/** "My initiatives": every submission made on this device, newest first. */
export async function myInitiatives(): Promise<MyInitiative[]> {
  const all = await (await database()).getAll('initiatives');
  return all.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export async function myInitiative(clientId: string): Promise<MyInitiative | undefined> {
  return (await database()).get('initiatives', clientId);
}

/** The queued submission of `clientId`, if it is still in the outbox (with its errors when refused). */
export async function queuedInitiative(clientId: string): Promise<InitiativeItem | undefined> {
  return (await (await database()).get('outbox', clientId)) as InitiativeItem | undefined;
}

/** Remember the status last seen on the tracking page for a code kept on this device. */
async function noteStatus(code: string, status: InitiativeStatus): Promise<void> {
  const db = await database();
  const mine = (await db.getAll('initiatives')).find((m) => m.trackingCode === code);
  if (mine) await db.put('initiatives', { ...mine, status, checkedAt: new Date().toISOString() });
}

export interface StatusChange {
  status: InitiativeStatus;
  at: string;
  publicNote: string | null;
}

export interface TrackedInitiative {
  trackingCode: string;
  title: string;
  category: InitiativeCategory;
  status: InitiativeStatus;
  submittedAt: string;
  statusChangedAt: string;
  publicNote: string | null;
  adminUnit: Unit;
  history: StatusChange[];
}

const TRACKED = 'trackingCode title category status submittedAt statusChangedAt publicNote adminUnit { code name } history { status at publicNote }';
const TRACK = operation(`query Track($code: String!) { initiativeByTrackingCode(code: $code) { ${TRACKED} } }`);
const PROVIDE = operation(`mutation ProvideInfo($input: ProvideInitiativeInfoInput!) { provideInitiativeInfo(input: $input) {
  initiative { ${TRACKED} } errors { field code message } } }`);

/** "sk 7f3k 92qd" → "SK-7F3K-92QD" (as recognition/tracking.py), or null when it cannot be a code. */
export function normalizeCode(code: string): string | null {
  let compact = code.replace(/[\s\-_.·]/g, '').toUpperCase();
  if (compact.length === 10 && compact.startsWith('SK')) compact = compact.slice(2);
  if (!/^[2-9A-HJKMNP-Z]{8}$/.test(compact)) return null;
  return `SK-${compact.slice(0, 4)}-${compact.slice(4)}`;
}

/** An initiative by its tracking code: from the server (and kept), else as last kept on the device. */
export async function trackInitiative(code: string): Promise<{ initiative: TrackedInitiative; offline: boolean }> {
  try {
    const data = await graphql<{ initiativeByTrackingCode: TrackedInitiative }>(TRACK, { code });
    const found = data.initiativeByTrackingCode;
    await (await database()).put('kept', found, `track:${found.trackingCode}`);
    await noteStatus(found.trackingCode, found.status);
    return { initiative: found, offline: false };
  } catch (error) {
    const normalized = normalizeCode(code);
    const stored = normalized ? ((await (await database()).get('kept', `track:${normalized}`)) as TrackedInitiative | undefined) : undefined;
    if (stored) return { initiative: stored, offline: true };
    throw error;
  }
}

/** The submitter answers a request for information (online: the phone is checked by the server). */
export async function provideInfo(
  trackingCode: string,
  phone: string,
  info: string,
): Promise<{ initiative: TrackedInitiative | null; errors: ServerError[] }> {
  const data = await graphql<{ provideInitiativeInfo: { initiative: TrackedInitiative | null; errors: ServerError[] } }>(PROVIDE, {
    input: { trackingCode, phone, info },
  });
  const payload = data.provideInitiativeInfo;
  if (payload.initiative) {
    await (await database()).put('kept', payload.initiative, `track:${payload.initiative.trackingCode}`);
    await noteStatus(payload.initiative.trackingCode, payload.initiative.status);
  }
  return payload;
}

export interface ShowcaseReplication {
  organizationName: string;
  adminUnit: Unit;
  startedAt: string;
  status: ReplicationStatus;
}

export interface ShowcaseSummary {
  id: string;
  title: string;
  summary: string;
  category: InitiativeCategory;
  level: AwardLevel;
  citation: string;
  awardedOn: string;
  adminUnit: Unit;
  organizationName: string | null;
  replications: { adminUnit: Unit }[];
}

export interface ShowcaseDetail extends Omit<ShowcaseSummary, 'replications'> {
  problem: string;
  solution: string;
  results: string;
  roundTitle: string;
  replications: ShowcaseReplication[];
}

const SUMMARY = 'id title summary category level citation awardedOn adminUnit { code name } organizationName';
const SHOWCASE = operation(`query Showcase($after: String, $category: InitiativeCategory, $unit: String) {
  showcase(first: 12, after: $after, category: $category, adminUnitCode: $unit) {
  edges { node { ${SUMMARY} replications { adminUnit { code name } } } } pageInfo { hasNextPage endCursor } } }`);
const SHOWCASE_ITEM = operation(`query ShowcaseItem($id: ID!) { showcaseItem(id: $id) { ${SUMMARY} problem solution results roundTitle
  replications { organizationName adminUnit { code name } startedAt status } } }`);

export interface ShowcaseFilter {
  category: InitiativeCategory | '';
  unit: string;
}

/** One page of the public gallery, newest award first. */
export async function fetchShowcase(after: string | null, filter: ShowcaseFilter): Promise<Page<ShowcaseSummary>> {
  const data = await graphql<{ showcase: Connection<ShowcaseSummary> }>(SHOWCASE, {
    after,
    category: filter.category || null,
    unit: filter.unit || null,
  });
  return pageOf(data.showcase);
}

/** One awarded model: from the server (and kept for offline), else as kept; null when there is none. */
export async function fetchShowcaseItem(id: string): Promise<{ item: ShowcaseDetail | null; offline: boolean }> {
  const { value, offline } = await loadKept(`showcase:${id}`, async () => (await graphql<{ showcaseItem: ShowcaseDetail | null }>(SHOWCASE_ITEM, { id })).showcaseItem);
  return { item: value, offline };
}
