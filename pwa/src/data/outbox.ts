/**
 * The outbox: every submitted response is written to IndexedDB first and stays there
 * until the server has acknowledged it (CREATED or DUPLICATE) and every one of its
 * photos (200 or 201). The clientId is made once, when the response is saved, and the
 * same stored payload is always resent, so the server's unique key on clientId applies
 * each response exactly once however often a flush is cut short.
 *
 * - A network failure, a 5xx, a GraphQL error or an error of the whole call leaves
 *   everything queued; the scheduler retries with backoff.
 * - CONFLICT and REJECTED stay, with the server's (translated) errors, and are not
 *   resent until someone presses "Send again".
 * - One flush at a time across tabs (Web Locks); other tabs hear about changes on a
 *   BroadcastChannel.
 */
import { fetchViewer, type ResponseInput, syncResponses } from './api';
import { type OutboxItem, type ServerError, type StoredPhoto, database, setMeta } from './db';
import { GraphQLError, HttpError, NetworkError, requestLanguage } from './graphql';
import { finishSignOut } from './session';

const MAX_BATCH = 100;
const LOCK = 'dxnet-outbox-flush';
const CHANNEL = 'dxnet-outbox';

export type FlushFailure =
  | { reason: 'offline' }
  | { reason: 'server'; status: number }
  | { reason: 'signedOut' }
  | { reason: 'busy' };

export type FlushOutcome = { ok: true; sent: number } | ({ ok: false } & FlushFailure);

const changes = new EventTarget();
const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : null;
channel?.addEventListener('message', () => changes.dispatchEvent(new Event('change')));

function changed(): void {
  changes.dispatchEvent(new Event('change'));
  channel?.postMessage('change');
}

/** Call `listener` whenever the outbox changes, in this tab or another. */
export function onOutboxChange(listener: () => void): () => void {
  changes.addEventListener('change', listener);
  return () => changes.removeEventListener('change', listener);
}

export async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface NewResponse {
  surveyId: string;
  surveyTitle: string;
  version: number;
  answers: OutboxItem['answers'];
  adminUnitCode: string;
  deviceId: string;
  location: OutboxItem['location'];
  owner: string;
  /** Photo blobs by question key; the answer to each is its SHA-256 already. */
  photos: Map<string, { blob: Blob; sha256: string }>;
}

/** Save a submitted response (and its photos) and drop its draft in one transaction; returns its clientId. */
export async function enqueue(response: NewResponse): Promise<string> {
  const now = new Date().toISOString();
  const item: OutboxItem = {
    clientId: crypto.randomUUID(),
    surveyId: response.surveyId,
    surveyTitle: response.surveyTitle,
    version: response.version,
    answers: response.answers,
    collectedAt: now,
    adminUnitCode: response.adminUnitCode,
    deviceId: response.deviceId,
    location: response.location,
    owner: response.owner,
    photoKeys: [...response.photos.keys()],
    state: 'queued',
    result: null,
    errors: [],
    attempts: 0,
    lastAttemptAt: null,
    createdAt: now,
  };
  const db = await database();
  // the draft goes in the same transaction: a submitted form must not come back as a
  // draft to be submitted twice, and a failed save must keep the draft
  const tx = db.transaction(['outbox', 'photos', 'drafts'], 'readwrite');
  await tx.objectStore('outbox').add(item);
  for (const [questionKey, photo] of response.photos) {
    await tx.objectStore('photos').add({ clientId: item.clientId, questionKey, ...photo, uploaded: false });
  }
  await tx.objectStore('drafts').delete([response.owner, response.surveyId]);
  await tx.done;
  changed();
  return item.clientId;
}

export async function listOutbox(): Promise<OutboxItem[]> {
  return (await database()).getAllFromIndex('outbox', 'createdAt');
}

/** How many items wait (the badge), without reading them. */
export async function countOutbox(): Promise<number> {
  return (await database()).count('outbox');
}

/** "Send again": a refused item goes back to the queue (or to its photos, when acknowledged). */
export async function retryItem(clientId: string): Promise<void> {
  const db = await database();
  const tx = db.transaction('outbox', 'readwrite');
  const item = await tx.store.get(clientId);
  if (item && item.state === 'failed') {
    const acknowledged = item.result === 'CREATED' || item.result === 'DUPLICATE';
    await tx.store.put({ ...item, state: acknowledged ? 'acknowledged' : 'queued', errors: [] });
  }
  await tx.done;
  changed();
}

/** Delete an item and its photos for good (the person confirmed it). */
export async function discardItem(clientId: string): Promise<void> {
  await remove(clientId);
  changed();
}

async function remove(clientId: string): Promise<void> {
  const db = await database();
  const tx = db.transaction(['outbox', 'photos'], 'readwrite');
  const photos = tx.objectStore('photos');
  for (const key of await photos.index('clientId').getAllKeys(clientId)) await photos.delete(key);
  await tx.objectStore('outbox').delete(clientId);
  await tx.done;
}

function asInput(item: OutboxItem): ResponseInput {
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

function failure(error: unknown): FlushOutcome {
  if (error instanceof HttpError) return { ok: false, reason: 'server', status: error.status };
  if (error instanceof NetworkError) return { ok: false, reason: 'offline' };
  if (error instanceof GraphQLError) return { ok: false, reason: 'server', status: 200 };
  throw error;
}

/** Record one attempt on every item of a batch (so the outbox shows it). */
async function markAttempt(clientIds: string[]): Promise<void> {
  const db = await database();
  const tx = db.transaction('outbox', 'readwrite');
  const at = new Date().toISOString();
  for (const id of clientIds) {
    const item = await tx.store.get(id);
    if (item) await tx.store.put({ ...item, attempts: item.attempts + 1, lastAttemptAt: at });
  }
  await tx.done;
}

async function sendBatch(batch: OutboxItem[]): Promise<FlushOutcome | null> {
  await markAttempt(batch.map((i) => i.clientId));
  let payload;
  try {
    payload = await syncResponses(batch.map(asInput));
  } catch (error) {
    return failure(error);
  }
  if (payload.errors.length > 0) {
    const code = payload.errors[0]?.code;
    return code === 'UNAUTHENTICATED' ? { ok: false, reason: 'signedOut' } : { ok: false, reason: 'server', status: 200 };
  }
  const db = await database();
  const tx = db.transaction(['outbox', 'photos'], 'readwrite');
  const outbox = tx.objectStore('outbox');
  const photos = tx.objectStore('photos');
  for (const result of payload.results) {
    const item = await outbox.get(result.clientId);
    if (!item || item.state !== 'queued') continue;
    const acknowledged = result.result === 'CREATED' || result.result === 'DUPLICATE';
    await outbox.put({
      ...item,
      state: acknowledged ? 'acknowledged' : 'failed',
      result: result.result,
      errors: result.errors,
    });
    if (acknowledged && result.isComplete) {
      // the server already holds every photo (an earlier answer was lost): do not resend them
      for (const photo of await photos.index('clientId').getAll(result.clientId)) {
        await photos.put({ ...photo, uploaded: true });
      }
    }
  }
  await tx.done;
  changed();
  return null;
}

async function uploadPhoto(photo: StoredPhoto): Promise<{ ok: true } | { ok: false; status: number; errors: ServerError[] }> {
  const url = `/uploads/survey-photos/${encodeURIComponent(photo.clientId)}/${encodeURIComponent(photo.questionKey)}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/octet-stream', 'Accept-Language': requestLanguage() },
      body: photo.blob,
    });
  } catch (error) {
    throw new NetworkError(error);
  }
  if (response.status === 200 || response.status === 201) return { ok: true };
  let errors: ServerError[] = [];
  try {
    errors = ((await response.json()) as { errors?: ServerError[] }).errors ?? [];
  } catch {
    errors = [];
  }
  return { ok: false, status: response.status, errors };
}

/** Upload what an acknowledged item still lacks, then delete it. */
async function finish(item: OutboxItem): Promise<FlushOutcome | null> {
  const db = await database();
  const photos = await db.getAllFromIndex('photos', 'clientId', item.clientId);
  for (const photo of photos) {
    if (photo.uploaded) continue;
    let outcome;
    try {
      outcome = await uploadPhoto(photo);
    } catch (error) {
      return failure(error);
    }
    if (!outcome.ok) {
      const { status } = outcome;
      if (status >= 500 || status === 429) return { ok: false, reason: 'server', status };
      if (status === 401 || status === 403) return { ok: false, reason: 'signedOut' };
      // the server will not take this photo as it is: show why, do not resend by itself
      const current = await db.get('outbox', item.clientId);
      if (current) await db.put('outbox', { ...current, state: 'failed', errors: outcome.errors });
      changed();
      continue;
    }
    await db.put('photos', { ...photo, uploaded: true });
  }
  const left = await db.getAllFromIndex('photos', 'clientId', item.clientId);
  const current = await db.get('outbox', item.clientId);
  if (current?.state === 'acknowledged' && left.every((p) => p.uploaded)) {
    await remove(item.clientId);
    changed();
  }
  return null;
}

async function flushHeld(owner: string): Promise<FlushOutcome> {
  const mine = (await listOutbox()).filter((i) => i.owner === owner && i.state !== 'failed');
  if (mine.length === 0) return { ok: true, sent: 0 };
  // Send only as the account that collected the work: a session may have ended (a staff
  // response must not go out as a visitor's) or outlived an offline sign-out (a
  // visitor's must not go out as staff).
  try {
    await finishSignOut();
    const viewer = await fetchViewer();
    if ((viewer?.username ?? '') !== owner) return { ok: false, reason: 'signedOut' };
  } catch (error) {
    return failure(error);
  }
  const queued = mine.filter((i) => i.state === 'queued');
  for (let start = 0; start < queued.length; start += MAX_BATCH) {
    const stopped = await sendBatch(queued.slice(start, start + MAX_BATCH));
    if (stopped) return stopped;
  }
  const acknowledged = (await listOutbox()).filter((i) => i.owner === owner && i.state === 'acknowledged');
  for (const item of acknowledged) {
    const stopped = await finish(item);
    if (stopped) return stopped;
  }
  await setMeta('lastSyncAt', new Date().toISOString());
  changed();
  return { ok: true, sent: queued.length };
}

/** Send what `owner` ("" for a visitor) has waiting; one flush at a time across tabs. */
export async function flush(owner: string): Promise<FlushOutcome> {
  if (!('locks' in navigator) || !navigator.locks) return flushHeld(owner);
  return navigator.locks.request(LOCK, { ifAvailable: true }, async (lock) =>
    lock ? flushHeld(owner) : ({ ok: false, reason: 'busy' } as const),
  );
}

const INTERVAL_MS = 60_000;
const MAX_BACKOFF = 16;

/**
 * Flushes on start, on `online`, when the app becomes visible, every minute (doubling
 * up to 16 minutes after failures) and when asked. Background Sync is not relied on:
 * only Chromium has it.
 */
export class SyncScheduler {
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<FlushOutcome> | null = null;
  private stopped = false;

  constructor(
    private readonly owner: () => string | null,
    private readonly report: (outcome: FlushOutcome | null) => void,
  ) {}

  private readonly onOnline = (): void => void this.kick();
  private readonly onVisible = (): void => {
    if (document.visibilityState === 'visible') void this.kick();
  };

  start(): void {
    this.stopped = false;
    window.addEventListener('online', this.onOnline);
    document.addEventListener('visibilitychange', this.onVisible);
    void this.kick();
  }

  stop(): void {
    this.stopped = true;
    window.removeEventListener('online', this.onOnline);
    document.removeEventListener('visibilitychange', this.onVisible);
    if (this.timer) clearTimeout(this.timer);
  }

  /** Flush now (or join the flush already running in this tab). */
  kick(): Promise<FlushOutcome> {
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(): Promise<FlushOutcome> {
    if (this.timer) clearTimeout(this.timer);
    const owner = this.owner();
    let outcome: FlushOutcome;
    if (owner === null) {
      outcome = { ok: true, sent: 0 }; // still finding out who is signed in
    } else {
      this.report(null);
      try {
        outcome = await flush(owner);
      } catch {
        outcome = { ok: false, reason: 'offline' };
      }
    }
    this.failures = outcome.ok || outcome.reason === 'busy' ? 0 : Math.min(this.failures + 1, 10);
    this.report(outcome);
    if (!this.stopped) {
      const delay = INTERVAL_MS * Math.min(2 ** this.failures, MAX_BACKOFF);
      this.timer = setTimeout(() => void this.kick(), delay);
    }
    return outcome;
  }
}
