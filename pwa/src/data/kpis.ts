/**
 * The KPI dashboard's data (issue 14): `networkKpis` for one unit's subtree (totals, the
 * same figures per child unit, organisations by kind, per-platform access and use) and
 * the names along the unit's path for the breadcrumbs. Online only: the office reads the
 * figures as they are now, nothing is kept on the device.
 */
import { GraphQLError, batchOperations, graphql, operation } from './graphql';

export interface KpiUnit {
  code: string;
  name: string;
  kind: string;
  path: string;
}

export interface UnitKpis {
  adminUnit: KpiUnit;
  organizations: number;
  focalPointRequired: number;
  focalPointQualified: number;
  focalPointRate: number | null;
  members: number;
  membersOnAllCorePlatforms: number;
  platformAdoptionRate: number | null;
  trainedRate: number | null;
  /** The trained rate's whole and part (null when trainings are not counted). */
  dxRoleMembers: number | null;
  trainedMembers: number | null;
}

export interface PlatformKpi {
  platform: { code: string; name: string; nameEn: string; isCore: boolean };
  membersWithAccess: number;
  membersActive: number;
  accessRate: number | null;
}

export interface KpiTargets {
  focalPointRate: number;
  platformAdoptionRate: number;
  trainedRate: number;
}

export interface NetworkKpis {
  totals: UnitKpis;
  organizationsByKind: { kind: string; count: number }[];
  corePlatforms: number;
  targets: KpiTargets;
  children: UnitKpis[];
  platforms: PlatformKpi[];
}

const UNIT_KPIS = `adminUnit { code name kind path } organizations focalPointRequired focalPointQualified
  focalPointRate members membersOnAllCorePlatforms platformAdoptionRate trainedRate dxRoleMembers trainedMembers`;
const KPIS = operation(`query Kpis($code: String) { networkKpis(adminUnitCode: $code) {
  totals { ${UNIT_KPIS} } organizationsByKind { kind count } corePlatforms
  targets { focalPointRate platformAdoptionRate trainedRate }
  children { ${UNIT_KPIS} }
  platforms { platform { code name nameEn isCore } membersWithAccess membersActive accessRate } } }`);

/** The figures of `code`'s subtree (the viewer's scope without one). */
export async function fetchKpis(code: string | null): Promise<NetworkKpis> {
  return (await graphql<{ networkKpis: NetworkKpis }>(KPIS, { code })).networkKpis;
}

/** The server refused the unit as outside the viewer's scope (or it does not exist). */
export function isRefusal(error: unknown): boolean {
  return (
    error instanceof GraphQLError &&
    error.codes.some((code) => code === 'OUT_OF_SCOPE' || code === 'FORBIDDEN' || code === 'NOT_FOUND')
  );
}

/** The codes on a unit's materialised path (`/96/31825/` → `['96', '31825']`). */
export function pathCodes(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/** Codes named in one request (a trail is province, commune, hamlet; a longer one takes more requests). */
const CRUMBS_PER_REQUEST = 6;

/** One fixed document per trail length (trusted documents are fixed at build time). */
const CRUMBS = batchOperations(CRUMBS_PER_REQUEST, (count) => {
  const indexes = Array.from({ length: count }, (_, i) => i);
  const params = indexes.map((i) => `$c${i}: String!`).join(', ');
  const fields = indexes.map((i) => `u${i}: adminUnit(code: $c${i}) { code name }`).join(' ');
  return `query Crumbs${count}(${params}) { ${fields} }`;
});

/** Names of units by code, one request for a breadcrumb trail. */
export async function fetchUnitNames(codes: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (let start = 0; start < codes.length; start += CRUMBS_PER_REQUEST) {
    const chunk = codes.slice(start, start + CRUMBS_PER_REQUEST);
    const variables = Object.fromEntries(chunk.map((code, i) => [`c${i}`, code]));
    const data = await graphql<Record<string, { code: string; name: string } | null>>(CRUMBS(chunk.length), variables);
    for (const unit of Object.values(data)) if (unit !== null) names.set(unit.code, unit.name);
  }
  return names;
}
