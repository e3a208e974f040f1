/**
 * Vietnam's calendar days, whatever zone the device is set to: the province's "today"
 * (campaign dates, the events of today and this week) is Vietnam's (UTC+7, no daylight
 * saving), not the phone's.
 */
const OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

/** Today in Vietnam as `YYYY-MM-DD` (the campaigns' dates are Vietnamese calendar days). */
export function todayInVietnam(now = new Date()): string {
  return dayInVietnam(0, now);
}

/** The day `days` from today in Vietnam, as `YYYY-MM-DD`. */
export function dayInVietnam(days: number, now = new Date()): string {
  return new Date(now.getTime() + OFFSET_MS + days * DAY_MS).toISOString().slice(0, 10);
}

/** The moment `day` (`YYYY-MM-DD`) begins in Vietnam (ISO, UTC); `days` later when asked. */
export function startOfVietnamDay(day: string, days = 0): string {
  return new Date(Date.parse(`${day}T00:00:00+07:00`) + days * DAY_MS).toISOString();
}

/** A moment as a datetime-local field shows it: Vietnam's wall-clock time (`2026-12-01T08:00`). */
export function vietnamInput(moment: string | Date): string {
  return new Date(new Date(moment).getTime() + OFFSET_MS).toISOString().slice(0, 16);
}

/** A datetime-local field's value, read as Vietnam's wall-clock time, as an ISO moment; null when empty or not a time. */
export function fromVietnamInput(value: string): string | null {
  const time = Date.parse(`${value}:00+07:00`);
  return value && !Number.isNaN(time) ? new Date(time).toISOString() : null;
}
