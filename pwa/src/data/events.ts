/**
 * The events domain: events in the viewer's area, an invitation's answer, the roster of
 * an event downloaded for offline check-in, and check-ins as a kind of outbox item sent
 * with `checkIn` (several in one request, one aliased mutation each).
 *
 * A member's QR token is `base64url(payload).base64url(tag)` (activities/tokens.py): the
 * payload (purpose "Q", member id, token version, issue time) can be read offline to put
 * a name on a scan and to say at once that a code is expired or revoked; only the server
 * can check the tag, which it does when the check-in is sent.
 */
import { type QueuedItem, type ServerError, type StoredPhoto, keep, kept } from './db';
import { type Connection, GraphQLError, type Page, batchOperations, graphql, operation, pageOf } from './graphql';
import { type OutboxKind, enqueue, listOutbox } from './outbox';

export type Rsvp = 'PENDING' | 'ACCEPTED' | 'DECLINED';

export interface EventSummary {
  id: string;
  kind: string;
  title: string;
  place: string;
  startsAt: string;
  endsAt: string;
  cancelled: boolean;
  adminUnit: { code: string; name: string };
  attendanceCount: number;
  invitationCount: number;
}

export interface EventDetail extends EventSummary {
  topic: string;
  onlineUrl: string;
  agenda: string;
  trainer: string;
  hours: number | null;
  capacity: number | null;
  passMark: number | null;
  documents: { title: string; url: string }[];
  organizer: { name: string } | null;
}

export interface RosterEntry {
  memberId: string;
  memberPk: number;
  fullName: string;
  tokenVersion: number;
  rsvp: Rsvp | null;
  attended: boolean;
  /** Walk-ins registered on this device: their phone, to find them again. */
  phone?: string;
}

export interface Organization {
  id: string;
  name: string;
}

/** What "Download the roster" keeps for one event. */
export interface KeptRoster {
  event: EventDetail;
  entries: RosterEntry[];
  organizations: Organization[];
  downloadedAt: string;
}

const SUMMARY = 'id kind title place startsAt endsAt cancelled adminUnit { code name } attendanceCount invitationCount';
const DETAIL = `${SUMMARY} topic onlineUrl agenda trainer hours capacity passMark documents { title url } organizer { name }`;

const EVENTS = operation(`query Events($after: String, $startsAfter: DateTime, $startsBefore: DateTime, $first: Int) {
  events(first: $first, after: $after, startsAfter: $startsAfter, startsBefore: $startsBefore) {
  edges { node { ${SUMMARY} } } pageInfo { hasNextPage endCursor } } }`);
const EVENT = operation(`query Event($id: ID!) { event(id: $id) { ${DETAIL} } }`);
const ROSTER = operation(`query Roster($id: ID!) { eventRoster(eventId: $id) { memberId memberPk fullName tokenVersion rsvp attended } }`);
const ORGANIZATIONS = operation(`query Organizations($unit: String!) { organizations(adminUnitCode: $unit, first: 100) {
  edges { node { id name } } pageInfo { hasNextPage endCursor } } }`);

/** Organisations a walk-in may join: the event's unit's, else (an event above the viewer's area) the viewer's own. */
async function walkInOrganizations(eventUnit: string, scopeUnit: string): Promise<Organization[]> {
  for (const unit of [eventUnit, scopeUnit]) {
    try {
      const data = await graphql<{ organizations: Connection<Organization> }>(ORGANIZATIONS, { unit });
      return pageOf(data.organizations).nodes;
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
    }
  }
  return [];
}
const RESPOND = operation(`mutation Respond($input: RespondToInvitationInput!) { respondToInvitation(input: $input) {
  invitation { rsvp respondedAt } errors { field code message } } }`);

/** Events of the viewer's area (and above it), soonest first; optionally from a time on. */
export async function fetchEvents(
  after: string | null,
  window: { startsAfter?: string; startsBefore?: string; first?: number } = {},
): Promise<Page<EventSummary>> {
  const data = await graphql<{ events: Connection<EventSummary> }>(EVENTS, {
    after,
    first: window.first ?? 20,
    startsAfter: window.startsAfter ?? null,
    startsBefore: window.startsBefore ?? null,
  });
  return pageOf(data.events);
}

/** One event: from the server (and kept), else as kept on the device. */
export async function fetchEvent(id: string): Promise<{ event: EventDetail | null; offline: boolean }> {
  try {
    const data = await graphql<{ event: EventDetail | null }>(EVENT, { id });
    if (data.event) await keep(`event:${id}`, data.event);
    return { event: data.event, offline: false };
  } catch (error) {
    const stored = (await kept<EventDetail>(`event:${id}`)) ?? (await keptRoster(id))?.event;
    if (stored) return { event: stored, offline: true };
    throw error;
  }
}

export async function respondToInvitation(eventId: string, response: Rsvp): Promise<{ rsvp: Rsvp | null; errors: ServerError[] }> {
  const data = await graphql<{ respondToInvitation: { invitation: { rsvp: Rsvp } | null; errors: ServerError[] } }>(RESPOND, {
    input: { eventId, response },
  });
  const payload = data.respondToInvitation;
  if (payload.invitation) await keep(`rsvp:${eventId}`, payload.invitation.rsvp);
  return { rsvp: payload.invitation?.rsvp ?? null, errors: payload.errors };
}

/** The viewer's last answer to an event's invitation, as this device remembers it. */
export function keptRsvp(eventId: string): Promise<Rsvp | undefined> {
  return kept<Rsvp>(`rsvp:${eventId}`);
}

/** Download an event's roster and the organisations a walk-in may belong to, and keep them. */
export async function downloadRoster(event: EventDetail, scopeCode: string): Promise<KeptRoster> {
  const [data, organizations] = await Promise.all([
    graphql<{ eventRoster: RosterEntry[] }>(ROSTER, { id: event.id }),
    walkInOrganizations(event.adminUnit.code, scopeCode),
  ]);
  const previous = await keptRoster(event.id);
  // walk-ins registered here and not yet on the server's roster stay on the device's
  const fromServer = new Set(data.eventRoster.map((e) => e.memberPk));
  const walkIns = (previous?.entries ?? []).filter((e) => e.memberPk < 0 || (e.phone && !fromServer.has(e.memberPk)));
  const roster: KeptRoster = {
    event,
    entries: [...data.eventRoster, ...walkIns].sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi')),
    organizations,
    downloadedAt: new Date().toISOString(),
  };
  await keep(`roster:${event.id}`, roster);
  return roster;
}

export function keptRoster(eventId: string): Promise<KeptRoster | undefined> {
  return kept<KeptRoster>(`roster:${eventId}`);
}

/** The claims of a member's QR token, read without its key (the server checks the tag). */
export interface TokenClaims {
  memberPk: number;
  version: number;
  issuedAt: Date;
}

export const QR_TOKEN_LIFETIME_DAYS = 400;

export function readToken(token: string): TokenClaims | null {
  const [payload, tag] = token.trim().split('.');
  if (!payload || !tag) return null;
  let bytes: Uint8Array;
  try {
    const text = atob(payload.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (payload.length % 4)) % 4));
    bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
  if (bytes.length !== 13 || bytes[0] !== 0x51) return null; // "Q": a check-in code
  const view = new DataView(bytes.buffer);
  return { memberPk: view.getUint32(1), version: view.getUint32(5), issuedAt: new Date(view.getUint32(9) * 1000) };
}

/** The integer inside a global ID (`Member:12` in base64), or null. */
export function globalPk(id: string): number | null {
  try {
    const [, pk] = atob(id).split(':');
    return pk && /^\d+$/.test(pk) ? Number(pk) : null;
  } catch {
    return null;
  }
}

export interface WalkIn {
  fullName: string;
  phone: string;
  organizationId: string;
}

/** A check-in waiting in the outbox. */
export interface CheckInItem extends QueuedItem {
  eventId: string;
  eventTitle: string;
  memberQrToken: string | null;
  memberId: string | null;
  walkIn: WalkIn | null;
  checkedInAt: string;
  /** Who it is, to show on the roster while it waits (a walk-in: a negative number). */
  memberPk: number;
  fullName: string;
}

const CHECK_IN_FIELDS = 'result attendance { member { id fullName } } errors { field code message }';

export function checkInDocument(count: number): string {
  const variables = Array.from({ length: count }, (_, i) => `$i${i}: CheckInInput!`).join(', ');
  const fields = Array.from({ length: count }, (_, i) => `c${i}: checkIn(input: $i${i}) { ${CHECK_IN_FIELDS} }`).join(' ');
  return `mutation CheckIns(${variables}) { ${fields} }`;
}

// One alias per item: the server refuses more than 15 aliases in a document (schema/core/limits.py).
const CHECK_IN_BATCH = 15;
/** One document per batch size (trusted documents are fixed at build time). */
const CHECK_IN_DOCUMENTS = batchOperations(CHECK_IN_BATCH, checkInDocument);

interface CheckInPayload {
  result: string;
  attendance: { member: { id: string; fullName: string } } | null;
  errors: ServerError[];
}

const ACKNOWLEDGED = new Set(['CREATED', 'DUPLICATE', 'ALREADY_CHECKED_IN']);

/** Mark sent check-ins as attended on the kept roster (walk-ins get their server id). */
async function recordOnRoster(sent: { item: CheckInItem; member: { id: string; fullName: string } | null }[]): Promise<void> {
  const byEvent = new Map<string, typeof sent>();
  for (const one of sent) byEvent.set(one.item.eventId, [...(byEvent.get(one.item.eventId) ?? []), one]);
  for (const [eventId, done] of byEvent) {
    const roster = await keptRoster(eventId);
    if (!roster) continue;
    let entries = roster.entries;
    for (const { item, member } of done) {
      const pk = member ? (globalPk(member.id) ?? item.memberPk) : item.memberPk;
      entries = entries.filter((e) => !(item.memberPk < 0 && e.memberPk === item.memberPk));
      const found = entries.find((e) => e.memberPk === pk);
      if (found) found.attended = true;
      else
        entries.push({
          memberId: member?.id ?? '',
          memberPk: pk,
          fullName: member?.fullName ?? item.fullName,
          tokenVersion: 1,
          rsvp: null,
          attended: true,
          phone: item.walkIn?.phone,
        });
    }
    await keep(`roster:${eventId}`, { ...roster, entries });
  }
}

/** Check-ins in the outbox: up to 15 a request; CREATED, DUPLICATE and ALREADY_CHECKED_IN acknowledge one. */
export const checkIns: OutboxKind<CheckInItem> = {
  name: 'checkIn',
  batchSize: CHECK_IN_BATCH,
  async send(items) {
    const variables = Object.fromEntries(
      items.map((item, i) => [
        `i${i}`,
        {
          clientId: item.clientId,
          eventId: item.eventId,
          memberQrToken: item.memberQrToken,
          memberId: item.memberId,
          walkIn: item.walkIn,
          checkedInAt: item.checkedInAt,
        },
      ]),
    );
    const data = await graphql<Record<string, CheckInPayload>>(CHECK_IN_DOCUMENTS(items.length), variables);
    const results = items.map((item, i) => {
      const payload = data[`c${i}`] as CheckInPayload;
      return { item, payload };
    });
    await recordOnRoster(
      results.filter((r) => ACKNOWLEDGED.has(r.payload.result)).map((r) => ({ item: r.item, member: r.payload.attendance?.member ?? null })),
    );
    return {
      errors: [],
      results: results.map(({ item, payload }) => ({
        clientId: item.clientId,
        result: payload.result,
        errors: payload.errors,
        photosStored: true,
      })),
    };
  },
  acknowledges: (result) => result !== null && ACKNOWLEDGED.has(result),
  photoUrl: (photo: StoredPhoto) => `/uploads/none/${encodeURIComponent(photo.clientId)}`,
  describe: (item) => ({ title: `${item.fullName} · ${item.eventTitle}`, collectedAt: item.checkedInAt }),
};

export type NewCheckIn = Pick<CheckInItem, 'eventId' | 'eventTitle' | 'memberQrToken' | 'memberId' | 'walkIn' | 'memberPk' | 'fullName'>;

/** Queue a check-in (made now); returns its clientId. */
export function enqueueCheckIn(owner: string, checkIn: NewCheckIn): Promise<string> {
  return enqueue<CheckInItem>({
    kind: checkIns,
    owner,
    photos: new Map(),
    payload: (now) => ({ ...checkIn, checkedInAt: now }),
  });
}

/** The check-ins of an event still waiting in the outbox (or refused), by member. */
export async function pendingCheckIns(eventId: string): Promise<CheckInItem[]> {
  const items = await listOutbox();
  return items.filter((i): i is CheckInItem => i.kind === checkIns.name && (i as CheckInItem).eventId === eventId);
}
