/**
 * Dates in the rule language (a port of surveys/rules/dates.py): ISO text in, ISO text out,
 * days since 1970-01-01 between. Times are read as wall-clock time: an offset such as
 * +07:00 is checked but not used. Calendar arithmetic is done in UTC so that the device's
 * time zone never matters.
 */

import { RuleTypeError, type Value, pyStr } from './syntax';

const MOMENT =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const FIRST_DAY = -719162; // 0001-01-01
const LAST_DAY = 2932896; // 9999-12-31
const DAY_MS = 86_400_000;

interface Civil {
  year: number;
  month: number;
  day: number;
  /** Days since 1970-01-01. */
  days: number;
  weekday: number;
}

function fromDays(days: number, what: string): Civil {
  if (!(days >= FIRST_DAY && days <= LAST_DAY)) throw new RuleTypeError(`${what}: date out of range`);
  const t = new Date(days * DAY_MS);
  return {
    year: t.getUTCFullYear(),
    month: t.getUTCMonth() + 1,
    day: t.getUTCDate(),
    days,
    weekday: (t.getUTCDay() + 6) % 7,
  };
}

function toDays(year: number, month: number, day: number): number | null {
  const t = new Date(0);
  t.setUTCFullYear(year, month - 1, day);
  if (year < 1 || t.getUTCFullYear() !== year || t.getUTCMonth() !== month - 1 || t.getUTCDate() !== day) return null;
  return Math.round(t.getTime() / DAY_MS);
}

/** A date or date-time value as its day and milliseconds since midnight. */
function moment(value: Value, what: string): [Civil, number] {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RuleTypeError(`${what} needs a date, not ${pyStr(value)}`);
    const days = Math.floor(value);
    const millis = Math.floor((value - days) * DAY_MS + 0.5);
    return [fromDays(days, what), Math.min(millis, DAY_MS - 1)];
  }
  const match = typeof value === 'string' ? MOMENT.exec(value) : null;
  if (match === null) throw new RuleTypeError(`${what} needs a date, not ${pyStr(value)}`);
  const [, year, month, day, hour, minute, second, fraction] = match;
  const days = toDays(Number(year), Number(month), Number(day));
  if (days === null) throw new RuleTypeError(`${what}: no such date ${pyStr(value)}`);
  const h = Number(hour ?? 0);
  const m = Number(minute ?? 0);
  const s = Number(second ?? 0);
  if (h > 23 || m > 59 || s > 59) throw new RuleTypeError(`${what}: no such time ${pyStr(value)}`);
  const millis = Number((fraction ?? '0').padEnd(3, '0'));
  return [fromDays(days, what), ((h * 60 + m) * 60 + s) * 1000 + millis];
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function iso(civil: Civil): string {
  return `${pad(civil.year, 4)}-${pad(civil.month)}-${pad(civil.day)}`;
}

/** date(v): an ISO date (YYYY-MM-DD) from a date, a date-time or a number of days. */
export function toDate(value: Value): string | null {
  if (value === null) return null;
  return iso(moment(value, 'date()')[0]);
}

/** decimal-date-time(v): days since 1970-01-01, the time of day as a fraction. */
export function decimalDateTime(value: Value): number | null {
  if (value === null) return null;
  if (typeof value === 'number') return value;
  const [civil, millis] = moment(value, 'decimal-date-time()');
  return civil.days + millis / DAY_MS;
}

/** format-date(v, pattern): %Y %y %m %n %b %d %e %a %H %h %M %S %3 and %%. */
export function formatDate(value: Value, pattern: string): string {
  if (value === null) return '';
  const [civil, millis] = moment(value, 'format-date()');
  const seconds = Math.floor(millis / 1000);
  const minutes = Math.floor(seconds / 60);
  const hour = Math.floor(minutes / 60);
  const fields: Record<string, string> = {
    Y: pad(civil.year, 4),
    y: pad(civil.year % 100),
    m: pad(civil.month),
    n: String(civil.month),
    b: MONTHS[civil.month - 1] as string,
    d: pad(civil.day),
    e: String(civil.day),
    a: DAYS[civil.weekday] as string,
    H: pad(hour),
    h: String(hour),
    M: pad(minutes % 60),
    S: pad(seconds % 60),
    '3': pad(millis % 1000, 3),
    '%': '%',
  };
  let out = '';
  const chars = Array.from(pattern);
  for (let i = 0; i < chars.length; i += 1) {
    const next = chars[i + 1];
    if (chars[i] === '%' && next !== undefined && Object.hasOwn(fields, next)) {
      out += fields[next];
      i += 1;
    } else {
      out += chars[i];
    }
  }
  return out;
}
