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
import { type QueuedItem, type ServerError, type StoredPhoto, keep, kept, loadKept } from './db';
import { type BatchMutation, type Connection, GraphQLError, type Page, allNodes, batchMutation, graphql, operation, pageOf, sendBatch } from './graphql';
import { type OutboxKind, enqueue, listOutbox, replyPerItem } from './outbox';
import type { NetworkRole, OrganizationKind } from './vocabulary';

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
  /** Set on every occurrence of a recurring event. */
  seriesKey: string | null;
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

const SUMMARY = 'id kind title place startsAt endsAt cancelled adminUnit { code name } attendanceCount invitationCount seriesKey';
const DETAIL = `${SUMMARY} topic onlineUrl agenda trainer hours capacity passMark documents { title url } organizer { name }`;

const EVENTS = operation(`query Events($after: String, $startsAfter: DateTime, $startsBefore: DateTime, $endsAfter: DateTime,
  $first: Int, $adminUnitCode: String, $kind: EventKind, $includeCancelled: Boolean) {
  events(first: $first, after: $after, startsAfter: $startsAfter, startsBefore: $startsBefore, endsAfter: $endsAfter,
    adminUnitCode: $adminUnitCode, kind: $kind, includeCancelled: $includeCancelled) {
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

export type EventKind = 'TRAINING' | 'BRIEFING' | 'WORKSHOP' | 'CONFERENCE';
export const EVENT_KINDS: EventKind[] = ['TRAINING', 'BRIEFING', 'WORKSHOP', 'CONFERENCE'];

export interface EventFilter {
  startsAfter?: string;
  startsBefore?: string;
  /** Only events not over by then: a training that began yesterday and goes on today is kept. */
  endsAfter?: string;
  first?: number;
  /** Only this unit's subtree (without it: the viewer's area and the units above it). */
  adminUnitCode?: string;
  kind?: EventKind;
  includeCancelled?: boolean;
}

/** Events of the viewer's area (and above it), soonest first; optionally from a time on. */
export async function fetchEvents(after: string | null, window: EventFilter = {}): Promise<Page<EventSummary>> {
  const data = await graphql<{ events: Connection<EventSummary> }>(EVENTS, {
    after,
    first: window.first ?? 20,
    startsAfter: window.startsAfter ?? null,
    startsBefore: window.startsBefore ?? null,
    endsAfter: window.endsAfter ?? null,
    adminUnitCode: window.adminUnitCode ?? null,
    kind: window.kind ?? null,
    includeCancelled: window.includeCancelled ?? false,
  });
  return pageOf(data.events);
}

/** One event: from the server (and kept), else as kept on the device. */
export async function fetchEvent(id: string): Promise<{ event: EventDetail | null; offline: boolean }> {
  const { value, offline } = await loadKept(
    `event:${id}`,
    async () => (await graphql<{ event: EventDetail | null }>(EVENT, { id })).event,
    async () => (await keptRoster(id))?.event,
  );
  return { event: value, offline };
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

const CHECK_IN: BatchMutation = {
  operation: 'CheckIns',
  field: 'checkIn',
  inputType: 'CheckInInput',
  selection: 'result attendance { member { id fullName } } errors { field code message }',
};

/** One document per batch size up to the server's 15 aliases (trusted documents are fixed at build time). */
const CHECK_INS = batchMutation(CHECK_IN);

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
  batchSize: CHECK_INS.max,
  async send(items) {
    const payloads = await sendBatch<CheckInPayload>(
      CHECK_INS,
      items.map((item) => ({
        clientId: item.clientId,
        eventId: item.eventId,
        memberQrToken: item.memberQrToken,
        memberId: item.memberId,
        walkIn: item.walkIn,
        checkedInAt: item.checkedInAt,
      })),
    );
    const results = items.map((item, i) => ({ item, payload: payloads[i] as CheckInPayload }));
    await recordOnRoster(
      results.filter((r) => ACKNOWLEDGED.has(r.payload.result)).map((r) => ({ item: r.item, member: r.payload.attendance?.member ?? null })),
    );
    return replyPerItem(items, payloads, (payload) => payload.result, true);
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

// ---------------------------------------------------------------------------------------
// The office (issue 14): creating, editing and cancelling events and series, invitations,
// RSVPs, attendance, training scores and certificates. Online only: every call goes
// straight to the server, whose field errors the forms show on their fields.

export type Recurrence = 'MONTHLY' | 'QUARTERLY';
export { ORGANIZATION_KINDS, NETWORK_ROLES, type OrganizationKind, type NetworkRole } from './vocabulary';

export interface ManagedEvent extends EventDetail {
  minutes: string;
  organizer: Organization | null;
  adminUnit: { code: string; name: string; path: string };
}

/** What the event form edits; times are Vietnam time as typed (`2026-12-01T08:00`). */
export interface EventFields {
  title: string;
  topic: string;
  place: string;
  onlineUrl: string;
  startsAt: string;
  endsAt: string;
  capacity: number | null;
  agenda: string;
  documents: { title: string; url: string }[];
  organizerId: string | null;
  trainer: string;
  hours: number | null;
  passMark: number | null;
}

export interface NewEvent extends EventFields {
  kind: EventKind;
  adminUnitCode: string;
  recurrence: Recurrence | null;
  occurrences: number;
}

export interface EventChanges extends Partial<EventFields> {
  id: string;
  minutes?: string;
  cancelled?: boolean;
}

export interface InviteAudience {
  eventId: string;
  /** Members in this unit's subtree (null: the event's unit). */
  adminUnitCode: string | null;
  organizationKinds: OrganizationKind[];
  roles: NetworkRole[];
  memberIds: string[];
}

export interface AttendanceRow {
  id: string;
  member: { id: string; fullName: string };
  checkedInAt: string;
  walkIn: boolean;
  viaQr: boolean;
  score: number | null;
  passed: boolean | null;
  completed: boolean;
  /** The printable certificate of a completed training (`/certificates/<token>`). */
  certificatePath: string | null;
}

export interface MemberChoice {
  id: string;
  fullName: string;
  organization: { name: string } | null;
  adminUnit: { name: string };
}

const MANAGED = `${DETAIL} seriesKey minutes organizer { id name } adminUnit { code name path }`;
const MANAGED_EVENT = operation(`query ManagedEvent($id: ID!) { event(id: $id) { ${MANAGED} } }`);
const CREATE_EVENT = operation(`mutation CreateEvent($input: CreateEventInput!) { createEvent(input: $input) {
  occurrences { id startsAt } errors { field code message } } }`);
const UPDATE_EVENT = operation(`mutation UpdateEvent($input: UpdateEventInput!) { updateEvent(input: $input) {
  event { ${MANAGED} } errors { field code message } } }`);
const INVITE = operation(`mutation Invite($input: InviteToEventInput!) { inviteToEvent(input: $input) {
  invited alreadyInvited errors { field code message } } }`);
const ATTENDANCE = operation(`query Attendance($id: ID!, $after: String) { eventAttendance(eventId: $id, first: 100, after: $after) {
  edges { node { id member { id fullName } checkedInAt walkIn viaQr score passed completed certificatePath } }
  pageInfo { hasNextPage endCursor } } }`);
const SCORES = operation(`mutation Scores($input: RecordTrainingScoresInput!) { recordTrainingScores(input: $input) {
  attendances { id } errors { field code message } } }`);
const MEMBERS = operation(`query Members($search: String!, $unit: String) { members(search: $search, adminUnitCode: $unit, first: 10) {
  edges { node { id fullName organization { name } adminUnit { name } } } pageInfo { hasNextPage endCursor } } }`);
const ORGANIZERS = operation(`query Organizers($unit: String!) { organizations(adminUnitCode: $unit, first: 100) {
  edges { node { id name } } pageInfo { hasNextPage endCursor } } }`);

/** One event with what its organisers edit (the minutes, the organiser's id). */
export async function fetchManagedEvent(id: string): Promise<ManagedEvent | null> {
  const data = await graphql<{ event: ManagedEvent | null }>(MANAGED_EVENT, { id });
  return data.event;
}

/** Create an event, or every occurrence of a series; the first occurrence's id, or the errors. */
export async function createEvent(input: NewEvent): Promise<{ ids: string[]; errors: ServerError[] }> {
  const data = await graphql<{ createEvent: { occurrences: { id: string }[]; errors: ServerError[] } }>(CREATE_EVENT, { input });
  return { ids: data.createEvent.occurrences.map((e) => e.id), errors: data.createEvent.errors };
}

export async function updateEvent(input: EventChanges): Promise<{ event: ManagedEvent | null; errors: ServerError[] }> {
  const data = await graphql<{ updateEvent: { event: ManagedEvent | null; errors: ServerError[] } }>(UPDATE_EVENT, { input });
  return data.updateEvent;
}

export async function inviteToEvent(input: InviteAudience): Promise<{ invited: number; alreadyInvited: number; errors: ServerError[] }> {
  const data = await graphql<{ inviteToEvent: { invited: number; alreadyInvited: number; errors: ServerError[] } }>(INVITE, { input });
  return data.inviteToEvent;
}

/** Who is invited, with their answers and whether they came (not kept: the office works online). */
export async function fetchRoster(eventId: string): Promise<RosterEntry[]> {
  const data = await graphql<{ eventRoster: RosterEntry[] }>(ROSTER, { id: eventId });
  return data.eventRoster;
}

/** Everyone checked in, 100 a page, at most 50 pages (5,000 people). */
export function fetchAttendance(eventId: string): Promise<AttendanceRow[]> {
  return allNodes<AttendanceRow>('eventAttendance', ATTENDANCE, { id: eventId }, 50);
}

/** Test scores (0–100) of attendees; whether each passed follows the event's pass mark. */
export async function recordTrainingScores(eventId: string, scores: { memberId: string; score: number }[]): Promise<ServerError[]> {
  const data = await graphql<{ recordTrainingScores: { errors: ServerError[] } }>(SCORES, { input: { eventId, scores } });
  return data.recordTrainingScores.errors;
}

/** Members found by name or phone (without diacritics), in a unit's subtree, for a named invitation. */
export async function searchMembers(search: string, unitCode: string | null): Promise<MemberChoice[]> {
  const data = await graphql<{ members: Connection<MemberChoice> }>(MEMBERS, { search, unit: unitCode });
  return pageOf(data.members).nodes;
}

/** The organisations of a unit (the first 100), to name an event's organiser. */
export async function fetchOrganizers(unitCode: string): Promise<Organization[]> {
  const data = await graphql<{ organizations: Connection<Organization> }>(ORGANIZERS, { unit: unitCode });
  return pageOf(data.organizations).nodes;
}

/** RSVP counts of a roster: who accepted, declined, has not answered (and who came). */
export function rsvpCounts(entries: RosterEntry[]): Record<Rsvp, number> & { attended: number } {
  const counts = { PENDING: 0, ACCEPTED: 0, DECLINED: 0, attended: 0 };
  for (const entry of entries) {
    if (entry.rsvp) counts[entry.rsvp] += 1;
    if (entry.attended) counts.attended += 1;
  }
  return counts;
}

/**
 * Whether an event is the viewer's to change: its unit lies in the viewer's area (a path
 * `/96/31825/…` holds the codes of every unit above). An event of a unit above it (a
 * province training) is visible and open to their invitations, not to their edits.
 */
export function inScope(unitPath: string, scopeCode: string): boolean {
  return unitPath.split('/').includes(scopeCode);
}
