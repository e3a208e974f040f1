/**
 * The campaigns domain: awareness campaigns covering the viewer's area and their
 * progress per commune (kept for offline use once seen).
 */
import { keep, kept } from './db';
import { type Connection, type Page, graphql, pageOf } from './graphql';

export interface Campaign {
  id: string;
  title: string;
  topic: string;
  startsOn: string;
  endsOn: string;
  goalPeople: number;
  goalHouseholds: number;
  adminUnit: { code: string; name: string };
  targets: { adminUnit: { code: string; name: string }; goalPeople: number | null; goalHouseholds: number | null }[];
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
  targets { adminUnit { code name } goalPeople goalHouseholds }`;
const ROW = 'adminUnit { code name } peopleReached householdsReached activities goalPeople goalHouseholds peopleRate householdsRate';

const CAMPAIGNS = `query Campaigns($after: String, $activeOn: Date, $first: Int) {
  campaigns(first: $first, after: $after, activeOn: $activeOn) {
  edges { node { ${CAMPAIGN} } } pageInfo { hasNextPage endCursor } } }`;
const PROGRESS = `query Progress($id: ID!) { campaignProgress(campaignId: $id) {
  campaign { ${CAMPAIGN} } totals { ${ROW} } communes { ${ROW} } } }`;

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
