/**
 * The network domain: the administrative units a form may name, kept on the device for
 * offline use. A unit's area is the unit and its whole subtree (communes, then their
 * hamlets), read with `adminUnits(descendants: true)` and kept under `area:<code>` with
 * when it was read: the tree changes rarely, so a copy younger than a day is used as it
 * is (a form opens at once on 3G), an older one is refreshed when the network allows.
 */
import { keep, kept } from './db';
import { type Operation, allNodes, graphql, operation } from './graphql';
import { fold } from './text';

export interface AreaUnit {
  code: string;
  name: string;
  kind: string;
  /** Materialised path of codes, `/96/31825/31825-A1/`. */
  path: string;
}

/** Every unit below `$code` at any depth. */
const SUBTREE = operation(`query Units($code: String!, $after: String) {
  adminUnits(parentCode: $code, descendants: true, first: 100, after: $after) {
  edges { node { code name kind path } } pageInfo { hasNextPage endCursor } } }`);
const UNIT = operation('query Unit($code: String!) { adminUnit(code: $code) { code name kind path } }');

/** At most this many pages of 100 units (a province with every hamlet imported). */
const MAX_PAGES = 60;

/** A kept copy this young is used without asking the server. */
const FRESH_MS = 24 * 3600_000;

interface KeptArea {
  units: AreaUnit[];
  at: string;
}

/** The unit `code` and its whole subtree: a fresh kept copy, else from the server (and kept), else as kept. */
export async function areaUnits(code: string, now = Date.now()): Promise<AreaUnit[]> {
  const key = `area:${code}`;
  const stored = await kept<KeptArea>(key);
  if (stored && now - Date.parse(stored.at) < FRESH_MS) return stored.units;
  try {
    const units = await unitAnd(code, SUBTREE, MAX_PAGES);
    await keep(key, { units, at: new Date(now).toISOString() } satisfies KeptArea);
    return units;
  } catch (error) {
    if (stored) return stored.units;
    throw error;
  }
}

/** Keep an area's units for offline use; a failure is left for the form to report. */
export function keepAreaUnits(code: string): void {
  void areaUnits(code).catch(() => undefined);
}

/** Units a province-level choice should not offer: a respondent lives in a commune or below. */
const ABOVE_COMMUNE = new Set(['PROVINCE', 'CENTRAL_CITY']);

/** The units of `units` inside the area `code` (the area itself included), communes and below. */
export function unitsWithin(units: AreaUnit[], code: string): AreaUnit[] {
  return units.filter((u) => u.path.includes(`/${code}/`) && !ABOVE_COMMUNE.has(u.kind));
}

/** The unit right above `unit`, when `units` holds it (a hamlet's commune). */
export function parentOf(unit: AreaUnit, units: AreaUnit[]): AreaUnit | undefined {
  const codes = unit.path.split('/').filter(Boolean);
  const parent = codes.at(-2);
  return parent === undefined ? undefined : units.find((u) => u.code === parent);
}

/** Units whose name (or their commune's) holds every word of `query`, without diacritics. */
export function searchUnits(units: AreaUnit[], query: string): AreaUnit[] {
  const words = fold(query).split(' ').filter(Boolean);
  if (words.length === 0) return units;
  const names = new Map(units.map((u) => [u.code, fold(u.name)]));
  return units.filter((u) => {
    const parent = parentOf(u, units);
    const text = `${names.get(u.code) ?? ''} ${parent ? (names.get(parent.code) ?? '') : ''}`;
    return words.every((w) => text.includes(w));
  });
}

/** The unit `code` and the units right below it (a commune and its hamlets), kept for offline use. */
const CHILDREN = operation(`query Children($code: String!, $after: String) {
  adminUnits(parentCode: $code, first: 100, after: $after) {
  edges { node { code name kind path } } pageInfo { hasNextPage endCursor } } }`);

export function childUnits(code: string): Promise<AreaUnit[]> {
  return fetchedElseKept(`children:${code}`, () => unitAnd(code, CHILDREN));
}

/** The province's communes and wards (a public query), for pickers that name a commune. */
const COMMUNES = operation(`query Communes($after: String) { adminUnits(first: 100, after: $after) {
  edges { node { code name kind path } } pageInfo { hasNextPage endCursor } } }`);

/** The communes, from the server (and kept), else as kept; none while neither can be had. */
export function keptUnits(): Promise<AreaUnit[]> {
  return fetchedElseKept('communes', () => allNodes<AreaUnit>('adminUnits', COMMUNES)).catch(() => []);
}

/** The unit `code` followed by the units `below` lists for it (its children or its subtree). */
async function unitAnd(code: string, below: Operation, pages?: number): Promise<AreaUnit[]> {
  const [own, rest] = await Promise.all([
    graphql<{ adminUnit: AreaUnit | null }>(UNIT, { code }),
    allNodes<AreaUnit>('adminUnits', below, { code }, pages),
  ]);
  return [...(own.adminUnit ? [own.adminUnit] : []), ...rest];
}

/** From the server (and kept under `key`), else as kept; the error when neither can be had. */
async function fetchedElseKept(key: string, fetch: () => Promise<AreaUnit[]>): Promise<AreaUnit[]> {
  try {
    const units = await fetch();
    await keep(key, units);
    return units;
  } catch (error) {
    const stored = await kept<AreaUnit[]>(key);
    if (stored) return stored;
    throw error;
  }
}
