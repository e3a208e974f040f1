/**
 * The registry for the office (issue 14): organisations and members, their focal points
 * and platforms, and spreadsheet imports. Online only: office screens call the mutations
 * directly and show the server's field errors. Lists are server pages (`first`/`after`)
 * with the server's search and filters, so 100,000 members never come to the browser.
 */
import type { ServerError } from './db';
import type { NetworkRole, OrganizationKind } from './vocabulary';
import { type Connection, type Operation, type Page, allNodes, graphql, operation, pageOf } from './graphql';

export { ORGANIZATION_KINDS, NETWORK_ROLES as ROLES, type OrganizationKind, type NetworkRole } from './vocabulary';

export const QUALIFICATIONS = ['NONE', 'BASIC_DIGITAL_SKILLS', 'IT_CERTIFICATE', 'IT_VOCATIONAL', 'IT_COLLEGE', 'IT_BACHELOR', 'IT_POSTGRADUATE'] as const;
export type Qualification = (typeof QUALIFICATIONS)[number];


export type AdoptionStatus = 'HAS_ACCESS' | 'ACTIVE_USE';
export type MemberStatus = 'ACTIVE' | 'INACTIVE' | 'LEFT';

export interface Unit {
  code: string;
  name: string;
}

export interface Organization {
  id: string;
  name: string;
  kind: OrganizationKind;
  isActive: boolean;
  adminUnit: Unit;
}

export interface OrganizationDetail extends Organization {
  contactPhone: string | null;
  contactEmail: string | null;
  address: string;
  focalPoints: { designatedOn: string; qualified: boolean; member: { id: string; fullName: string; position: string } }[];
}

export interface Member {
  id: string;
  fullName: string;
  position: string;
  itQualification: Qualification;
  roles: NetworkRole[];
  status: MemberStatus;
  organization: { id: string; name: string };
  adminUnit: Unit;
}

export interface Platform {
  code: string;
  name: string;
  nameEn: string;
  isCore: boolean;
}

export interface MemberDetail extends Member {
  joinedOn: string | null;
  leftOn: string | null;
  /** Personal data: null unless the server lets this viewer read it (and logs the read). */
  phone: string | null;
  email: string | null;
  nationalId: string | null;
  platforms: { platform: { code: string }; status: AdoptionStatus; since: string | null }[];
}

export interface MemberFilters {
  search: string;
  adminUnitCode: string;
  organizationKind: string;
  role: string;
  minItQualification: string;
  platformCode: string;
  includeInactive: boolean;
}

export interface OrganizationFilters {
  search: string;
  adminUnitCode: string;
  kind: string;
  includeInactive: boolean;
}

/** A mutation's answer: the saved object's id (null when refused) and the errors. */
export interface Saved {
  id: string | null;
  errors: ServerError[];
}

const PAGE = 25;
const ERRORS = 'errors { field code message }';
const UNIT = 'adminUnit { code name }';
const ORGANIZATION = `id name kind isActive ${UNIT}`;
const ORGANIZATION_DETAIL = `${ORGANIZATION} contactPhone contactEmail address
  focalPoints { designatedOn qualified member { id fullName position } }`;
const MEMBER = `id fullName position itQualification roles status organization { id name } ${UNIT}`;
const MEMBER_DETAIL = `${MEMBER} joinedOn leftOn phone email nationalId platforms { platform { code } status since }`;

const ORGANIZATIONS = operation(`query Orgs($search: String, $code: String, $kind: OrganizationKind, $inactive: Boolean!, $after: String) {
  organizations(search: $search, adminUnitCode: $code, kind: $kind, includeInactive: $inactive, first: ${PAGE}, after: $after) {
    edges { node { ${ORGANIZATION} } } pageInfo { hasNextPage endCursor } totalCount } }`);
const ORGANIZATION_QUERY = operation(`query Org($id: ID!) { organization(id: $id) { ${ORGANIZATION_DETAIL} } }`);
const membersPage = (first: number): string => `query Members($search: String, $code: String, $orgId: ID, $kind: OrganizationKind, $role: NetworkRole,
  $min: ITQualification, $platform: String, $inactive: Boolean!, $after: String) {
  members(search: $search, adminUnitCode: $code, organizationId: $orgId, organizationKind: $kind, role: $role,
    minItQualification: $min, platformCode: $platform, includeInactive: $inactive, first: ${first}, after: $after) {
    edges { node { ${MEMBER} } } pageInfo { hasNextPage endCursor } totalCount } }`;
/** The two page sizes a member list asks for (a literal: the server prices a variable `first` at its maximum). */
const MEMBERS: Record<number, Operation> = { [PAGE]: operation(membersPage(PAGE)), 100: operation(membersPage(100)) };
const MEMBER_QUERY = operation(`query Member($id: ID!) { member(id: $id) { ${MEMBER_DETAIL} } }`);
const PLATFORMS = operation('query Platforms { platforms { code name nameEn isCore } }');

const CREATE_ORGANIZATION = operation(`mutation CreateOrg($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { id } ${ERRORS} } }`);
const UPDATE_ORGANIZATION = operation(`mutation UpdateOrg($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { organization { id } ${ERRORS} } }`);
const SET_ACTIVE = operation(`mutation SetActive($input: SetOrganizationActiveInput!) { deactivateOrganization(input: $input) { organization { id } ${ERRORS} } }`);
const CREATE_MEMBER = operation(`mutation CreateMember($input: CreateMemberInput!) { createMember(input: $input) { member { id } ${ERRORS} } }`);
const UPDATE_MEMBER = operation(`mutation UpdateMember($input: UpdateMemberInput!) { updateMember(input: $input) { member { id } ${ERRORS} } }`);
const DEACTIVATE_MEMBER = operation(`mutation DeactivateMember($input: DeactivateMemberInput!) { deactivateMember(input: $input) { member { id } ${ERRORS} } }`);
const DESIGNATE = operation(`mutation Designate($input: DesignateFocalPointInput!) { designateFocalPoint(input: $input) { organization { id } ${ERRORS} } }`);
const ADOPTION = operation(`mutation Adoption($input: RecordPlatformAdoptionInput!) { recordPlatformAdoption(input: $input) { adoption { status } ${ERRORS} } }`);

const blank = (value: string): string | null => value.trim() || null;

export async function fetchOrganizations(filters: OrganizationFilters, after: string | null): Promise<Page<Organization>> {
  const data = await graphql<{ organizations: Connection<Organization> }>(ORGANIZATIONS, {
    search: blank(filters.search),
    code: blank(filters.adminUnitCode),
    kind: blank(filters.kind),
    inactive: filters.includeInactive,
    after,
  });
  return pageOf(data.organizations);
}

export async function fetchOrganization(id: string): Promise<OrganizationDetail | null> {
  return (await graphql<{ organization: OrganizationDetail | null }>(ORGANIZATION_QUERY, { id })).organization;
}

/** A page of members (`first`: 25 for lists, the server's 100 for a choice list). */
export async function fetchMembers(
  filters: Partial<MemberFilters> & { organizationId?: string },
  after: string | null,
  first: 25 | 100 = PAGE,
): Promise<Page<Member>> {
  const data = await graphql<{ members: Connection<Member> }>(MEMBERS[first] as Operation, {
    search: blank(filters.search ?? ''),
    code: blank(filters.adminUnitCode ?? ''),
    orgId: filters.organizationId ?? null,
    kind: blank(filters.organizationKind ?? ''),
    role: blank(filters.role ?? ''),
    min: blank(filters.minItQualification ?? ''),
    platform: blank(filters.platformCode ?? ''),
    inactive: filters.includeInactive ?? false,
    after,
  });
  return pageOf(data.members);
}

export async function fetchMember(id: string): Promise<MemberDetail | null> {
  return (await graphql<{ member: MemberDetail | null }>(MEMBER_QUERY, { id })).member;
}

/** The units right below `code` (a commune's hamlets and residential groups), every page. */
const CHILDREN = operation(`query ChildUnits($code: String!, $after: String) { adminUnits(parentCode: $code, first: 100, after: $after) {
    edges { node { code name } } pageInfo { hasNextPage endCursor } } }`);

export function fetchChildUnits(code: string): Promise<Unit[]> {
  return allNodes<Unit>('adminUnits', CHILDREN, { code });
}

export async function fetchPlatforms(): Promise<Platform[]> {
  return (await graphql<{ platforms: Platform[] }>(PLATFORMS)).platforms;
}

async function save(query: Operation, field: string, object: string, input: Record<string, unknown>): Promise<Saved> {
  const data = await graphql<Record<string, ({ errors: ServerError[] } & Record<string, { id?: string } | null>) | undefined>>(query, { input });
  const payload = data[field];
  const saved = payload?.[object] as { id?: string } | null | undefined;
  return { id: saved?.id ?? null, errors: payload?.errors ?? [] };
}

export interface OrganizationInput {
  name: string;
  kind: string;
  adminUnitCode: string;
  contactPhone: string;
  contactEmail: string;
  address: string;
}

export function createOrganization(input: OrganizationInput): Promise<Saved> {
  return save(CREATE_ORGANIZATION, 'createOrganization', 'organization', {
    ...input,
    contactPhone: blank(input.contactPhone),
    contactEmail: blank(input.contactEmail),
  });
}

export function updateOrganization(id: string, input: OrganizationInput): Promise<Saved> {
  return save(UPDATE_ORGANIZATION, 'updateOrganization', 'organization', {
    id,
    ...input,
    contactPhone: blank(input.contactPhone),
    contactEmail: blank(input.contactEmail),
  });
}

export function setOrganizationActive(id: string, active: boolean): Promise<Saved> {
  return save(SET_ACTIVE, 'deactivateOrganization', 'organization', { id, active });
}

export interface MemberInput {
  fullName: string;
  organizationId: string;
  position: string;
  phone: string;
  email: string;
  nationalId: string;
  itQualification: string;
  roles: string[];
  joinedOn: string;
}

function memberFields(input: MemberInput): Record<string, unknown> {
  return {
    ...input,
    phone: blank(input.phone),
    email: blank(input.email),
    nationalId: blank(input.nationalId),
    joinedOn: blank(input.joinedOn),
  };
}

export function createMember(input: MemberInput): Promise<Saved> {
  return save(CREATE_MEMBER, 'createMember', 'member', memberFields(input));
}

/** Personal data the viewer could not read (null) is left out, so it is never erased by mistake. */
export function updateMember(id: string, input: MemberInput, piiShown: boolean): Promise<Saved> {
  const fields = memberFields(input);
  if (!piiShown) {
    delete fields.phone;
    delete fields.email;
    delete fields.nationalId;
  }
  return save(UPDATE_MEMBER, 'updateMember', 'member', { id, ...fields });
}

export function deactivateMember(id: string, status: 'LEFT' | 'INACTIVE'): Promise<Saved> {
  return save(DEACTIVATE_MEMBER, 'deactivateMember', 'member', { id, status });
}

export function designateFocalPoint(organizationId: string, memberId: string, replaceExisting: boolean): Promise<Saved> {
  return save(DESIGNATE, 'designateFocalPoint', 'organization', { organizationId, memberId, replaceExisting });
}

export async function recordAdoption(memberId: string, platformCode: string, status: AdoptionStatus, since: string): Promise<ServerError[]> {
  const data = await graphql<{ recordPlatformAdoption: { errors: ServerError[] } }>(ADOPTION, {
    input: { memberId, platformCode, status, since: blank(since) },
  });
  return data.recordPlatformAdoption.errors;
}

/** The export download for the current filters' unit (the server checks the caller). */
export function exportUrl(kind: 'members' | 'organizations', fmt: 'xlsx' | 'csv', adminUnitCode: string): string {
  const query = adminUnitCode ? `?adminUnitCode=${encodeURIComponent(adminUnitCode)}` : '';
  return `/exports/${kind}.${fmt}${query}`;
}

// Imports ------------------------------------------------------------------------------------

export type ImportKind = 'members' | 'organizations' | 'adminUnits';
export type RowAction = 'CREATE' | 'UPDATE' | 'UNCHANGED' | 'INVALID';

export interface ImportRowError {
  row: number;
  column: string | null;
  code: string;
  message: string;
}

export interface ImportReport {
  totalRows: number;
  validRows: number;
  created: number;
  updated: number;
  newRows: number;
  changedRows: number;
  unchangedRows: number;
  dryRun: boolean;
  applied: boolean;
  columns: string[];
  rows: { row: number; action: RowAction; recordId: string | null; changedColumns: string[]; cells: string[] }[];
  rowsTruncated: boolean;
  rowErrors: ImportRowError[];
}

export interface ImportResult {
  report: ImportReport | null;
  errors: ServerError[];
}

const MUTATIONS: Record<ImportKind, string> = { members: 'importMembers', organizations: 'importOrganizations', adminUnits: 'importAdminUnits' };
const REPORT = `totalRows validRows created updated newRows changedRows unchangedRows dryRun applied columns rowsTruncated
  rows { row action recordId changedColumns cells } rowErrors { row column code message }`;
const importDocument = (field: string): string => `mutation ${field[0]?.toUpperCase()}${field.slice(1)}($input: ImportInput!) { ${field}(input: $input) { report { ${REPORT} } ${ERRORS} } }`;
/** One fixed document per import kind. */
const IMPORTS: Record<ImportKind, Operation> = {
  members: operation(importDocument(MUTATIONS.members)),
  organizations: operation(importDocument(MUTATIONS.organizations)),
  adminUnits: operation(importDocument(MUTATIONS.adminUnits)),
};

export async function runImport(kind: ImportKind, fileName: string, contentBase64: string, dryRun: boolean, validOnly: boolean): Promise<ImportResult> {
  const field = MUTATIONS[kind];
  const data = await graphql<Record<string, ImportResult>>(IMPORTS[kind], { input: { fileName, contentBase64, dryRun, validOnly } });
  return data[field] ?? { report: null, errors: [] };
}

/** A file's bytes as base64 (what the import mutations take). */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

/** The error report as a CSV (UTF-8 with a BOM, so Excel shows Vietnamese): row, column, message. */
export function errorReportCsv(report: ImportReport, headers: [string, string, string, string]): string {
  const cell = (value: string | number | null): string => {
    const text = String(value ?? '');
    // neutralise formulas, as the server's exports do
    const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
    return /[",;\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines = [headers.map(cell).join(',')];
  for (const error of report.rowErrors) lines.push([error.row, error.column, error.code, error.message].map(cell).join(','));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
