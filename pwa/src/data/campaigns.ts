/**
 * The campaigns domain: awareness campaigns covering the viewer's area and their
 * progress per commune (kept for offline use once seen), which units of the viewer's own
 * area (data/network.ts) a log may name, and field logs as a kind of outbox item, sent with
 * `logFieldActivity` (one aliased mutation each) and their photos POSTed to
 * /uploads/field-photos/<clientId>.
 */
import { type QueuedItem, type ServerError, type StoredPhoto, kept, loadKept } from './db';
import { type BatchMutation, type Connection, type Page, batchMutation, graphql, operation, pageOf, sendBatch } from './graphql';
import type { AreaUnit } from './network';
import { type OutboxKind, enqueue, replyPerItem } from './outbox';

export interface Campaign {
  id: string;
  title: string;
  topic: string;
  startsOn: string;
  endsOn: string;
  goalPeople: number;
  goalHouseholds: number;
  adminUnit: { code: string; name: string };
  targets: { adminUnit: { code: string; name: string; path: string }; goalPeople: number | null; goalHouseholds: number | null }[];
}

export interface ProgressRow {
  adminUnit: { code: string; name: string };
  peopleReached: number;
  householdsReached: number;
  activities: number;
  goalPeople: number | null;
  goalHouseholds: number | null;
  peopleRate: number | null;
  householdsRate: number | null;
}

export interface CampaignProgress {
  campaign: Campaign;
  totals: ProgressRow;
  communes: ProgressRow[];
}

const CAMPAIGN = `id title topic startsOn endsOn goalPeople goalHouseholds adminUnit { code name }
  targets { adminUnit { code name path } goalPeople goalHouseholds }`;
const ROW = 'adminUnit { code name } peopleReached householdsReached activities goalPeople goalHouseholds peopleRate householdsRate';

const CAMPAIGNS = operation(`query Campaigns($after: String, $activeOn: Date, $first: Int) {
  campaigns(first: $first, after: $after, activeOn: $activeOn) {
  edges { node { ${CAMPAIGN} } } pageInfo { hasNextPage endCursor } } }`);
const PROGRESS = operation(`query Progress($id: ID!) { campaignProgress(campaignId: $id) {
  campaign { ${CAMPAIGN} } totals { ${ROW} } communes { ${ROW} } } }`);

/** Campaigns of the viewer's area (and above it); only those running on `activeOn` when given. */
export async function fetchCampaigns(after: string | null, activeOn: string | null = null, first = 20): Promise<Page<Campaign>> {
  const data = await graphql<{ campaigns: Connection<Campaign> }>(CAMPAIGNS, { after, activeOn, first });
  return pageOf(data.campaigns);
}

/** A campaign's reach against its goals: from the server (and kept), else as kept. */
export async function fetchProgress(id: string): Promise<{ progress: CampaignProgress; offline: boolean }> {
  const { value, offline } = await loadKept(`campaign:${id}`, async () => (await graphql<{ campaignProgress: CampaignProgress }>(PROGRESS, { id })).campaignProgress);
  return { progress: value, offline };
}

/** The row of a commune (or the totals when the commune has none). */
export function rowFor(progress: CampaignProgress, unitCode: string): ProgressRow {
  return progress.communes.find((r) => r.adminUnit.code === unitCode) ?? progress.totals;
}

/** The units of the viewer's area a campaign targets (a log elsewhere would be refused). */
export function unitsInCampaign(units: AreaUnit[], campaign: Campaign): AreaUnit[] {
  const targets = campaign.targets.map((t) => t.adminUnit.path);
  return units.filter((u) => targets.some((path) => u.path.startsWith(path)));
}

export type FieldActivityKind = 'DOOR_TO_DOOR' | 'COMMUNITY_MEETING' | 'CLASS' | 'INFO_BOOTH' | 'LOUDSPEAKER' | 'SOCIAL_MEDIA' | 'OTHER';
export const FIELD_ACTIVITY_KINDS: FieldActivityKind[] = ['DOOR_TO_DOOR', 'COMMUNITY_MEETING', 'CLASS', 'INFO_BOOTH', 'LOUDSPEAKER', 'SOCIAL_MEDIA', 'OTHER'];

/** A field log waiting in the outbox. */
export interface FieldLogItem extends QueuedItem {
  campaignId: string;
  campaignTitle: string;
  adminUnitCode: string;
  unitName: string;
  happenedAt: string;
  activity: FieldActivityKind;
  peopleReached: number;
  householdsReached: number;
  note: string;
  location: { latitude: number; longitude: number; accuracy: number | null } | null;
}

interface LogPayload {
  result: string;
  errors: ServerError[];
}

const LOG: BatchMutation = {
  operation: 'Logs',
  field: 'logFieldActivity',
  inputType: 'LogFieldActivityInput',
  selection: 'result errors { field code message }',
};

/** One document per batch size up to the server's 15 aliases (trusted documents are fixed at build time). */
const LOGS = batchMutation(LOG);

/** Field logs in the outbox: up to 15 a request; CREATED and DUPLICATE acknowledge one. */
export const fieldLogs: OutboxKind<FieldLogItem> = {
  name: 'fieldLog',
  batchSize: LOGS.max,
  async send(items) {
    const payloads = await sendBatch<LogPayload>(
      LOGS,
      items.map((item) => ({
        clientId: item.clientId,
        campaignId: item.campaignId,
        adminUnitCode: item.adminUnitCode,
        happenedAt: item.happenedAt,
        kind: item.activity,
        peopleReached: item.peopleReached,
        householdsReached: item.householdsReached,
        note: item.note,
        location: item.location,
      })),
    );
    // photos are re-POSTed after a lost answer: the server answers 200 for one it holds
    return replyPerItem(items, payloads, (payload) => payload.result, false);
  },
  acknowledges: (result) => result === 'CREATED' || result === 'DUPLICATE',
  photoUrl: (photo: StoredPhoto) => `/uploads/field-photos/${encodeURIComponent(photo.clientId)}`,
  describe: (item) => ({ title: `${item.campaignTitle} · ${item.unitName}`, collectedAt: item.happenedAt }),
  reopen: (item, photos) => ({
    draft: { store: 'kept', key: logDraftKey(item.owner, item.campaignId), value: logDraft(item, photos) },
    open: { name: 'campaignLog', id: item.campaignId },
  }),
};

/** A refused field log reopened for correcting: the form's fields, its photos, the server's messages. */
export interface LogDraft {
  log: NewFieldLog;
  photos: { blob: Blob; sha256: string }[];
  serverErrors: ServerError[];
}

/** Where a reopened log waits for its form (one per account and campaign). */
export const logDraftKey = (owner: string, campaignId: string): string => `logDraft:${owner}:${campaignId}`;

export function logDraft(item: FieldLogItem, photos: StoredPhoto[]): LogDraft {
  const log: NewFieldLog = {
    campaignId: item.campaignId,
    campaignTitle: item.campaignTitle,
    adminUnitCode: item.adminUnitCode,
    unitName: item.unitName,
    happenedAt: item.happenedAt,
    activity: item.activity,
    peopleReached: item.peopleReached,
    householdsReached: item.householdsReached,
    note: item.note,
    location: item.location,
  };
  const ordered = [...photos].sort((a, b) => a.questionKey.localeCompare(b.questionKey, 'en', { numeric: true }));
  return { log, photos: ordered.map((p) => ({ blob: p.blob, sha256: p.sha256 })), serverErrors: item.errors };
}

/** The reopened log of this campaign waiting for its form, if any. */
export function reopenedLog(owner: string, campaignId: string): Promise<LogDraft | undefined> {
  return kept<LogDraft>(logDraftKey(owner, campaignId));
}

export type NewFieldLog = Omit<FieldLogItem, keyof QueuedItem>;

/** Queue a field log with its photos (already downscaled and hashed), dropping a reopened draft of it; returns its clientId. */
export function enqueueFieldLog(owner: string, log: NewFieldLog, photos: Map<string, { blob: Blob; sha256: string }>): Promise<string> {
  return enqueue<FieldLogItem>({ kind: fieldLogs, owner, photos, payload: () => log, keptDraftKey: logDraftKey(owner, log.campaignId) });
}

// ---------------------------------------------------------------------------------------
// The office (issue 14): creating a campaign with goals per unit (online only; the
// server's field errors are shown on the form's fields).

export interface NewCampaign {
  title: string;
  topic: string;
  adminUnitCode: string;
  startsOn: string;
  endsOn: string;
  goalPeople: number;
  goalHouseholds: number;
  targets: { adminUnitCode: string; goalPeople: number | null; goalHouseholds: number | null }[];
}

const CREATE_CAMPAIGN = operation(`mutation CreateCampaign($input: CreateCampaignInput!) { createCampaign(input: $input) {
  campaign { id } errors { field code message } } }`);

export async function createCampaign(input: NewCampaign): Promise<{ id: string | null; errors: ServerError[] }> {
  const data = await graphql<{ createCampaign: { campaign: { id: string } | null; errors: ServerError[] } }>(CREATE_CAMPAIGN, { input });
  return { id: data.createCampaign.campaign?.id ?? null, errors: data.createCampaign.errors };
}
