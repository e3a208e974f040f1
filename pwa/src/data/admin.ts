/**
 * Account administration for province admins (issue 14): user accounts, partner API keys
 * and the audit trail. Online only: every call goes straight to the server through
 * graphql.ts, and a mutation's field errors come back for the form to show on its fields.
 * Signing in is accounts.ts; this module reuses its types.
 */
import type { ServerError, UnitOption, Viewer } from './db';
import { type Connection, type Page, graphql, operation, pageOf } from './graphql';

export const ROLES = ['PROVINCE_ADMIN', 'UNIT_MANAGER', 'FIELD_STAFF', 'COMMITTEE_MEMBER'] as const;
export type Role = (typeof ROLES)[number];

/** The partner scopes a key may hold (README, "GraphQL for partners"). */
export const API_SCOPES = ['read:network', 'read:surveys', 'read:recognition', 'read:activities', 'read:projects', 'read:pii'] as const;

/** Object types the audit trail records, for its filter (core/audit.py callers). */
export const AUDIT_OBJECT_TYPES = [
  'User',
  'ApiKey',
  'AdminUnit',
  'Organization',
  'Member',
  'Survey',
  'SurveyResponse',
  'Event',
  'Attendance',
  'Invitation',
  'Campaign',
  'FieldActivityLog',
  'Initiative',
  'RecognitionRound',
  'Ballot',
  'Award',
  'Article',
] as const;

/** The actions the audit filter offers (the `audit.record` calls of the server's domains). */
export const AUDIT_ACTIONS = [
  'user.create',
  'user.deactivate',
  'user.reactivate',
  'user.revoke_sessions',
  'api_key.create',
  'api_key.revoke',
  'organization.create',
  'organization.update',
  'organization.import',
  'member.create',
  'member.update',
  'member.deactivate',
  'member.import',
  'member.pii_read',
  'member.export_pii',
  'admin_unit.import',
  'focal_point.designate',
  'platform_adoption.record',
  'survey.create',
  'survey.update',
  'survey.publish',
  'survey_response.export',
  'event.create',
  'event.update',
  'event.invite',
  'event.check_in',
  'event.record_scores',
  'campaign.create',
  'round.close',
  'round.finalize',
  'award.grant',
];

export interface AccountUser extends Viewer {
  id: string;
  isActive: boolean;
  lastLoginAt: string | null;
  /** The person's registry record: a committee member is recused from their own and their organisation's initiatives. */
  member: LinkedMember | null;
}

export interface LinkedMember {
  id: string;
  fullName: string;
  organization: { name: string };
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  adminUnit: UnitOption;
}

export interface AuditEntry {
  at: string;
  action: string;
  objectType: string;
  objectId: string;
  objectLabel: string | null;
  actorKind: string;
  actorId: string | null;
  actorName: string | null;
  actorUsername: string | null;
  fieldsChanged: string[];
}

export interface AuditFilters {
  actor?: string;
  action?: string;
  objectType?: string;
  /** Inclusive, an ISO instant. */
  since?: string;
  /** Exclusive, an ISO instant. */
  until?: string;
}

/** A mutation's answer: the object (or null) and the server's errors, each with its field. */
export interface Saved<T> {
  value: T | null;
  errors: ServerError[];
}

const UNIT = 'code name kind';
const USER = `id username displayName roles isActive lastLoginAt scope { ${UNIT} } member { id fullName organization { name } }`;
const KEY = `id name prefix scopes createdAt lastUsedAt revokedAt adminUnit { ${UNIT} }`;
const ERRORS = 'errors { field code message }';

const USERS = operation(`query Users($search: String, $after: String) {
  users(search: $search, first: 25, after: $after) {
    edges { node { ${USER} } } pageInfo { hasNextPage endCursor } totalCount } }`);
const CREATE_USER = operation(`mutation CreateUser($input: CreateUserInput!) { createUser(input: $input) { user { ${USER} } ${ERRORS} } }`);
const SET_ACTIVE = operation(`mutation SetUserActive($input: SetUserActiveInput!) { setUserActive(input: $input) { user { ${USER} } ${ERRORS} } }`);
const SET_MEMBER = operation(`mutation SetUserMember($input: SetUserMemberInput!) { setUserMember(input: $input) { user { ${USER} } ${ERRORS} } }`);
const FIND_MEMBERS = operation(`query FindMembers($search: String!) { members(search: $search, first: 10) { edges { node { id fullName organization { name } } } } }`);
const REVOKE_SESSIONS = operation(`mutation RevokeSessions($input: RevokeUserSessionsInput!) { revokeUserSessions(input: $input) { revoked ${ERRORS} } }`);
const KEYS = operation(`query ApiKeys($after: String) { apiKeys(first: 25, after: $after) {
  edges { node { ${KEY} } } pageInfo { hasNextPage endCursor } } }`);
const CREATE_KEY = operation(`mutation CreateApiKey($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { ${KEY} } ${ERRORS} } }`);
const REVOKE_KEY = operation(`mutation RevokeApiKey($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { apiKey { ${KEY} } ${ERRORS} } }`);
const AUDIT = operation(`query Audit($actor: ID, $action: String, $objectType: String, $since: DateTime, $until: DateTime, $after: String) {
  auditLog(actor: $actor, action: $action, objectType: $objectType, since: $since, until: $until, first: 50, after: $after) {
    edges { node { at action objectType objectId objectLabel actorKind actorId actorName actorUsername fieldsChanged } }
    pageInfo { hasNextPage endCursor } totalCount } }`);
const UNITS = operation(`query Units($parent: String, $search: String) { adminUnits(parentCode: $parent, search: $search, first: 100) {
  edges { node { ${UNIT} } } } }`);

export async function fetchUsers(search: string, after: string | null): Promise<Page<AccountUser>> {
  const data = await graphql<{ users: Connection<AccountUser> }>(USERS, { search: search.trim() || null, after });
  return pageOf(data.users);
}

export interface NewUser {
  username: string;
  password: string;
  displayName: string;
  roles: Role[];
  scopeCode: string;
  /** A registry member to link the account to, or null. */
  memberId: string | null;
}

export async function createUser(input: NewUser): Promise<Saved<AccountUser>> {
  const data = await graphql<{ createUser: { user: AccountUser | null; errors: ServerError[] } }>(CREATE_USER, { input });
  return { value: data.createUser.user, errors: data.createUser.errors };
}

/** Link an account to a registry member, or unlink it (`memberId` null). */
export async function setUserMember(id: string, memberId: string | null): Promise<Saved<AccountUser>> {
  const data = await graphql<{ setUserMember: { user: AccountUser | null; errors: ServerError[] } }>(SET_MEMBER, {
    input: { id, memberId },
  });
  return { value: data.setUserMember.user, errors: data.setUserMember.errors };
}

/** Registry members whose name matches (without diacritics), for linking an account. */
export async function findMembers(search: string): Promise<LinkedMember[]> {
  if (!search.trim()) return [];
  const data = await graphql<{ members: Connection<LinkedMember> }>(FIND_MEMBERS, { search: search.trim() });
  return data.members.edges.map((e) => e.node);
}

export async function setUserActive(id: string, active: boolean): Promise<Saved<AccountUser>> {
  const data = await graphql<{ setUserActive: { user: AccountUser | null; errors: ServerError[] } }>(SET_ACTIVE, {
    input: { id, active },
  });
  return { value: data.setUserActive.user, errors: data.setUserActive.errors };
}

/** End every session of a user; the number of sessions ended. */
export async function revokeUserSessions(userId: string): Promise<Saved<number>> {
  const data = await graphql<{ revokeUserSessions: { revoked: number; errors: ServerError[] } }>(REVOKE_SESSIONS, {
    input: { userId },
  });
  const { revoked, errors } = data.revokeUserSessions;
  return { value: errors.length ? null : revoked, errors };
}

export async function fetchApiKeys(after: string | null): Promise<Page<ApiKey>> {
  const data = await graphql<{ apiKeys: Connection<ApiKey> }>(KEYS, { after });
  return pageOf(data.apiKeys);
}

export interface NewApiKey {
  name: string;
  scopes: string[];
  adminUnitCode: string;
}

/** A new key and its secret, which the server shows this once. */
export async function createApiKey(input: NewApiKey): Promise<Saved<{ apiKey: ApiKey; secret: string }>> {
  const data = await graphql<{ createApiKey: { key: string | null; apiKey: ApiKey | null; errors: ServerError[] } }>(CREATE_KEY, {
    input,
  });
  const { key, apiKey, errors } = data.createApiKey;
  return { value: key && apiKey ? { apiKey, secret: key } : null, errors };
}

export async function revokeApiKey(id: string): Promise<Saved<ApiKey>> {
  const data = await graphql<{ revokeApiKey: { apiKey: ApiKey | null; errors: ServerError[] } }>(REVOKE_KEY, { input: { id } });
  return { value: data.revokeApiKey.apiKey, errors: data.revokeApiKey.errors };
}

export async function fetchAudit(filters: AuditFilters, after: string | null): Promise<Page<AuditEntry>> {
  const data = await graphql<{ auditLog: Connection<AuditEntry> }>(AUDIT, {
    actor: filters.actor || null,
    action: filters.action?.trim() || null,
    objectType: filters.objectType || null,
    since: filters.since || null,
    until: filters.until || null,
    after,
  });
  return pageOf(data.auditLog);
}

/** Units for a picker: the children of `parent` (the province's when null), or those matching `search` anywhere below it. */
export async function fetchUnits(parent: string | null, search: string): Promise<UnitOption[]> {
  const data = await graphql<{ adminUnits: Connection<UnitOption> }>(UNITS, { parent, search: search.trim() || null });
  return data.adminUnits.edges.map((e) => e.node);
}

/** Users whose name or username matches, for the audit's actor filter. */
export async function findUsers(search: string): Promise<AccountUser[]> {
  return (await fetchUsers(search, null)).nodes;
}
