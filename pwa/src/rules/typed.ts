/** Each kind's answer checked and cleaned as the server stores it (surveys/definition.py _typed). */
import { ACKNOWLEDGED, type Answer, GEO_FEWEST, type Location, MAX_LONG_TEXT, MAX_TEXT, OTHER, type Problem, type Question, type QuestionDef, allowsOther } from './definition';

const HEX64 = /^[0-9a-f]{64}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;
const MAX_POINTS = 500;

/**
 * A trace or shape as ODK writes it (points "lat lon [altitude [accuracy]]" joined by
 * ";", numbers as given), or null when it is not one (surveys/definition.py geo_points).
 */
export function geoPoints(value: unknown, fewest: number): string | null {
  if (typeof value !== 'string') return null;
  const points = value
    .split(/[;\n]/)
    .filter((p) => p.trim())
    .map((p) => p.trim().split(/\s+/));
  if (points.length < fewest || points.length > MAX_POINTS) return null;
  for (const point of points) {
    const numbers = point.map((n) => (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(n) ? Number(n) : Number.NaN));
    if (numbers.length < 2 || numbers.length > 4 || numbers.some((n) => !Number.isFinite(n))) return null;
    const [lat = 0, lon = 0, , accuracy = 0] = numbers;
    if (Math.abs(lat) > 90 || Math.abs(lon) > 180 || accuracy < 0) return null;
  }
  if (new Set(points.map((p) => `${p[0]} ${p[1]}`)).size < fewest) return null;
  return points.map((p) => p.join(' ')).join(';');
}

function isDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
}

export function constraintProblem(def: QuestionDef): Problem {
  const messageVi = def.constraintMessageVi ?? '';
  return { code: 'CONSTRAINT', messageVi, messageEn: def.constraintMessageEn || messageVi };
}

export function requiredProblem(def: QuestionDef): Problem {
  const messageVi = def.requiredMessageVi ?? '';
  return messageVi ? { code: 'REQUIRED', messageVi, messageEn: def.requiredMessageEn || messageVi } : { code: 'REQUIRED' };
}

type Typed = { clean: Answer } | { problem: Problem };

export function typed(question: Question, value: unknown, other: unknown): Typed {
  const def = question.def;
  switch (def.kind) {
    case 'TEXT':
    case 'LONG_TEXT':
    case 'BARCODE': {
      if (typeof value !== 'string') return { problem: { code: 'WRONG_TYPE' } };
      const text = value.trim();
      const shortest = def.minLength ?? 0;
      const longest = def.maxLength || (def.kind === 'LONG_TEXT' ? MAX_LONG_TEXT : MAX_TEXT);
      const length = Array.from(text).length;
      if (length < shortest || length > longest) {
        return { problem: { code: 'INVALID_LENGTH', min: shortest, max: longest } };
      }
      if (question.pattern !== null && !question.pattern.test(text)) return { problem: constraintProblem(def) };
      return { clean: text };
    }
    case 'INTEGER':
    case 'DECIMAL':
    case 'RATING':
    case 'RANGE': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return { problem: { code: 'WRONG_TYPE' } };
      if ((def.kind === 'INTEGER' || def.kind === 'RATING') && !Number.isInteger(value)) return { problem: { code: 'WRONG_TYPE' } };
      if (def.kind === 'RANGE') {
        const steps = (value - (def.min ?? 0)) / (def.step || 1);
        if (Math.abs(steps - Math.round(steps)) >= 1e-9) return { problem: { code: 'WRONG_TYPE' } };
      }
      const low = def.kind === 'RATING' ? 1 : (def.min ?? null);
      const high = def.kind === 'RATING' ? 5 : (def.max ?? null);
      if ((low !== null && value < low) || (high !== null && value > high)) {
        return { problem: { code: 'NUMBER_OUT_OF_RANGE', min: low, max: high } };
      }
      return { clean: value };
    }
    case 'SINGLE_CHOICE':
    case 'MULTIPLE_CHOICE': {
      const options = def.kind === 'SINGLE_CHOICE' ? [value] : value;
      if (!Array.isArray(options) || !options.every((o): o is string => typeof o === 'string')) {
        return { problem: { code: 'WRONG_TYPE' } };
      }
      const allowed = new Set((def.choices ?? []).map((c) => c.value));
      if (allowsOther(def)) allowed.add(OTHER);
      if (options.some((o) => !allowed.has(o))) return { problem: { code: 'INVALID_CHOICE' } };
      if (allowsOther(def) && options.includes(OTHER) && !(typeof other === 'string' && other.trim())) {
        return { problem: { code: 'REQUIRED_OTHER' } };
      }
      return { clean: def.kind === 'SINGLE_CHOICE' ? (value as string) : [...new Set(options)].sort() };
    }
    case 'DATE':
      return typeof value === 'string' && isDate(value) ? { clean: value } : { problem: { code: 'WRONG_TYPE' } };
    case 'TIME':
      return typeof value === 'string' && TIME.test(value) ? { clean: value } : { problem: { code: 'WRONG_TYPE' } };
    case 'DATETIME': {
      const [day = '', time = ''] = typeof value === 'string' ? value.split('T') : [];
      return typeof value === 'string' && isDate(day) && TIME.test(time) && value === `${day}T${time}`
        ? { clean: value }
        : { problem: { code: 'WRONG_TYPE' } };
    }
    case 'GEOTRACE':
    case 'GEOSHAPE': {
      const points = geoPoints(value, GEO_FEWEST[def.kind] ?? 2);
      return points === null ? { problem: { code: 'INVALID_LOCATION' } } : { clean: points };
    }
    case 'ACKNOWLEDGE':
      return value === ACKNOWLEDGED ? { clean: value } : { problem: { code: 'WRONG_TYPE' } };
    case 'YES_NO':
      return typeof value === 'boolean' ? { clean: value } : { problem: { code: 'WRONG_TYPE' } };
    case 'LOCATION': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return { problem: { code: 'WRONG_TYPE' } };
      const { lat, lon, accuracy } = value as Partial<Location>;
      if (typeof lat !== 'number' || typeof lon !== 'number' || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
        return { problem: { code: 'INVALID_LOCATION' } };
      }
      const needed = def.requiredAccuracy ?? null;
      if (needed !== null && (typeof accuracy !== 'number' || accuracy > needed)) {
        return { problem: { code: 'LOCATION_NOT_ACCURATE', meters: needed } };
      }
      return { clean: { lat, lon, accuracy: typeof accuracy === 'number' ? accuracy : null } };
    }
    case 'PHOTO':
    case 'AUDIO':
    case 'FILE':
      return typeof value === 'string' && HEX64.test(value.toLowerCase()) ? { clean: value.toLowerCase() } : { problem: { code: 'WRONG_TYPE' } };
    case 'NOTE':
    case 'CALCULATE':
    case 'REPEAT':
      return { problem: { code: 'WRONG_TYPE' } };
  }
}

