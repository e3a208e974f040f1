/** The communes and wards the form offers, kept on the device for offline use. */
import { fetchUnits } from './api';
import { type UnitOption, getMeta, setMeta } from './db';

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
