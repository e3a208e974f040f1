/** The functions of the rule language (a port of surveys/rules/functions.py; semantics there). */

import { decimalDateTime, formatDate, toDate } from './dates';
import { search } from './regex';
import { type Node, RuleTypeError, type Value, codePoints } from './syntax';
import {
  type Instance,
  NodeSet,
  type Raw,
  isRepeat,
  items,
  needNumber,
  normal,
  pyStr,
  scalar,
  text,
  truthy,
} from './values';

/** What the functions need from the evaluator. */
export interface Context {
  evaluate: (node: Node) => Raw;
  answers: Readonly<Record<string, unknown>>;
  current: unknown;
  today: () => string;
  now: () => string;
  /** The 1-based index of the current instance, null outside a repeat. */
  position: number | null;
  /** Every value of a field in the repeats under an instance; null when it is not there. */
  collect: (node: Readonly<Record<string, unknown>>, key: string) => (Value | Instance)[] | null;
}

/** -0 reads as 0, as Python's integers do. */
const tidy = (n: number): number => (n === 0 ? 0 : n);

const stringArg = (value: Raw): string => text(scalar(value));

function integer(value: Raw, what: string): number {
  const number = needNumber(scalar(value), what);
  if (!Number.isFinite(number)) throw new RuleTypeError(`${what} needs a finite number`);
  return tidy(Math.trunc(number));
}

/** Half away from zero at `digits` decimals, on the shortest decimal form of `x`. */
export function roundHalfAway(x: number, digits: number): number {
  if (!Number.isFinite(x)) return x;
  const [mantissa = '0', exponent = '0'] = Math.abs(x).toString().split('e');
  const [whole = '0', fraction = ''] = mantissa.split('.');
  const scale = fraction.length - Number(exponent); // |x| = (whole fraction) × 10^-scale
  if (scale <= digits) return x;
  const drop = scale - digits;
  const padded = (whole + fraction).padStart(drop + 1, '0');
  let kept = BigInt(padded.slice(0, padded.length - drop));
  if (Number(padded[padded.length - drop]) >= 5) kept += 1n;
  const result = Number(`${kept}e${-digits}`);
  return tidy(x < 0 ? -result : result);
}

function round(value: Value, digits: number): Value {
  if (value === null) return null;
  const number = needNumber(value, 'round()');
  if (!Number.isFinite(number)) return number;
  if (digits < -15 || digits > 15) throw new RuleTypeError('round() takes at most 15 digits');
  return roundHalfAway(number, digits);
}

function numbers(values: (Value | Instance)[], what: string): number[] {
  return values.filter((v) => v !== null && v !== '').map((v) => needNumber(v, what));
}

function indexedRepeat(nodes: Node[], context: Context): Raw {
  const field = nodes[0] as Node & { type: 'ref' };
  let node: Readonly<Record<string, unknown>> = context.answers;
  for (let i = 1; i + 1 < nodes.length; i += 2) {
    const group = nodes[i] as Node & { type: 'ref' };
    const instances = Object.hasOwn(node, group.key) ? node[group.key] : undefined;
    const n = integer(context.evaluate(nodes[i + 1] as Node), 'indexed-repeat()');
    if (!isRepeat(instances) || n < 1 || n > instances.length) return null;
    node = instances[n - 1] as Instance;
  }
  if (!Object.hasOwn(node, field.key)) {
    const nested = context.collect(node, field.key);
    return nested === null ? null : new NodeSet(nested);
  }
  const value = node[field.key];
  return isRepeat(value) ? new NodeSet(value) : normal(value);
}

function selectedAt(value: Value, index: Value): string {
  const n = integer(index, 'selected-at()');
  const options = Array.isArray(value) ? value : value === null ? [] : text(value).split(/\s+/).filter(Boolean);
  return n >= 0 && n < options.length ? text(options[n] as Value) : '';
}

function substr(value: Value, start: Value, end: Value | undefined): string {
  const chars = Array.from(text(value));
  const first = Math.max(0, integer(start, 'substr()'));
  const last = end === undefined || end === null ? chars.length : Math.min(chars.length, integer(end, 'substr()'));
  return first < last ? chars.slice(first, last).join('') : '';
}

function extreme(raw: Raw[], pick: (...values: number[]) => number, what: string): Value {
  const found = numbers(
    raw.flatMap((a) => items(a)),
    what,
  );
  return found.length > 0 ? tidy(pick(...found)) : null;
}

function uuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const AGGREGATES: Readonly<Record<string, (raw: Raw[]) => Value>> = {
  count: (raw) => items(raw[0] as Raw).length,
  sum: (raw) => tidy(numbers(items(raw[0] as Raw), 'sum()').reduce((a, b) => a + b, 0)),
  max: (raw) => extreme(raw, Math.max, 'max()'),
  min: (raw) => extreme(raw, Math.min, 'min()'),
  join: (raw) => {
    const separator = stringArg(raw[0] as Raw);
    return raw
      .slice(1)
      .flatMap((a) => items(a))
      .map(text)
      .join(separator);
  },
  concat: (raw) =>
    raw
      .flatMap((a) => items(a))
      .map(text)
      .join(''),
};

type Scalar = (args: Value[], context: Context) => Value;

const pair =
  (test: (haystack: string, needle: string) => boolean): Scalar =>
  (args) =>
    test(text(args[0] ?? null), text(args[1] ?? null));

const SCALARS: Readonly<Record<string, Scalar>> = {
  selected: ([value = null, option = null]) => {
    if (value === null) return false;
    if (Array.isArray(value)) return value.map(pyStr).includes(pyStr(option));
    return pyStr(value) === pyStr(option);
  },
  'count-selected': ([value = null]) => (value === null ? 0 : Array.isArray(value) ? value.length : 1),
  'selected-at': ([value = null, index = null]) => selectedAt(value, index),
  'string-length': ([value = null]) => {
    if (value === null) return 0;
    if (typeof value === 'boolean') return value ? 4 : 5;
    return codePoints(typeof value === 'string' ? value : Array.isArray(value) ? value.map(pyStr).join(' ') : pyStr(value));
  },
  today: (_, context) => context.today(),
  now: (_, context) => context.now(),
  not: ([value = null]) => !truthy(value),
  true: () => true,
  false: () => false,
  substr: ([value = null, start = null, end]) => substr(value, start, end),
  regex: ([value = null, pattern = null]) => search(text(pattern), text(value)),
  contains: pair((haystack, needle) => haystack.includes(needle)),
  'starts-with': pair((haystack, needle) => haystack.startsWith(needle)),
  'ends-with': pair((haystack, needle) => haystack.endsWith(needle)),
  int: ([value = null]) => (value === null ? null : integer(value, 'int()')),
  round: ([value = null, digits]) => round(value, digits === undefined ? 0 : integer(digits, 'round()')),
  number: ([value = null]) => (value === null ? null : needNumber(value, 'number()')),
  string: ([value = null]) => text(value),
  boolean: ([value = null]) => truthy(value),
  position: (_, context) => {
    if (context.position === null) throw new RuleTypeError('position(..) is only defined inside a repeat');
    return context.position;
  },
  date: ([value = null]) => toDate(value),
  'decimal-date-time': ([value = null]) => decimalDateTime(value),
  'format-date': ([value = null, pattern = null]) => formatDate(value, text(pattern)),
  'format-date-time': ([value = null, pattern = null]) => formatDate(value, text(pattern)),
  uuid: () => uuid(),
};

/** The value of a function call (its arguments evaluated here, some lazily). */
export function call(name: string, nodes: Node[], context: Context): Raw {
  if (name === 'if') {
    const chosen = truthy(scalar(context.evaluate(nodes[0] as Node))) ? nodes[1] : nodes[2];
    return context.evaluate(chosen as Node);
  }
  if (name === 'coalesce') {
    for (const argument of nodes) {
      const value = scalar(context.evaluate(argument));
      if (value !== null && value !== '') return value;
    }
    return null;
  }
  if (name === 'once') {
    const current = normal(context.current);
    return current !== null ? current : context.evaluate(nodes[0] as Node);
  }
  if (name === 'indexed-repeat') return indexedRepeat(nodes, context);
  const raw = nodes.map((n) => context.evaluate(n));
  const aggregate = AGGREGATES[name];
  if (aggregate !== undefined) return aggregate(raw);
  const scalarFunction = SCALARS[name];
  if (scalarFunction === undefined) throw new RuleTypeError(`unknown function ${name}`);
  return scalarFunction(raw.map(scalar), context);
}

