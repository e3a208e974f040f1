/**
 * Expert support (issue 18): requests, partners' offers, matches and engagements, read and
 * changed online through `/graphql`. Logging a delivery is safe to send again (the server
 * overwrites the log), so with no signal it waits in the outbox (kind `supportDelivery`).
 */
import type { QueuedItem, ServerError, StoredPhoto } from './db';
import { type Connection, type Operation, type Page, graphql, operation, pageOf } from './graphql';
import { type OutboxKind, enqueue } from './outbox';

export type RequestStatus = 'OPEN' | 'MATCHED' | 'DELIVERED';
export type EngagementStatus = 'PROPOSED' | 'ACCEPTED' | 'DECLINED' | 'DELIVERED';

export interface Tag {
  id: number;
  name: string;
}

export interface SupportRequest {
  id: string;
  title: string;
  need: string;
  startsOn: string;
  endsOn: string;
  personDays: number;
  peopleToHelp: number;
  status: RequestStatus;
  adminUnit: { code: string; name: string };
  tags: Tag[];
}

export interface SupportOffer {
  id: string;
  title: string;
  description: string;
  capacityPersonDays: number;
  startsOn: string;
  endsOn: string;
  partner: { name: string; kind: string };
  tags: Tag[];
  experts: { id: string; fullName: string; position: string }[];
  servedUnits: { code: string; name: string }[];
}

export interface Match {
  score: number;
  tagsCovered: string[];
  tagsMissing: string[];
  servesArea: boolean;
  capacityLeft: number;
  enoughCapacity: boolean;
  averageRating: number | null;
  ratings: number;
  proposed: boolean;
  offer: Pick<SupportOffer, 'id' | 'title' | 'partner'>;
}

export interface Engagement {
  id: string;
  status: EngagementStatus;
  personDays: number;
  period: string;
  proposedAt: string;
  hoursDelivered: number;
  personDaysDelivered: number;
  peopleHelped: number;
  notes: string;
  requesterRating: number | null;
  requesterComment: string;
  partnerRating: number | null;
  partnerComment: string;
  request: SupportRequest;
  offer: Pick<SupportOffer, 'id' | 'title' | 'partner'>;
}

const ERRORS = 'errors { field code message }';
const REQUEST = 'id title need startsOn endsOn personDays peopleToHelp status adminUnit { code name } tags { id name }';
const OFFER = `id title description capacityPersonDays startsOn endsOn partner { name kind } tags { id name }
  experts { id fullName position } servedUnits { code name }`;
const ENGAGEMENT = `id status personDays period proposedAt hoursDelivered personDaysDelivered peopleHelped notes
  requesterRating requesterComment partnerRating partnerComment request { ${REQUEST} } offer { id title partner { name kind } }`;

const REQUESTS = operation(`query SupRequests($after: String) { supportRequests(first: 20, after: $after) {
  edges { node { ${REQUEST} } } pageInfo { hasNextPage endCursor } } }`);
const OFFERS = operation(`query SupOffers($after: String) { supportOffers(first: 20, after: $after) {
  edges { node { ${OFFER} } } pageInfo { hasNextPage endCursor } } }`);
const ENGAGEMENTS = operation(`query SupEngagements($after: String) { supportEngagements(first: 20, after: $after) {
  edges { node { ${ENGAGEMENT} } } pageInfo { hasNextPage endCursor } } }`);
const ONE = operation(`query SupEngagement($id: ID!) { node(id: $id) { ... on SupportEngagement { ${ENGAGEMENT} } } }`);
const MATCHES = operation(`query SupMatches($id: ID!) { supportMatches(requestId: $id) {
  score tagsCovered tagsMissing servesArea capacityLeft enoughCapacity averageRating ratings proposed
  offer { id title partner { name kind } } } }`);
const PROPOSE = operation(`mutation SupPropose($input: ProposeEngagementInput!) { proposeEngagement(input: $input) {
  engagement { id } ${ERRORS} } }`);
const ACCEPT = operation(`mutation SupAccept($input: EngagementIdInput!) { acceptEngagement(input: $input) {
  engagement { ${ENGAGEMENT} } ${ERRORS} } }`);
const DECLINE = operation(`mutation SupDecline($input: EngagementIdInput!) { declineEngagement(input: $input) {
  engagement { ${ENGAGEMENT} } ${ERRORS} } }`);
const DELIVER = operation(`mutation SupDeliver($input: RecordEngagementDeliveryInput!) { recordEngagementDelivery(input: $input) {
  engagement { ${ENGAGEMENT} } ${ERRORS} } }`);
const RATE = operation(`mutation SupRate($input: RateEngagementInput!) { rateEngagement(input: $input) {
  engagement { ${ENGAGEMENT} } ${ERRORS} } }`);

export async function fetchRequests(after: string | null): Promise<Page<SupportRequest>> {
  return pageOf((await graphql<{ supportRequests: Connection<SupportRequest> }>(REQUESTS, { after })).supportRequests);
}

export async function fetchOffers(after: string | null): Promise<Page<SupportOffer>> {
  return pageOf((await graphql<{ supportOffers: Connection<SupportOffer> }>(OFFERS, { after })).supportOffers);
}

export async function fetchEngagements(after: string | null): Promise<Page<Engagement>> {
  return pageOf((await graphql<{ supportEngagements: Connection<Engagement> }>(ENGAGEMENTS, { after })).supportEngagements);
}

/** One engagement the viewer may see; null otherwise. */
export async function fetchEngagement(id: string): Promise<Engagement | null> {
  const node = (await graphql<{ node: Engagement | null }>(ONE, { id })).node;
  return node && 'status' in node ? node : null;
}

export async function fetchMatches(requestId: string): Promise<Match[]> {
  return (await graphql<{ supportMatches: Match[] }>(MATCHES, { id: requestId })).supportMatches;
}

export async function propose(requestId: string, offerId: string): Promise<ServerError[]> {
  const data = await graphql<{ proposeEngagement: { errors: ServerError[] } }>(PROPOSE, { input: { requestId, offerId } });
  return data.proposeEngagement.errors;
}

export interface EngagementResult {
  engagement: Engagement | null;
  errors: ServerError[];
}

async function change(query: Operation, field: string, input: Record<string, unknown>): Promise<EngagementResult> {
  const data = await graphql<Record<string, EngagementResult>>(query, { input });
  return data[field] as EngagementResult;
}

export const accept = (id: string) => change(ACCEPT, 'acceptEngagement', { id });
export const decline = (id: string) => change(DECLINE, 'declineEngagement', { id });
export const recordDelivery = (input: { id: string; hours: number; personDays: number; peopleHelped: number; notes: string; clientId?: string }) =>
  change(DELIVER, 'recordEngagementDelivery', input);
export const rate = (input: { id: string; rating: number; comment: string }) => change(RATE, 'rateEngagement', input);

// ---------------------------------------------------------------------------------------
// Logging a delivery with no signal, or with photos: queued in the outbox (kind
// `supportDelivery`) and sent when the app is online. Sending it twice is harmless (the
// server overwrites the log); its photos (downscaled on the phone, data/photo.ts) follow
// it to /uploads/delivery-photos/<clientId>, each stored once whatever the resends.

export interface DeliveryItem extends QueuedItem {
  engagementId: string;
  title: string;
  hours: number;
  personDays: number;
  peopleHelped: number;
  notes: string;
  loggedAt: string;
}

export const supportDeliveries: OutboxKind<DeliveryItem> = {
  name: 'supportDelivery',
  batchSize: 1,
  async send(items) {
    const results = [];
    for (const item of items) {
      const reply = await recordDelivery({
        id: item.engagementId,
        hours: item.hours,
        personDays: item.personDays,
        peopleHelped: item.peopleHelped,
        notes: item.notes,
        clientId: item.clientId,
      });
      // photos are re-POSTed after a lost answer: the server answers 200 for one it holds
      results.push({ clientId: item.clientId, result: reply.engagement ? 'SAVED' : 'REFUSED', errors: reply.errors, photosStored: false });
    }
    return { errors: [], results };
  },
  acknowledges: (result) => result === 'SAVED',
  photoUrl: (photo: StoredPhoto) => `/uploads/delivery-photos/${encodeURIComponent(photo.clientId)}`,
  describe: (item) => ({ title: item.title, collectedAt: item.loggedAt }),
};

export function enqueueDelivery(
  owner: string,
  delivery: { id: string; title: string; hours: number; personDays: number; peopleHelped: number; notes: string },
  photos: { blob: Blob; sha256: string }[] = [],
): Promise<string> {
  const { id, ...rest } = delivery;
  return enqueue<DeliveryItem>({
    kind: supportDeliveries,
    owner,
    photos: new Map(photos.map((p, i) => [`photo-${i + 1}`, p])),
    payload: (now) => ({ ...rest, engagementId: id, loggedAt: now }),
  });
}

export interface FigureRow {
  key: string;
  name: string;
  requests: number;
  requestsMet: number;
  personDaysDelivered: number;
  peopleHelped: number;
  averageHoursToMatch: number | null;
  averageRating: number | null;
}

export interface Figures {
  total: FigureRow;
  byUnit: FigureRow[];
  byPartner: FigureRow[];
}

const ROW = 'key name requests requestsMet personDaysDelivered peopleHelped averageHoursToMatch averageRating';
const FIGURES = operation(`query SupFigures { supportFigures { total { ${ROW} } byUnit { ${ROW} } byPartner { ${ROW} } } }`);

/** Figures of the viewer's area: in total, per unit below it, per partner (staff). */
export async function fetchFigures(): Promise<Figures> {
  return (await graphql<{ supportFigures: Figures }>(FIGURES)).supportFigures;
}

// ---------------------------------------------------------------------------------------
// Asking for help (unit editors) and publishing an offer (partners), online.

export interface NewRequest {
  adminUnitCode: string;
  title: string;
  need: string;
  tagIds: number[];
  startsOn: string;
  endsOn: string;
  personDays: number;
  peopleToHelp: number;
}

export interface OfferFields {
  title: string;
  description: string;
  tagIds: number[];
  capacityPersonDays: number;
  servedUnitCodes: string[];
  startsOn: string;
  endsOn: string;
  expertIds: string[];
}

export interface Expert {
  id: string;
  fullName: string;
  position: string;
}

export interface Created {
  id: string | null;
  errors: ServerError[];
}

const TAGS = operation('query SupTags { expertiseTags { id name } }');
const EXPERTS = operation('query SupExperts { supportExperts { id fullName position } }');
const CREATE_REQUEST = operation(`mutation SupCreateRequest($input: CreateSupportRequestInput!) { createSupportRequest(input: $input) {
  request { id } ${ERRORS} } }`);
const CREATE_OFFER = operation(`mutation SupCreateOffer($input: CreateSupportOfferInput!) { createSupportOffer(input: $input) {
  offer { id } ${ERRORS} } }`);
const UPDATE_OFFER = operation(`mutation SupUpdateOffer($input: UpdateSupportOfferInput!) { updateSupportOffer(input: $input) {
  offer { id } ${ERRORS} } }`);

export async function fetchTags(): Promise<Tag[]> {
  return (await graphql<{ expertiseTags: Tag[] }>(TAGS)).expertiseTags;
}

/** The partner's own organisation's members it may name as experts (names and positions only). */
export async function fetchExperts(): Promise<Expert[]> {
  return (await graphql<{ supportExperts: Expert[] }>(EXPERTS)).supportExperts;
}

async function create(query: Operation, field: string, object: string, input: object): Promise<Created> {
  const data = await graphql<Record<string, { errors: ServerError[] } & Record<string, { id: string } | null>>>(query, { input });
  const payload = data[field];
  const saved = payload?.[object] as { id: string } | null | undefined;
  return { id: saved?.id ?? null, errors: payload?.errors ?? [] };
}

export const createRequest = (input: NewRequest) => create(CREATE_REQUEST, 'createSupportRequest', 'request', input);
export const createOffer = (input: OfferFields) => create(CREATE_OFFER, 'createSupportOffer', 'offer', input);
export const updateOffer = (id: string, input: OfferFields) => create(UPDATE_OFFER, 'updateSupportOffer', 'offer', { id, ...input });
