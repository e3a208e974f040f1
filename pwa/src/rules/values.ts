/** Rule values and the type rules of the operators (a port of surveys/rules/values.py). */

import { decimalDateTime } from './dates';
import { RuleTypeError, type Value, pyStr } from './syntax';

export { pyStr } from './syntax';

/** A repeat instance: one dict of answers. */
export type Instance = Readonly<Record<string, unknown>>;

/** The values of a field in every instance of a repeat (or the instances themselves). */
export class NodeSet {
  constructor(readonly items: readonly (Value | Instance)[]) {}
}

/** What the evaluator passes around: a value, or a node-set before it is aggregated. */
export type Raw = Value | NodeSet;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Answers as rule values: empty text and empty lists are null; a location reads "lat lon". */
export function normal(value: unknown): Value {
  if (value === null || value === undefined || value === '') return null;
  if (Array.isArray(value)) return value.length === 0 ? null : (value as Value[]);
  if (isRecord(value)) return `${pyStr(value['lat'])} ${pyStr(value['lon'])}`;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return pyStr(value);
}

export function truthy(value: Value): boolean {
  if (value === null || value === '' || value === false || value === 0) return false;
  return !(Array.isArray(value) && value.length === 0);
}

const PY_FLOAT =
  /^[+-]?(?:(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?|inf(?:inity)?|nan)$/i;

/** Python's float() of a string, or null where it raises ValueError. */
function pyFloat(text: string): number | null {
  const stripped = text.trim();
  if (!PY_FLOAT.test(stripped)) return null;
  const lower = stripped.toLowerCase().replace(/_/g, '');
  const sign = lower.startsWith('-') ? -1 : 1;
  const bare = lower.replace(/^[+-]/, '');
  if (bare.startsWith('inf')) return sign * Infinity;
  if (bare === 'nan') return NaN;
  return Number(lower);
}

export function asNumber(value: Value): number | null {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return pyFloat(value);
  return null;
}

/** A date or date-time text as days since 1970-01-01 (decimal-date-time), else null. */
function days(value: Value): number | null {
  if (typeof value !== 'string' || value.length < 10 || value[4] !== '-') return null;
  try {
    return decimalDateTime(value);
  } catch (error) {
    if (error instanceof RuleTypeError) return null;
    throw error;
  }
}

/** A number for arithmetic: numbers, numeric text, booleans, and dates as their days. */
export function asOperand(value: Value): number | null {
  return asNumber(value) ?? days(value);
}

/** One side is text that is not a number and the other a number (not text): the text
 * then counts as a date's days. Two texts still compare as texts. */
function dateAndNumber(a: number | null, b: number | null, left: Value, right: Value): boolean {
  return (a === null && b !== null && typeof right !== 'string') || (b === null && a !== null && typeof left !== 'string');
}

export function equal(leftValue: Value, rightValue: Value): boolean {
  const left = leftValue === '' ? null : leftValue;
  const right = rightValue === '' ? null : rightValue;
  if (left === null || right === null) return left === null && right === null;
  if (Array.isArray(left) || Array.isArray(right)) {
    const [listed, other] = Array.isArray(left) ? [left, right] : [right as Value[], left];
    if (Array.isArray(other)) {
      const a = listed.map(pyStr).sort();
      const b = other.map(pyStr).sort();
      return a.length === b.length && a.every((v, i) => v === b[i]);
    }
    return listed.length === 1 && pyStr(listed[0]) === pyStr(other);
  }
  if (typeof left === 'string' && typeof right === 'string') return left === right;
  let a = asNumber(left);
  let b = asNumber(right);
  if (dateAndNumber(a, b, left, right)) [a, b] = [asOperand(left), asOperand(right)];
  if (a === null || b === null) return false;
  return a === b;
}

/** Python compares strings by code point; JavaScript by UTF-16 unit. */
export function compareText(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i += 1) {
    const d = (x[i] as string).codePointAt(0)! - (y[i] as string).codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

export function compare(op: string, left: Value, right: Value): boolean {
  if (left === null || right === null) return false;
  if (Array.isArray(left) || Array.isArray(right)) {
    throw new RuleTypeError(`cannot compare ${pyStr(left)} ${op} ${pyStr(right)}`);
  }
  let a = asNumber(left);
  let b = asNumber(right);
  if (dateAndNumber(a, b, left, right)) [a, b] = [asOperand(left), asOperand(right)];
  let order: number;
  if (a === null || b === null) {
    if (!(typeof left === 'string' && typeof right === 'string')) {
      throw new RuleTypeError(`cannot compare ${pyStr(left)} ${op} ${pyStr(right)}`);
    }
    order = compareText(left, right);
  } else {
    if (Number.isNaN(a) || Number.isNaN(b)) return false;
    order = a < b ? -1 : a > b ? 1 : 0;
  }
  if (op === '<') return order < 0;
  if (op === '<=') return order <= 0;
  if (op === '>') return order > 0;
  return order >= 0;
}

export function arithmetic(op: string, left: Value, right: Value): number | null {
  if (left === null || right === null) return null;
  const a = asOperand(left);
  const b = asOperand(right);
  if (a === null || b === null) {
    throw new RuleTypeError(`${op} needs numbers or dates, not ${pyStr(left)} and ${pyStr(right)}`);
  }
  if (op === '+') return a + b;
  if (op === '-') return a - b;
  if (op === '*') return a * b;
  if (b === 0) throw new RuleTypeError(`${op} by zero`);
  if (op === 'div') return a / b;
  return a - b * Math.trunc(a / b); // the sign follows the dividend, as in XPath
}

/** A repeat group's answer: a non-empty list of instance dicts. */
export function isRepeat(value: unknown): value is Instance[] {
  return Array.isArray(value) && value.length > 0 && value.every(isRecord);
}

/** One value where one is needed: a node-set of one node is its value, of none null. */
export function scalar(value: Raw): Value {
  if (!(value instanceof NodeSet)) return value;
  if (value.items.length === 0) return null;
  if (value.items.length > 1) {
    throw new RuleTypeError('a repeated field needs count(), sum(), max(), min(), join() or indexed-repeat()');
  }
  const item = value.items[0];
  if (isRecord(item)) throw new RuleTypeError('a repeat instance is not a value');
  return item as Value;
}

/** The values a node-set argument holds: a lone value is a set of one, null of none. */
export function items(value: Raw): (Value | Instance)[] {
  if (value instanceof NodeSet) return [...value.items];
  return value === null ? [] : [value];
}

export function needNumber(value: Value | Instance, what: string): number {
  const number = isRecord(value) || Array.isArray(value) ? null : asNumber(value);
  if (number === null) throw new RuleTypeError(`${what} needs a number, not ${pyStr(value)}`);
  return number;
}

/** A value as text, the way string() and concat() write it. */
export function text(value: Value | Instance): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return pyStr(value);
  if (Array.isArray(value)) return value.map(text).join(' ');
  if (isRecord(value)) throw new RuleTypeError('a repeat instance is not a value');
  return value;
}
