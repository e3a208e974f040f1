/**
 * The device's IndexedDB: surveys cached for offline use, the outbox of queued items and
 * their photos, drafts of forms being filled in, admin units, small settings, what
 * the field screens keep for offline use (rosters, cards, campaigns: `kept`), and the
 * initiatives a citizen submitted from this device ("My initiatives"). The
 * outbox is the only copy of a response until the server acknowledges it: see outbox.ts.
 */
import { type DBSchema, type IDBPDatabase, type StoreNames, openDB } from 'idb';
import type { Definition } from '../rules/form';
import { newId } from './ids';

export interface CachedSurvey {
  id: string;
  title: string;
  description: string;
  isPublic: boolean;
  currentVersion: number;
  definition: Definition;
  area: UnitOption;
  /** Who fetched it: a username, or "" for a visitor without an account. */
  owner: string;
  cachedAt: string;
}

export interface UnitOption {
  code: string;
  name: string;
  kind: string;
}

export interface ServerError {
  field: string | null;
  code: string;
  message: string;
}

export type OutboxState = 'queued' | 'acknowledged' | 'failed';

/**
 * What every item of the outbox holds, whatever its kind (a survey response today;
 * check-ins, field logs… later). Each kind adds its own payload fields beside these:
 * see outbox.ts's registry and data/surveys.ts.
 */
export interface QueuedItem {
  /** Made once with newId() (ids.ts) when the item is saved; never regenerated. */
  clientId: string;
  /** Its kind in outbox.ts's registry; absent on items saved before kinds existed (survey responses). */
  kind?: string;
  /** The account that collected it ("" for a visitor): only that account sends it. */
  owner: string;
  /** Keys of the photos stored beside it. */
  photoKeys: string[];
  state: OutboxState;
  /** The server's answer for it (its kind says which answers acknowledge it). */
  result: string | null;
  errors: ServerError[];
  attempts: number;
  lastAttemptAt: string | null;
  createdAt: string;
}

export interface StoredPhoto {
  clientId: string;
  questionKey: string;
  blob: Blob;
  sha256: string;
  uploaded: boolean;
  /** A file uploaded before its item (an initiative's attachment): the server's upload id, kept 24 h. */
  uploadId?: string;
  uploadedAt?: string;
}

/**
 * A form being filled in, saved as the person types: a phone call, a closed tab or a
 * flat battery must not cost the answers given so far. One per account and survey; it
 * has no clientId yet, so it is never sent: submitting turns it into an outbox item and
 * deletes it in the same transaction (enqueue), so the two never both exist.
 */
export interface Draft {
  owner: string;
  surveyId: string;
  version: number;
  /** What the inputs hold (numbers still as typed). */
  raw: Record<string, unknown>;
  photos: { questionKey: string; blob: Blob; sha256: string }[];
  unitCode: string;
  step: number | 'review';
  updatedAt: string;
  /** The server's messages when this draft is a refused response reopened from the outbox. */
  serverErrors?: ServerError[];
}

export interface Viewer {
  username: string;
  displayName: string;
  roles: string[];
  scope: UnitOption;
}

/**
 * An initiative submitted from this device, kept so its submitter can follow it without
 * an account: saved when it is queued (no tracking code yet), completed when the server
 * answers. Nothing personal: the phone and name stay with the outbox item until sent.
 */
export interface MyInitiative {
  clientId: string;
  title: string;
  createdAt: string;
  trackingCode: string | null;
  /** The last status seen (at submission or on the tracking page), and when. */
  status: string | null;
  checkedAt: string | null;
}

interface Meta {
  deviceId: string;
  lastSyncAt: string;
  viewer: Viewer | null;
  /** Signed out while offline: the server still holds the session (session.ts). */
  logoutPending: boolean;
}

interface DXNetDB extends DBSchema {
  meta: { key: string; value: unknown };
  surveys: { key: string; value: CachedSurvey };
  outbox: { key: string; value: QueuedItem; indexes: { createdAt: string } };
  photos: { key: [string, string]; value: StoredPhoto; indexes: { clientId: string } };
  drafts: { key: [string, string]; value: Draft };
  /** What a field screen downloaded for offline use, by key (`roster:<eventId>`, `card:<token>`…). */
  kept: { key: string; value: unknown };
  /** "My initiatives" (initiatives.ts), by clientId. */
  initiatives: { key: string; value: MyInitiative };
}

let opening: Promise<IDBPDatabase<DXNetDB>> | null = null;

export function database(): Promise<IDBPDatabase<DXNetDB>> {
  opening ??= openDB<DXNetDB>('dxnet', 4, {
    upgrade(db) {
      // a phone may hold any older version: add what is missing, never drop a store
      const missing = (name: StoreNames<DXNetDB>): boolean => !db.objectStoreNames.contains(name);
      if (missing('meta')) db.createObjectStore('meta');
      if (missing('surveys')) db.createObjectStore('surveys', { keyPath: 'id' });
      if (missing('outbox')) db.createObjectStore('outbox', { keyPath: 'clientId' }).createIndex('createdAt', 'createdAt');
      if (missing('photos')) {
        db.createObjectStore('photos', { keyPath: ['clientId', 'questionKey'] }).createIndex('clientId', 'clientId');
      }
      if (missing('drafts')) db.createObjectStore('drafts', { keyPath: ['owner', 'surveyId'] });
      if (missing('kept')) db.createObjectStore('kept');
      if (missing('initiatives')) db.createObjectStore('initiatives', { keyPath: 'clientId' });
    },
    blocking() {
      // a newer version of the app wants to upgrade: let it
      void opening?.then((db) => db.close());
      opening = null;
    },
  });
  return opening;
}

export async function getMeta<K extends keyof Meta>(key: K): Promise<Meta[K] | undefined> {
  return (await (await database()).get('meta', key)) as Meta[K] | undefined;
}

export async function setMeta<K extends keyof Meta>(key: K, value: Meta[K]): Promise<void> {
  await (await database()).put('meta', value, key);
}

/** This device's id, made once and kept. */
export async function deviceId(): Promise<string> {
  const db = await database();
  const tx = db.transaction('meta', 'readwrite');
  let id = (await tx.store.get('deviceId')) as string | undefined;
  if (!id) {
    id = newId();
    await tx.store.put(id, 'deviceId');
  }
  await tx.done;
  return id;
}

/** Keep something a screen downloaded for offline use (a roster, a card, a home summary). */
export async function keep(key: string, value: unknown): Promise<void> {
  await (await database()).put('kept', value, key);
}

/** What was kept under `key`, if anything. */
export async function kept<T>(key: string): Promise<T | undefined> {
  return (await (await database()).get('kept', key)) as T | undefined;
}

/**
 * What `load()` answers, kept under `key` for offline use (when there is something to
 * keep); when the server cannot be reached, what was kept there (or what `elsewhere()`
 * finds), else the error. `offline` says the answer is the kept one.
 */
export async function loadKept<T>(key: string, load: () => Promise<T>, elsewhere?: () => Promise<T | undefined>): Promise<{ value: T; offline: boolean }> {
  try {
    const value = await load();
    if (value) await keep(key, value);
    return { value, offline: false };
  } catch (error) {
    const stored = (await kept<T>(key)) ?? (await elsewhere?.());
    if (stored) return { value: stored, offline: true };
    throw error;
  }
}

export async function loadDraft(owner: string, surveyId: string): Promise<Draft | undefined> {
  return (await database()).get('drafts', [owner, surveyId]);
}

export async function saveDraft(draft: Draft): Promise<void> {
  await (await database()).put('drafts', draft);
}

export async function deleteDraft(owner: string, surveyId: string): Promise<void> {
  await (await database()).delete('drafts', [owner, surveyId]);
}

/** The surveys this account has a draft of, with when each was last saved. */
export async function draftsOf(owner: string): Promise<Map<string, string>> {
  const range = IDBKeyRange.bound([owner, ''], [owner, '\uffff']);
  const drafts = await (await database()).getAll('drafts', range);
  return new Map(drafts.map((d) => [d.surveyId, d.updatedAt]));
}
