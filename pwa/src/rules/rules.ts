/**
 * The survey rule language, a faithful port of surveys/rules/ (whose package docstring
 * documents every operator and function): tokenizer and Pratt parser (syntax.ts), values
 * and type rules (values.ts), functions (functions.ts, dates.ts, regex.ts) and here the
 * evaluator with its repeat-aware references. Both implementations must agree with every
 * vector in tests/surveys/rule_vectors*.json.
 *
 * Known, deliberate gaps with Python (no survey author writes these): JavaScript has
 * one number type, so a float answer such as 3.0 reads as "3" in string-length() and
 * selected(); integers past 2^53 lose precision; numbers past 1e16 or under 1e-6 are
 * written with exponents differently by string(); digits must be ASCII.
 */

import { call } from './functions';
import { type Node, RuleError, RuleSyntaxError, RuleTypeError, type Value, parse, pyRepr, references, usesCurrent } from './syntax';
import { type Instance, NodeSet, type Raw, arithmetic, compare, equal, isRepeat, normal, scalar, truthy } from './values';

export {
  ARITY,
  MAX_DEPTH,
  MAX_RULE_LENGTH,
  type Node,
  RuleError,
  RuleSyntaxError,
  RuleTypeError,
  type Token,
  type Value,
  parse,
  pyRepr,
  references,
  tokenize,
  usesCurrent,
} from './syntax';
export { NodeSet, normal, pyStr, text, truthy } from './values';

export interface Scope {
  answers: Readonly<Record<string, unknown>>;
  current?: unknown;
  /** ISO date (YYYY-MM-DD) that today() returns; the date of `now`, else the device's. */
  today?: string | null;
  /** ISO date-time that now() returns (YYYY-MM-DDTHH:MM:SS.mmm+HH:MM); the device's clock when absent. */
  now?: string | null;
  /** The instance being evaluated, outermost repeat first, 0-based: [['members', 1]]. */
  path?: readonly (readonly [string, number])[];
  /** The choice a choice filter is evaluated for: its columns by name, `name` its value. */
  choice?: Readonly<Record<string, unknown>> | null;
}

const pad = (n: number, width = 2): string => String(Math.abs(n)).padStart(width, '0');

/** The device's local date as YYYY-MM-DD (Python's date.today()). */
export function localToday(now: Date = new Date()): string {
  return `${pad(now.getFullYear(), 4)}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The device's local date-time with milliseconds and offset, as now() returns it. */
export function localNow(now: Date = new Date()): string {
  const offset = -now.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const time = `${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}.${pad(now.getMilliseconds(), 3)}`;
  return `${localToday(now)}T${time}${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
}

type Answers = Readonly<Record<string, unknown>>;

const own = (node: Answers, key: string): unknown => (Object.hasOwn(node, key) ? node[key] : undefined);

/** The answers, then each instance along the path. */
function chain(scope: Scope): Answers[] {
  const nodes: Answers[] = [scope.answers];
  for (const [group, index] of scope.path ?? []) {
    const instances = own(nodes[nodes.length - 1] as Answers, group);
    if (!isRepeat(instances) || index < 0 || index >= instances.length) {
      throw new RuleTypeError(`no instance ${index} of ${pyRepr(group)}`);
    }
    nodes.push(instances[index] as Instance);
  }
  return nodes;
}

function asItems(value: unknown): (Value | Instance)[] {
  return isRepeat(value) ? value : [normal(value)];
}

/** Every value of `key` in the repeats under `node`; null when it is not there. */
function collect(node: Answers, key: string): (Value | Instance)[] | null {
  let found = false;
  const values: (Value | Instance)[] = [];
  for (const value of Object.values(node)) {
    if (!isRepeat(value)) continue;
    const direct = value.some((instance) => Object.hasOwn(instance, key));
    for (const instance of value) {
      if (direct) {
        found = true;
        values.push(...asItems(own(instance, key)));
      } else {
        const nested = collect(instance, key);
        if (nested !== null) {
          found = true;
          values.push(...nested);
        }
      }
    }
  }
  return found ? values : null;
}

/** `${key}`: the nearest answer from the current instance outwards. */
export function resolve(key: string, scope: Scope): Raw {
  const nodes = scope.path && scope.path.length > 0 ? chain(scope) : [scope.answers];
  for (let i = nodes.length - 1; i >= 0; i -= 1) {
    const node = nodes[i] as Answers;
    if (Object.hasOwn(node, key)) {
      const value = node[key];
      return isRepeat(value) ? new NodeSet(value) : normal(value);
    }
    const found = collect(node, key);
    if (found !== null) return new NodeSet(found);
  }
  return null;
}

function raw(node: Node, scope: Scope): Raw {
  switch (node.type) {
    case 'literal':
      return node.value;
    case 'ref':
      return resolve(node.key, scope);
    case 'current':
      return normal(scope.current);
    case 'column': {
      const choice = scope.choice;
      if (choice === null || choice === undefined) throw new RuleTypeError(`column ${pyRepr(node.name)} outside a choice filter`);
      return normal(own(choice, node.name));
    }
    case 'unary':
      return arithmetic('-', 0, scalar(raw(node.operand, scope)));
    case 'binary': {
      const left = scalar(raw(node.left, scope));
      if (node.op === 'and') return truthy(left) && truthy(scalar(raw(node.right, scope)));
      if (node.op === 'or') return truthy(left) || truthy(scalar(raw(node.right, scope)));
      const right = scalar(raw(node.right, scope));
      if (node.op === '=') return equal(left, right);
      if (node.op === '!=') return !equal(left, right);
      if (['<', '<=', '>', '>='].includes(node.op)) return compare(node.op, left, right);
      return arithmetic(node.op, left, right);
    }
    case 'call': {
      const path = scope.path ?? [];
      const last = path[path.length - 1];
      return call(node.name, node.args, {
        evaluate: (n) => raw(n, scope),
        answers: scope.answers,
        current: scope.current,
        today: () => scope.today ?? (scope.now ? scope.now.slice(0, 10) : localToday()),
        now: () => scope.now ?? localNow(),
        position: last === undefined ? null : last[1] + 1,
        collect,
      });
    }
  }
}

/** The value of a rule; a repeated field must be aggregated (else a type error). */
export function evaluate(node: Node, scope: Scope): Value {
  return scalar(raw(node, scope));
}

/** A rule's truth at run time: one that fails to evaluate counts as false. */
export function holds(node: Node, scope: Scope): boolean {
  try {
    return truthy(evaluate(node, scope));
  } catch (error) {
    if (error instanceof RuleError) return false;
    throw error;
  }
}

/** Parse a rule of a survey definition and check what it refers to (`columns`: a choice filter). */
export function validate(text: string, earlier: readonly string[], allowCurrent: boolean, columns = false): Node {
  const node = parse(text, columns);
  const unknown = [...references(node)].filter((k) => !earlier.includes(k)).sort();
  if (unknown.length > 0) throw new RuleSyntaxError(`unknown or later question ${pyRepr(unknown[0] as string)}`, 0);
  if (!allowCurrent && usesCurrent(node)) throw new RuleSyntaxError("'.' is only allowed in constraints", 0);
  return node;
}
