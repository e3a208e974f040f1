/**
 * The campaigns domain: awareness campaigns covering the viewer's area and their
 * progress per commune (kept for offline use once seen), the units of the viewer's own
 * area a log may name, and field logs as a kind of outbox item, sent with
 * `logFieldActivity` (one aliased mutation each) and their photos POSTed to
 * /uploads/field-photos/<clientId>.
 */
import { type QueuedItem, type ServerError, type StoredPhoto, keep, kept } from './db';
import { type Connection, type Page, allNodes, batchOperations, graphql, operation, pageOf } from './graphql';
import { type OutboxKind, enqueue } from './outbox';

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
  try {
    const data = await graphql<{ campaignProgress: CampaignProgress }>(PROGRESS, { id });
    await keep(`campaign:${id}`, data.campaignProgress);
    return { progress: data.campaignProgress, offline: false };
  } catch (error) {
    const stored = await kept<CampaignProgress>(`campaign:${id}`);
    if (stored) return { progress: stored, offline: true };
    throw error;
  }
}

/** The row of a commune (or the totals when the commune has none). */
export function rowFor(progress: CampaignProgress, unitCode: string): ProgressRow {
  return progress.communes.find((r) => r.adminUnit.code === unitCode) ?? progress.totals;
}

/** Today in Vietnam (the campaigns' dates are Vietnamese calendar days). */
export function todayInVietnam(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

export interface AreaUnit {
  code: string;
  name: string;
  kind: string;
  path: string;
}

/** The units right below `$parent`. */
const UNITS_BELOW = operation(`query UnitsBelow($parent: String!, $after: String) { adminUnits(parentCode: $parent, first: 100, after: $after) {
  edges { node { code name kind path } } pageInfo { hasNextPage endCursor } } }`);
const UNIT = operation('query Unit($code: String!) { adminUnit(code: $code) { code name kind path } }');

/** The viewer's own unit and the units right below it (hamlets of a commune), kept for offline use. */
export async function areaUnits(scopeCode: string): Promise<AreaUnit[]> {
  const key = `units:${scopeCode}`;
  try {
    const [own, children] = await Promise.all([
      graphql<{ adminUnit: AreaUnit | null }>(UNIT, { code: scopeCode }),
      allNodes<AreaUnit>('adminUnits', UNITS_BELOW, { parent: scopeCode }),
    ]);
    const units = [...(own.adminUnit ? [own.adminUnit] : []), ...children];
    await keep(key, units);
    return units;
  } catch (error) {
    const stored = await kept<AreaUnit[]>(key);
    if (stored) return stored;
    throw error;
  }
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

function logDocument(count: number): string {
  const variables = Array.from({ length: count }, (_, i) => `$i${i}: LogFieldActivityInput!`).join(', ');
  const fields = Array.from({ length: count }, (_, i) => `l${i}: logFieldActivity(input: $i${i}) { result errors { field code message } }`).join(' ');
  return `mutation Logs(${variables}) { ${fields} }`;
}

// One alias per item: the server refuses more than 15 aliases in a document (schema/core/limits.py).
const LOG_BATCH = 15;
/** One document per batch size (trusted documents are fixed at build time). */
const LOG_DOCUMENTS = batchOperations(LOG_BATCH, logDocument);

/** Field logs in the outbox: up to 15 a request; CREATED and DUPLICATE acknowledge one. */
export const fieldLogs: OutboxKind<FieldLogItem> = {
  name: 'fieldLog',
  batchSize: LOG_BATCH,
  async send(items) {
    const variables = Object.fromEntries(
      items.map((item, i) => [
        `i${i}`,
        {
          clientId: item.clientId,
          campaignId: item.campaignId,
          adminUnitCode: item.adminUnitCode,
          happenedAt: item.happenedAt,
          kind: item.activity,
          peopleReached: item.peopleReached,
          householdsReached: item.householdsReached,
          note: item.note,
          location: item.location,
        },
      ]),
    );
    const data = await graphql<Record<string, LogPayload>>(LOG_DOCUMENTS(items.length), variables);
    return {
      errors: [],
      results: items.map((item, i) => {
        const payload = data[`l${i}`] as LogPayload;
        // photos are re-POSTed after a lost answer: the server answers 200 for one it holds
        return { clientId: item.clientId, result: payload.result, errors: payload.errors, photosStored: false };
      }),
    };
  },
  acknowledges: (result) => result === 'CREATED' || result === 'DUPLICATE',
  photoUrl: (photo: StoredPhoto) => `/uploads/field-photos/${encodeURIComponent(photo.clientId)}`,
  describe: (item) => ({ title: `${item.campaignTitle} · ${item.unitName}`, collectedAt: item.happenedAt }),
};

export type NewFieldLog = Omit<FieldLogItem, keyof QueuedItem>;

/** Queue a field log with its photos (already downscaled and hashed); returns its clientId. */
export function enqueueFieldLog(owner: string, log: NewFieldLog, photos: Map<string, { blob: Blob; sha256: string }>): Promise<string> {
  return enqueue<FieldLogItem>({ kind: fieldLogs, owner, photos, payload: () => log });
}
