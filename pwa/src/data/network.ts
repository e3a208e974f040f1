/** The network domain: the communes and wards the form offers, kept on the device for offline use. */
import { type UnitOption, getMeta, setMeta } from './db';
import { allNodes, operation } from './graphql';

const UNITS = operation(`query Units($after: String) { adminUnits(first: 100, after: $after) {
  edges { node { code name kind } } pageInfo { hasNextPage endCursor } } }`);

/** The communes and wards of the province (a public query), however many pages. */
export async function fetchUnits(): Promise<UnitOption[]> {
  return allNodes<UnitOption>('adminUnits', UNITS);
}

/** Fetch the communes and keep them. */
export async function refreshUnits(): Promise<UnitOption[]> {
  const units = await fetchUnits();
  await setMeta('units', units);
  return units;
}

/** The kept communes; fetched the first time, none while that cannot be done. */
export async function keptUnits(): Promise<UnitOption[]> {
  const kept = (await getMeta('units')) ?? [];
  if (kept.length > 0) return kept;
  return refreshUnits().catch(() => []);
}
