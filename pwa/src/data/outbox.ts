/**
 * The outbox: every item collected on the device (a survey response today; check-ins,
 * field logs… later) is written to IndexedDB first and stays there until the server has
 * acknowledged it and every one of its photos (200 or 201). The clientId is made once,
 * when the item is saved, and the same stored payload is always resent, so the server's
 * unique key on clientId applies each item exactly once however often a flush is cut short.
 *
 * - A network failure, a 5xx, a GraphQL error or an error of the whole call leaves
 *   everything queued; the scheduler retries with backoff.
 * - An item the server refuses stays, with the server's (translated) errors, and is not
 *   resent until someone presses "Send again".
 * - One flush at a time across tabs (Web Locks); other tabs hear about changes on a
 *   BroadcastChannel.
 *
 * Each kind of item registers how it is sent (`registerOutboxKind`, see outbox-kinds.ts);
 * this core knows nothing of surveys. The scheduler lives in sync.ts.
 */
import { fetchViewer, finishSignOut } from './accounts';
import type { Route } from '../router';
import { type Draft, type QueuedItem, type ServerError, type StoredPhoto, database, setMeta } from './db';
import { GraphQLError, HttpError, NetworkError, requestLanguage } from './graphql';
import { newId } from './ids';

const LOCK = 'dxnet-outbox-flush';
const CHANNEL = 'dxnet-outbox';

/** Items saved before kinds existed were all survey responses. */
export const UNMARKED_KIND = 'surveyResponse';

/** The server's answer for one item of a batch. */
export interface ItemResult {
  clientId: string;
  result: string;
  errors: ServerError[];
  /** The server already holds every photo of it (an earlier answer was lost): none is resent. */
  photosStored: boolean;
}

/** The server's answer for a batch: one result per item, or errors of the whole call. */
export interface BatchReply {
  results: ItemResult[];
  errors: ServerError[];
}

/** The reply for a batch whose payloads came back one per item, in order; `result` reads what each says. */
export function replyPerItem<P extends { errors: ServerError[] }>(items: QueuedItem[], payloads: P[], result: (payload: P) => string, photosStored: boolean): BatchReply {
  return {
    errors: [],
    results: items.map((item, i) => {
      const payload = payloads[i] as P;
      return { clientId: item.clientId, result: result(payload), errors: payload.errors, photosStored };
    }),
  };
}

/** How one kind of item is sent. Register it once at start-up with `registerOutboxKind`. */
export interface OutboxKind<T extends QueuedItem = QueuedItem> {
  /** Stored on each item as `kind`. */
  readonly name: string;
  /** At most this many items per call (the server's limit). */
  readonly batchSize: number;
  /**
   * Send a batch, each item's stored payload unchanged. Throws NetworkError, HttpError or
   * GraphQLError (graphql.ts) when the call as a whole fails: everything stays queued.
   */
  send(items: T[]): Promise<BatchReply>;
  /** Whether a result means the server stored the item (then only its photos remain). */
  acknowledges(result: string | null): boolean;
  /** Where one of its photos is POSTed (application/octet-stream). */
  photoUrl(photo: StoredPhoto): string;
  /** What the outbox screen shows for it. */
  describe(item: T): { title: string; collectedAt: string };
  /**
   * A refused item as a draft its screen edits, with the server's messages (kept in the
   * draft, shown on their fields). Absent when editing makes no sense (a check-in):
   * such an item can only be sent again or deleted.
   */
  reopen?(item: T, photos: StoredPhoto[]): Reopened;
  /** Called once an item left the outbox unsent (deleted, or reopened as a draft). */
  forgotten?(item: T): Promise<void>;
}

/** A refused item turned back into a draft: where the draft is kept, and the screen that edits it. */
export interface Reopened {
  draft: { store: 'drafts'; value: Draft } | { store: 'kept'; key: string; value: unknown };
  open: Route;
}

const kinds = new Map<string, OutboxKind>();

/** Add a kind of item to the outbox; a later registration of the same name replaces it. */
export function registerOutboxKind<T extends QueuedItem>(kind: OutboxKind<T>): void {
  kinds.set(kind.name, kind as unknown as OutboxKind);
}

/**
 * Kinds whose module is loaded only when the outbox needs them (items to send, the outbox
 * screen, a retry): each domain's data module stays out of the initial bundle.
 */
const loaders: (() => Promise<OutboxKind>)[] = [];
let loading: Promise<void> | null = null;

export function registerOutboxKindLoader<T extends QueuedItem>(load: () => Promise<OutboxKind<T>>): void {
  loaders.push(load as unknown as () => Promise<OutboxKind>);
  loading = null;
}

/** Every registered kind, loaded (once); what reads the kinds of stored items awaits it. */
export function ensureOutboxKinds(): Promise<void> {
  loading ??= Promise.all(loaders.map((load) => load().then((kind) => registerOutboxKind(kind)))).then(
    () => undefined,
    (error: unknown) => {
      loading = null; // a chunk that failed to load is asked for again next time
      throw error;
    },
  );
  return loading;
}

function kindOf(item: QueuedItem): OutboxKind | undefined {
  return kinds.get(item.kind ?? UNMARKED_KIND);
}

/** What the outbox screen shows for an item (its kind may be unknown to this version). */
export function describeItem(item: QueuedItem): { title: string; collectedAt: string } {
  return kindOf(item)?.describe(item) ?? { title: item.kind ?? UNMARKED_KIND, collectedAt: item.createdAt };
}

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

export { sha256Hex } from './ids';

/** The fields the outbox fills in itself when an item is saved. */
type Bookkeeping = keyof QueuedItem;

export interface NewItem<T extends QueuedItem> {
  kind: OutboxKind<T>;
  owner: string;
  /** The item's own payload, given the time it is saved. */
  payload: (now: string) => Omit<T, Bookkeeping>;
  /** Photo blobs by key; the answer naming each is its SHA-256 already. */
  photos: Map<string, { blob: Blob; sha256: string }>;
  /** The draft this item was filled in as: deleted in the same transaction. */
  draftKey?: [owner: string, formId: string];
  /** A draft kept by its screen (a reopened field log): deleted in the same transaction. */
  keptDraftKey?: string;
}

/** The state of an item just queued: not tried yet, no answer. */
export function notTried(): Pick<QueuedItem, 'state' | 'result' | 'errors' | 'attempts' | 'lastAttemptAt'> {
  return { state: 'queued', result: null, errors: [], attempts: 0, lastAttemptAt: null };
}

/** Save an item (and its photos) and drop its draft in one transaction; returns its clientId. */
export async function enqueue<T extends QueuedItem>(item: NewItem<T>): Promise<string> {
  const now = new Date().toISOString();
  const bookkeeping: QueuedItem = {
    clientId: newId(),
    kind: item.kind.name,
    owner: item.owner,
    photoKeys: [...item.photos.keys()],
    ...notTried(),
    createdAt: now,
  };
  const stored = { ...item.payload(now), ...bookkeeping };
  const db = await database();
  // the draft goes in the same transaction: a submitted form must not come back as a
  // draft to be submitted twice, and a failed save must keep the draft
  const tx = db.transaction(['outbox', 'photos', 'drafts', 'kept'], 'readwrite');
  await tx.objectStore('outbox').add(stored);
  for (const [questionKey, photo] of item.photos) {
    await tx.objectStore('photos').add({ clientId: stored.clientId, questionKey, ...photo, uploaded: false });
  }
  if (item.draftKey) await tx.objectStore('drafts').delete(item.draftKey);
  if (item.keptDraftKey) await tx.objectStore('kept').delete(item.keptDraftKey);
  await tx.done;
  changed();
  return stored.clientId;
}

export async function listOutbox(): Promise<QueuedItem[]> {
  return (await database()).getAllFromIndex('outbox', 'createdAt');
}

/** How many items wait (the badge), without reading them. */
export async function countOutbox(): Promise<number> {
  return (await database()).count('outbox');
}

/** "Send again": a refused item goes back to the queue (or to its photos, when acknowledged). */
export async function retryItem(clientId: string): Promise<void> {
  await ensureOutboxKinds();
  const db = await database();
  const tx = db.transaction('outbox', 'readwrite');
  const item = await tx.store.get(clientId);
  if (item && item.state === 'failed') {
    const acknowledged = kindOf(item)?.acknowledges(item.result) ?? false;
    await tx.store.put({ ...item, state: acknowledged ? 'acknowledged' : 'queued', errors: [] });
  }
  await tx.done;
  changed();
}

/** Whether "Open to correct" applies: a refused item the server did not store, of a kind that can reopen. */
export function canReopen(item: QueuedItem): boolean {
  const kind = kindOf(item);
  return item.state === 'failed' && !!kind?.reopen && !kind.acknowledges(item.result);
}

export type ReopenOutcome = { ok: true; open: Route } | { ok: false; reason: 'draftExists' | 'notRefused' };

/**
 * "Open to correct": the refused item becomes a draft again (with its photos and the
 * server's messages) and leaves the outbox, in one transaction; a draft already in
 * progress for the same form is never overwritten. Saving the draft makes a new item
 * with a new clientId: the server stored nothing under the old one.
 */
export async function reopenItem(clientId: string): Promise<ReopenOutcome> {
  await ensureOutboxKinds();
  const db = await database();
  const tx = db.transaction(['outbox', 'photos', 'drafts', 'kept'], 'readwrite');
  const item = await tx.objectStore('outbox').get(clientId);
  const kind = item ? kindOf(item) : undefined;
  if (!item || !kind?.reopen || !canReopen(item)) {
    tx.abort();
    await tx.done.catch(() => undefined);
    return { ok: false, reason: 'notRefused' };
  }
  const photos = tx.objectStore('photos');
  const stored = await photos.index('clientId').getAll(clientId);
  const reopened = kind.reopen(item, stored);
  const { draft } = reopened;
  const existing =
    draft.store === 'drafts'
      ? await tx.objectStore('drafts').get([draft.value.owner, draft.value.surveyId])
      : await tx.objectStore('kept').get(draft.key);
  if (existing !== undefined) {
    tx.abort();
    await tx.done.catch(() => undefined);
    return { ok: false, reason: 'draftExists' };
  }
  if (draft.store === 'drafts') await tx.objectStore('drafts').put(draft.value);
  else await tx.objectStore('kept').put(draft.value, draft.key);
  for (const photo of stored) await photos.delete([photo.clientId, photo.questionKey]);
  await tx.objectStore('outbox').delete(clientId);
  await tx.done;
  await kind.forgotten?.(item).catch(() => undefined);
  changed();
  return { ok: true, open: reopened.open };
}

/** Delete an item and its photos for good (the person confirmed it). */
export async function discardItem(clientId: string): Promise<void> {
  await ensureOutboxKinds();
  const item = await (await database()).get('outbox', clientId);
  await remove(clientId);
  const kind = item ? kindOf(item) : undefined;
  if (item && kind && !kind.acknowledges(item.result)) await kind.forgotten?.(item).catch(() => undefined);
  changed();
}

/** One item as it is now; undefined once it left the outbox (sent, deleted or reopened). */
export async function outboxItem(clientId: string): Promise<QueuedItem | undefined> {
  return (await database()).get('outbox', clientId);
}

async function remove(clientId: string): Promise<void> {
  const db = await database();
  const tx = db.transaction(['outbox', 'photos'], 'readwrite');
  const photos = tx.objectStore('photos');
  for (const key of await photos.index('clientId').getAllKeys(clientId)) await photos.delete(key);
  await tx.objectStore('outbox').delete(clientId);
  await tx.done;
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

async function sendBatch(kind: OutboxKind, batch: QueuedItem[]): Promise<FlushOutcome | null> {
  await markAttempt(batch.map((i) => i.clientId));
  let reply: BatchReply;
  try {
    reply = await kind.send(batch);
  } catch (error) {
    return failure(error);
  }
  if (reply.errors.length > 0) {
    const code = reply.errors[0]?.code;
    return code === 'UNAUTHENTICATED' ? { ok: false, reason: 'signedOut' } : { ok: false, reason: 'server', status: 200 };
  }
  const db = await database();
  const tx = db.transaction(['outbox', 'photos'], 'readwrite');
  const outbox = tx.objectStore('outbox');
  const photos = tx.objectStore('photos');
  for (const result of reply.results) {
    const item = await outbox.get(result.clientId);
    if (!item || item.state !== 'queued') continue;
    const acknowledged = kind.acknowledges(result.result);
    await outbox.put({
      ...item,
      state: acknowledged ? 'acknowledged' : 'failed',
      result: result.result,
      errors: result.errors,
    });
    if (acknowledged && result.photosStored) {
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

/**
 * POST a file's bytes as `application/octet-stream` (a photo after its item, or an
 * attachment a kind uploads before its item). 200/201 gives the JSON answer, if any;
 * another status gives the server's errors; a network failure throws NetworkError.
 */
export async function uploadBytes(
  url: string,
  blob: Blob,
): Promise<{ ok: true; body: unknown } | { ok: false; status: number; errors: ServerError[] }> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/octet-stream', 'Accept-Language': requestLanguage() },
      body: blob,
    });
  } catch (error) {
    throw new NetworkError(error);
  }
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (response.status === 200 || response.status === 201) return { ok: true, body };
  const errors = (body as { errors?: ServerError[] } | null)?.errors ?? [];
  return { ok: false, status: response.status, errors };
}

/** Upload what an acknowledged item still lacks, then delete it. */
async function finish(kind: OutboxKind, item: QueuedItem): Promise<FlushOutcome | null> {
  const db = await database();
  const photos = await db.getAllFromIndex('photos', 'clientId', item.clientId);
  for (const photo of photos) {
    if (photo.uploaded) continue;
    let outcome;
    try {
      outcome = await uploadBytes(kind.photoUrl(photo), photo.blob);
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

/** Items by kind, in the order they were saved; items of a kind this version lacks wait. */
function byKind(items: QueuedItem[]): [OutboxKind, QueuedItem[]][] {
  const groups = new Map<OutboxKind, QueuedItem[]>();
  for (const item of items) {
    const kind = kindOf(item);
    if (kind) groups.set(kind, [...(groups.get(kind) ?? []), item]);
  }
  return [...groups];
}

async function flushHeld(owner: string): Promise<FlushOutcome> {
  const mine = (await listOutbox()).filter((i) => i.owner === owner && i.state !== 'failed');
  if (mine.length === 0) return { ok: true, sent: 0 };
  await ensureOutboxKinds();
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
  let sent = 0;
  for (const [kind, queued] of byKind(mine.filter((i) => i.state === 'queued'))) {
    for (let start = 0; start < queued.length; start += kind.batchSize) {
      const stopped = await sendBatch(kind, queued.slice(start, start + kind.batchSize));
      if (stopped) return stopped;
    }
    sent += queued.length;
  }
  const acknowledged = (await listOutbox()).filter((i) => i.owner === owner && i.state === 'acknowledged');
  for (const [kind, items] of byKind(acknowledged)) {
    for (const item of items) {
      const stopped = await finish(kind, item);
      if (stopped) return stopped;
    }
  }
  await setMeta('lastSyncAt', new Date().toISOString());
  changed();
  return { ok: true, sent };
}

/** Send what `owner` ("" for a visitor) has waiting; one flush at a time across tabs. */
export async function flush(owner: string): Promise<FlushOutcome> {
  if (!('locks' in navigator) || !navigator.locks) return flushHeld(owner);
  return navigator.locks.request(LOCK, { ifAvailable: true }, async (lock) =>
    lock ? flushHeld(owner) : ({ ok: false, reason: 'busy' } as const),
  );
}
