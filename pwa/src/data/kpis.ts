/**
 * The KPI dashboard's data (issue 14): `networkKpis` for one unit's subtree (totals, the
 * same figures per child unit, organisations by kind, per-platform access and use) and
 * the names along the unit's path for the breadcrumbs. Online only: the office reads the
 * figures as they are now, nothing is kept on the device.
 */
import { GraphQLError, graphql } from './graphql';

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
const KPIS = `query Kpis($code: String) { networkKpis(adminUnitCode: $code) {
  totals { ${UNIT_KPIS} } organizationsByKind { kind count } corePlatforms
  targets { focalPointRate platformAdoptionRate trainedRate }
  children { ${UNIT_KPIS} }
  platforms { platform { code name nameEn isCore } membersWithAccess membersActive accessRate } } }`;

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

/** Names of units by code, one request for the whole breadcrumb trail. */
export async function fetchUnitNames(codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const params = codes.map((_, i) => `$c${i}: String!`).join(', ');
  const fields = codes.map((_, i) => `u${i}: adminUnit(code: $c${i}) { code name }`).join(' ');
  const variables = Object.fromEntries(codes.map((code, i) => [`c${i}`, code]));
  const data = await graphql<Record<string, { code: string; name: string } | null>>(
    `query Crumbs(${params}) { ${fields} }`,
    variables,
  );
  return new Map(
    Object.values(data)
      .filter((unit): unit is { code: string; name: string } => unit !== null)
      .map((unit) => [unit.code, unit.name]),
  );
}
