/**
 * The recognition domain for staff and the committee: screening initiatives, rounds and
 * their nominations, sealed ballots, frozen results, awards, replications and the
 * emulation leaderboard. Online only (a ballot is refused once its round closes, so it is
 * never queued): every call goes straight to the server through graphql.ts.
 */
import type { ServerError } from './db';
import { type Connection, type Operation, type Page, allNodes, graphql, operation, pageOf } from './graphql';

export type InitiativeStatus =
  | 'SUBMITTED'
  | 'SCREENING'
  | 'NEEDS_INFO'
  | 'ACCEPTED_FOR_REVIEW'
  | 'REJECTED'
  | 'NOMINATED'
  | 'AWARDED'
  | 'NOT_AWARDED';
export type AwardLevel = 'FIRST_PRIZE' | 'SECOND_PRIZE' | 'THIRD_PRIZE' | 'ENCOURAGEMENT';
export type ReplicationStatus = 'PLANNED' | 'IN_PROGRESS' | 'ESTABLISHED' | 'DISCONTINUED';
export type RoundStatus = 'OPEN' | 'CLOSED' | 'FINALIZED';

export const AWARD_LEVELS: AwardLevel[] = ['FIRST_PRIZE', 'SECOND_PRIZE', 'THIRD_PRIZE', 'ENCOURAGEMENT'];
export const REPLICATION_STATUSES: ReplicationStatus[] = ['PLANNED', 'IN_PROGRESS', 'ESTABLISHED', 'DISCONTINUED'];

/** What a screener may do from each status (recognition/workflow.py's SCREEN steps). */
export const SCREENING_MOVES: Partial<Record<InitiativeStatus, InitiativeStatus[]>> = {
  SUBMITTED: ['SCREENING'],
  SCREENING: ['ACCEPTED_FOR_REVIEW', 'NEEDS_INFO', 'REJECTED'],
  NEEDS_INFO: ['SCREENING', 'REJECTED'],
};
/** The public note is required for these targets (the server says so too). */
export const PUBLIC_NOTE_REQUIRED: InitiativeStatus[] = ['NEEDS_INFO', 'REJECTED'];

export interface Unit {
  code: string;
  name: string;
}

export interface Attachment {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  downloadUrl: string;
}

export interface StatusChange {
  fromStatus: InitiativeStatus | null;
  toStatus: InitiativeStatus;
  at: string;
  note: string;
  publicNote: string;
  actorKind: string;
}

export interface Replication {
  id: string;
  organization: { name: string; adminUnit: Unit };
  startedAt: string;
  status: ReplicationStatus;
  note: string;
}

export interface Initiative {
  id: string;
  title: string;
  summary: string;
  problem: string;
  solution: string;
  results: string;
  category: string;
  status: InitiativeStatus;
  submittedAt: string;
  statusChangedAt: string;
  submitterName: string | null;
  adminUnit: Unit;
  organization: { id: string; name: string } | null;
  attachments: Attachment[];
  replications: Replication[];
}

export interface InitiativeDetail extends Initiative {
  history: StatusChange[];
}

export interface SimilarInitiative {
  id: string;
  title: string;
  status: InitiativeStatus;
  adminUnitName: string;
  submittedOn: string;
  similarity: number;
}

export interface Score {
  criterion: string;
  score: number;
}

export interface BallotRevision {
  revision: number;
  scores: Score[];
  recused: boolean;
  comment: string;
  at: string;
}

export interface Ballot {
  id: string;
  revision: number;
  recused: boolean;
  autoRecused: boolean;
  recusalReason: string | null;
  scores: Score[];
  /** The member's note to the committee, sealed with the scores. */
  comment: string;
  voterName: string | null;
  updatedAt: string;
  revisions: BallotRevision[];
}

export interface Award {
  id: string;
  level: AwardLevel;
  citation: string;
  grantedAt: string;
}

export interface Result {
  nominationId: string;
  rank: number | null;
  score: number | null;
  hasQuorum: boolean;
  ballots: number;
  recusals: number;
  criterionMeans: Score[];
  initiative: { id: string; title: string; adminUnit: Unit };
  award: Award | null;
}

export interface Nomination {
  id: string;
  nominatedAt: string;
  initiative: Initiative;
  myBallot: Ballot | null;
  votes: { voterName: string; recused: boolean; castAt: string }[] | null;
  votedCount: number | null;
  ballots: Omit<Ballot, 'revisions'>[] | null;
  result: Result | null;
  award: Award | null;
}

export interface Criterion {
  key: string;
  label: string;
  weight: number;
  maxScore: number;
}

export interface Round {
  id: string;
  title: string;
  periodStart: string;
  periodEnd: string;
  opensAt: string;
  closesAt: string;
  quorum: number;
  status: RoundStatus;
  revealBallots: boolean;
  closedAt: string | null;
  adminUnit: Unit;
  criteria: Criterion[];
  committee: { userId: string; displayName: string; isChair: boolean }[];
  viewerOnCommittee: boolean;
  viewerIsChair: boolean;
}

export interface RoundDetail extends Round {
  nominations: Nomination[];
}

export interface Payload {
  errors: ServerError[];
}

const ERRORS = 'errors { field code message }';
const UNIT = 'adminUnit { code name }';
const INITIATIVE = `id title summary problem solution results category status submittedAt statusChangedAt submitterName ${UNIT}
  organization { id name } attachments { id fileName contentType size downloadUrl }
  replications { id organization { name ${UNIT} } startedAt status note }`;
const DETAIL = `${INITIATIVE} history { fromStatus toStatus at note publicNote actorKind }`;
const BALLOT = `id revision recused autoRecused recusalReason scores { criterion score } comment voterName updatedAt
  revisions { revision scores { criterion score } recused comment at }`;
const AWARD = 'award { id level citation grantedAt }';
const RESULT = `nominationId rank score hasQuorum ballots recusals criterionMeans { criterion score }
  initiative { id title ${UNIT} } ${AWARD}`;
const ROUND = `id title periodStart periodEnd opensAt closesAt quorum status revealBallots closedAt ${UNIT}
  criteria { key label weight maxScore } committee { userId displayName isChair } viewerOnCommittee viewerIsChair`;
// others' ballots exist only after the close (sealed): their scores, not their revisions
const NOMINATION = `id nominatedAt initiative { ${INITIATIVE} } myBallot { ${BALLOT} }
  votes { voterName recused castAt } votedCount ballots { id revision recused autoRecused recusalReason scores { criterion score } comment voterName updatedAt }
  result { ${RESULT} } ${AWARD}`;

const QUEUE = operation(`query Queue($status: InitiativeStatus!, $after: String) {
  initiatives(status: $status, first: 100, after: $after) { edges { node { ${INITIATIVE} } } pageInfo { hasNextPage endCursor } } }`);
const INITIATIVE_DETAIL = operation(`query Initiative($id: ID!) { initiative(id: $id) { ${DETAIL} }
  similarInitiatives(id: $id) { id title status adminUnitName submittedOn similarity } }`);
const SCREEN = operation(`mutation Screen($input: ScreenInitiativeInput!) { screenInitiative(input: $input) { initiative { id status } ${ERRORS} } }`);
const roundsPage = (first: number): string => `query Rounds${first}($after: String) { recognitionRounds(first: ${first}, after: $after) {
  edges { node { ${ROUND} } } pageInfo { hasNextPage endCursor } totalCount } }`;
// Literal page sizes: the server prices a variable page size at its maximum.
const ROUNDS = operation(roundsPage(20));
const ALL_ROUNDS = operation(roundsPage(100));
/**
 * Nominations read per round, written into the query: the server prices a query by the
 * most it may return (a variable page size counts as its maximum) and refuses one above
 * its cost limit; a round with more is read a page at a time (fetchRound).
 */
const NOMINATIONS_PER_ROUND = 30;
const ROUND_DETAIL = operation(`query Round($id: ID!, $after: String) { recognitionRound(id: $id) { ${ROUND}
  nominations(first: ${NOMINATIONS_PER_ROUND}, after: $after) { edges { node { ${NOMINATION} } } pageInfo { hasNextPage endCursor } } } }`);
const RESULTS = operation(`query Results($roundId: ID!) { roundResults(roundId: $roundId) { ${RESULT} } }`);
const CREATE_ROUND = operation(`mutation CreateRound($input: CreateRecognitionRoundInput!) { createRecognitionRound(input: $input) { round { id } ${ERRORS} } }`);
const NOMINATE = operation(`mutation Nominate($input: NominateInitiativeInput!) { nominateInitiative(input: $input) { nomination { id } ${ERRORS} } }`);
const CLOSE = operation(`mutation Close($input: RoundInput!) { closeRound(input: $input) { round { id status } ${ERRORS} } }`);
const FINALIZE = operation(`mutation Finalize($input: RoundInput!) { finalizeRound(input: $input) { round { id status } ${ERRORS} } }`);
const GRANT = operation(`mutation Grant($input: GrantAwardInput!) { grantAward(input: $input) { award { id } ${ERRORS} } }`);
const REPLICATE = operation(`mutation Replicate($input: RecordReplicationInput!) { recordReplication(input: $input) { replication { id } ${ERRORS} } }`);
const CAST = operation(`mutation Cast($input: CastBallotInput!) { castBallot(input: $input) { ballot { ${BALLOT} } autoRecused ${ERRORS} } }`);
const USERS = operation(`query Users($after: String) { users(first: 100, after: $after) {
  edges { node { id displayName roles isActive } } pageInfo { hasNextPage endCursor } } }`);
const ORGANIZATIONS = operation(`query Orgs($search: String) { organizations(search: $search, first: 20) { edges { node { id name ${UNIT} } } } }`);
const LEADERBOARD = operation(`query Leaderboard($period: PeriodInput, $code: String) { emulationLeaderboard(period: $period, adminUnitCode: $code) {
  adminUnit { code name } periodStart periodEnd weights { part weight }
  units { rank score adminUnit { code name } parts { part value available normalized weight points } } } }`);

/** New and pending initiatives in the caller's scope, oldest first. */
export async function fetchScreeningQueue(): Promise<Initiative[]> {
  const statuses: InitiativeStatus[] = ['SUBMITTED', 'SCREENING', 'NEEDS_INFO'];
  const lists = await Promise.all(statuses.map((s) => allNodes<Initiative>('initiatives', QUEUE, { status: s })));
  return lists.flat().sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
}

/** Initiatives accepted for review (or not awarded before): what a round may nominate. */
export async function fetchNominable(): Promise<Initiative[]> {
  const lists = await Promise.all(
    (['ACCEPTED_FOR_REVIEW', 'NOT_AWARDED'] as const).map((s) => allNodes<Initiative>('initiatives', QUEUE, { status: s })),
  );
  return lists.flat().sort((a, b) => a.title.localeCompare(b.title, 'vi'));
}

export async function fetchInitiative(id: string): Promise<{ initiative: InitiativeDetail | null; similar: SimilarInitiative[] }> {
  const data = await graphql<{ initiative: InitiativeDetail | null; similarInitiatives: SimilarInitiative[] }>(INITIATIVE_DETAIL, { id });
  return { initiative: data.initiative, similar: data.similarInitiatives };
}

export async function screenInitiative(id: string, toStatus: InitiativeStatus, note: string, publicNote: string): Promise<ServerError[]> {
  const data = await graphql<{ screenInitiative: Payload }>(SCREEN, { input: { id, toStatus, note, publicNote } });
  return data.screenInitiative.errors;
}

export async function fetchRounds(after: string | null): Promise<Page<Round>> {
  const data = await graphql<{ recognitionRounds: Connection<Round> }>(ROUNDS, { after });
  return pageOf(data.recognitionRounds);
}

/** Every round the caller may see (the committee's list: a handful). */
export function fetchAllRounds(): Promise<Round[]> {
  return allNodes<Round>('recognitionRounds', ALL_ROUNDS);
}

/** A round with every one of its nominations, a page of them at a time (a page stays
 * under the cost limit however many the round has). */
export async function fetchRound(id: string): Promise<RoundDetail | null> {
  const nominations: Nomination[] = [];
  let after: string | null = null;
  for (;;) {
    const data: { recognitionRound: (Round & { nominations: Connection<Nomination> }) | null } = await graphql(ROUND_DETAIL, { id, after });
    const round = data.recognitionRound;
    if (!round) return null;
    nominations.push(...round.nominations.edges.map((e) => e.node));
    const { hasNextPage, endCursor } = round.nominations.pageInfo;
    if (!hasNextPage || !endCursor) return { ...round, nominations };
    after = endCursor;
  }
}

/** The rounds whose committee the caller sits on, with their nominations (open ones first). */
export async function fetchMyRounds(): Promise<RoundDetail[]> {
  const mine = (await fetchAllRounds()).filter((r) => r.viewerOnCommittee);
  const details = await Promise.all(mine.map((r) => fetchRound(r.id)));
  const order = (r: Round): number => (r.status === 'OPEN' ? 0 : 1);
  return details.filter((r): r is RoundDetail => r !== null).sort((a, b) => order(a) - order(b) || b.closesAt.localeCompare(a.closesAt));
}

export async function fetchResults(roundId: string): Promise<Result[]> {
  return (await graphql<{ roundResults: Result[] }>(RESULTS, { roundId })).roundResults;
}

export interface NewRound {
  title: string;
  periodStart: string;
  periodEnd: string;
  opensAt: string;
  closesAt: string;
  committeeUserIds: string[];
  chairUserId: string;
  quorum: number | null;
  criteria: { key: string; labelVi: string; labelEn: string; weight: number; maxScore: number }[];
}

export async function createRound(input: NewRound): Promise<{ id: string | null; errors: ServerError[] }> {
  const data = await graphql<{ createRecognitionRound: Payload & { round: { id: string } | null } }>(CREATE_ROUND, { input });
  return { id: data.createRecognitionRound.round?.id ?? null, errors: data.createRecognitionRound.errors };
}

async function mutate(query: Operation, field: string, input: Record<string, unknown>): Promise<ServerError[]> {
  const data = await graphql<Record<string, Payload>>(query, { input });
  return data[field]?.errors ?? [];
}

export const nominate = (roundId: string, initiativeId: string): Promise<ServerError[]> =>
  mutate(NOMINATE, 'nominateInitiative', { roundId, initiativeId });
export const closeRound = (roundId: string): Promise<ServerError[]> => mutate(CLOSE, 'closeRound', { roundId });
export const finalizeRound = (roundId: string): Promise<ServerError[]> => mutate(FINALIZE, 'finalizeRound', { roundId });
export const grantAward = (nominationId: string, level: AwardLevel, citation: string): Promise<ServerError[]> =>
  mutate(GRANT, 'grantAward', { nominationId, level, citation });
export const recordReplication = (input: {
  initiativeId: string;
  organizationId: string;
  startedAt: string;
  status: ReplicationStatus;
  note: string;
}): Promise<ServerError[]> => mutate(REPLICATE, 'recordReplication', input);

export interface BallotInput {
  nominationId: string;
  scores: Score[];
  recuse: boolean;
  recusalReason: string;
  comment: string;
  expectedRevision: number | null;
}

export interface CastResult {
  ballot: Ballot | null;
  autoRecused: boolean;
  errors: ServerError[];
}

export async function castBallot(input: BallotInput): Promise<CastResult> {
  return (await graphql<{ castBallot: CastResult }>(CAST, { input })).castBallot;
}

/** Accounts that may sit on a committee (the users list, filtered by role). */
export async function fetchCommitteeCandidates(): Promise<{ id: string; displayName: string }[]> {
  const users = await allNodes<{ id: string; displayName: string; roles: string[]; isActive: boolean }>('users', USERS);
  return users.filter((u) => u.isActive && u.roles.includes('COMMITTEE_MEMBER')).sort((a, b) => a.displayName.localeCompare(b.displayName, 'vi'));
}

export async function searchOrganizations(search: string): Promise<{ id: string; name: string; adminUnit: Unit }[]> {
  const data = await graphql<{ organizations: Connection<{ id: string; name: string; adminUnit: Unit }> }>(ORGANIZATIONS, { search });
  return data.organizations.edges.map((e) => e.node);
}

export interface PartScore {
  part: string;
  value: number | null;
  available: boolean;
  normalized: number;
  weight: number;
  points: number;
}

export interface Leaderboard {
  adminUnit: Unit;
  periodStart: string;
  periodEnd: string;
  weights: { part: string; weight: number }[];
  units: { rank: number; score: number; adminUnit: Unit; parts: PartScore[] }[];
}

/** The leaderboard of `adminUnitCode`'s child units (the viewer's scope by default). */
export async function fetchLeaderboard(
  period: { start: string; end: string } | null,
  adminUnitCode: string | null = null,
): Promise<Leaderboard> {
  return (await graphql<{ emulationLeaderboard: Leaderboard }>(LEADERBOARD, { period, code: adminUnitCode })).emulationLeaderboard;
}

/** The weighted mean the server computes: 100 × Σ w × mean(score/max) ÷ Σ w. */
export function weightedMean(criteria: Criterion[], means: Score[]): number | null {
  const total = criteria.reduce((sum, c) => sum + c.weight, 0);
  if (total === 0 || means.length === 0) return null;
  const mean = new Map(means.map((m) => [m.criterion, m.score]));
  return (100 * criteria.reduce((sum, c) => sum + (c.weight * (mean.get(c.key) ?? 0)) / c.maxScore, 0)) / total;
}
