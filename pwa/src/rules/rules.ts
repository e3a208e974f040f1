/**
 * The survey rule language, a faithful port of surveys/rules.py: tokenizer, Pratt
 * parser to an AST, evaluator with the same type rules and the same errors. Both
 * implementations must agree with every vector in tests/surveys/rule_vectors.json.
 *
 * Known, deliberate gaps with Python (no survey author writes these): JavaScript has
 * one number type, so a float answer such as 3.0 reads as "3" in string-length() and
 * selected(); integers past 2^53 lose precision; digits must be ASCII.
 */

export const MAX_RULE_LENGTH = 1000;
export const MAX_DEPTH = 50;

/** A rule value: null (missing or empty), number, string, boolean or a list of options. */
export type Value = null | number | string | boolean | Value[];

export class RuleError extends Error {
  readonly kind: 'syntax' | 'type' | 'error' = 'error';
}

export class RuleSyntaxError extends RuleError {
  override readonly kind = 'syntax' as const;
  readonly position: number;
  constructor(message: string, position: number) {
    super(`${message} at ${position}`);
    this.name = 'RuleSyntaxError';
    this.position = position;
  }
}

export class RuleTypeError extends RuleError {
  override readonly kind = 'type' as const;
  constructor(message: string) {
    super(message);
    this.name = 'RuleTypeError';
  }
}

type TokenKind = 'num' | 'str' | 'ref' | 'dot' | 'name' | 'op' | 'lparen' | 'rparen' | 'comma' | 'end';

export interface Token {
  kind: TokenKind;
  text: string;
  /** In code points, as Python counts. */
  position: number;
}

const TOKEN =
  /(?<space>\s+)|(?<num>\d+(?:\.\d+)?|\.\d+)|(?<str>'[^']*'|"[^"]*")|(?<ref>\$\{[A-Za-z_][A-Za-z0-9_]*\})|(?<op><=|>=|!=|=|<|>|\+|-|\*)|(?<lparen>\()|(?<rparen>\))|(?<comma>,)|(?<name>[A-Za-z_][A-Za-z0-9_-]*)|(?<dot>\.)/y;
const GROUPS = ['space', 'num', 'str', 'ref', 'op', 'lparen', 'rparen', 'comma', 'name', 'dot'] as const;
const WORD_OPERATORS = new Set(['and', 'or', 'div', 'mod']);

function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}

/** Python's repr() of a string, for messages that match the server's. */
export function pyRepr(text: string): string {
  if (text.includes("'") && !text.includes('"')) return `"${text}"`;
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export function tokenize(text: string): Token[] {
  if (codePoints(text) > MAX_RULE_LENGTH) throw new RuleSyntaxError('rule too long', MAX_RULE_LENGTH);
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    TOKEN.lastIndex = index;
    const match = TOKEN.exec(text);
    const position = codePoints(text.slice(0, index));
    if (match === null || match.groups === undefined) {
      const char = String.fromCodePoint(text.codePointAt(index) ?? 0);
      throw new RuleSyntaxError(`unexpected character ${pyRepr(char)}`, position);
    }
    const groups = match.groups;
    let kind: TokenKind | 'space' = GROUPS.find((g) => groups[g] !== undefined) ?? 'space';
    const value = match[0];
    if (kind === 'name' && WORD_OPERATORS.has(value)) kind = 'op';
    if (kind !== 'space') tokens.push({ kind, text: value, position });
    index += value.length;
  }
  tokens.push({ kind: 'end', text: '', position: codePoints(text) });
  return tokens;
}

// --- the AST -------------------------------------------------------------------------

export type Node =
  | { type: 'literal'; value: number | string }
  | { type: 'ref'; key: string }
  | { type: 'current' }
  | { type: 'unary'; operand: Node }
  | { type: 'binary'; op: string; left: Node; right: Node }
  | { type: 'call'; name: string; args: Node[] };

const BINDING: Readonly<Record<string, number>> = {
  or: 1,
  and: 2,
  '=': 3,
  '!=': 3,
  '<': 4,
  '<=': 4,
  '>': 4,
  '>=': 4,
  '+': 5,
  '-': 5,
  '*': 6,
  div: 6,
  mod: 6,
};
const ARITY: Readonly<Record<string, number>> = {
  selected: 2,
  'count-selected': 1,
  'string-length': 1,
  today: 0,
  not: 1,
  true: 0,
  false: 0,
};

class Parser {
  private index = 0;
  private depth = 0;
  constructor(private readonly tokens: Token[]) {}

  peek(): Token {
    return this.tokens[this.index] as Token;
  }

  take(): Token {
    const token = this.peek();
    this.index += 1;
    return token;
  }

  expect(kind: TokenKind): Token {
    const token = this.take();
    if (token.kind !== kind) {
      throw new RuleSyntaxError(`expected ${kind}, found ${pyRepr(token.text || 'end')}`, token.position);
    }
    return token;
  }

  expression(minBinding = 0): Node {
    this.depth += 1;
    if (this.depth > MAX_DEPTH) throw new RuleSyntaxError('rule nested too deeply', this.peek().position);
    let left = this.prefix();
    for (;;) {
      const token = this.peek();
      const binding = token.kind === 'op' ? BINDING[token.text] : undefined;
      if (binding === undefined || binding <= minBinding) break;
      this.take();
      left = { type: 'binary', op: token.text, left, right: this.expression(binding) };
    }
    this.depth -= 1;
    return left;
  }

  prefix(): Node {
    const token = this.take();
    switch (token.kind) {
      case 'num':
        return { type: 'literal', value: Number(token.text) };
      case 'str':
        return { type: 'literal', value: token.text.slice(1, -1) };
      case 'ref':
        return { type: 'ref', key: token.text.slice(2, -1) };
      case 'dot':
        return { type: 'current' };
      case 'lparen': {
        const inner = this.expression();
        this.expect('rparen');
        return inner;
      }
      case 'name':
        return this.call(token);
      case 'op':
        if (token.text === '-') return { type: 'unary', operand: this.expression(6) };
        break;
      default:
        break;
    }
    throw new RuleSyntaxError(`unexpected ${pyRepr(token.text || 'end')}`, token.position);
  }

  call(name: Token): Node {
    const arity = Object.hasOwn(ARITY, name.text) ? ARITY[name.text] : undefined;
    if (arity === undefined) throw new RuleSyntaxError(`unknown function ${pyRepr(name.text)}`, name.position);
    this.expect('lparen');
    const args: Node[] = [];
    if (this.peek().kind !== 'rparen') {
      args.push(this.expression());
      while (this.peek().kind === 'comma') {
        this.take();
        args.push(this.expression());
      }
    }
    this.expect('rparen');
    if (args.length !== arity) {
      throw new RuleSyntaxError(`${name.text}() takes ${arity} argument(s)`, name.position);
    }
    return { type: 'call', name: name.text, args };
  }
}

/** The AST of `text`; RuleSyntaxError when it is not a valid rule. */
export function parse(text: string): Node {
  const parser = new Parser(tokenize(text));
  if (parser.peek().kind === 'end') throw new RuleSyntaxError('empty rule', 0);
  const node = parser.expression();
  const trailing = parser.peek();
  if (trailing.kind !== 'end') throw new RuleSyntaxError(`unexpected ${pyRepr(trailing.text)}`, trailing.position);
  return node;
}

/** The question keys a rule reads. */
export function references(node: Node): Set<string> {
  switch (node.type) {
    case 'ref':
      return new Set([node.key]);
    case 'unary':
      return references(node.operand);
    case 'binary':
      return new Set([...references(node.left), ...references(node.right)]);
    case 'call':
      return new Set(node.args.flatMap((a) => [...references(a)]));
    default:
      return new Set();
  }
}

export function usesCurrent(node: Node): boolean {
  switch (node.type) {
    case 'current':
      return true;
    case 'unary':
      return usesCurrent(node.operand);
    case 'binary':
      return usesCurrent(node.left) || usesCurrent(node.right);
    case 'call':
      return node.args.some(usesCurrent);
    default:
      return false;
  }
}

// --- evaluation ----------------------------------------------------------------------

/** Python's str() of a rule value (True, None, ['a', 'b']). */
export function pyStr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'nan';
    if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
    return String(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => (typeof v === 'string' ? pyRepr(v) : pyStr(v))).join(', ')}]`;
  return String(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
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

function asNumber(value: Value): number | null {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return pyFloat(value);
  return null;
}

function equal(leftValue: Value, rightValue: Value): boolean {
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
  const a = asNumber(left);
  const b = asNumber(right);
  if (a === null || b === null) return false;
  return a === b;
}

/** Python compares strings by code point; JavaScript by UTF-16 unit. */
function compareText(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i += 1) {
    const d = (x[i] as string).codePointAt(0)! - (y[i] as string).codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

function compare(op: string, left: Value, right: Value): boolean {
  if (left === null || right === null) return false;
  if (Array.isArray(left) || Array.isArray(right)) {
    throw new RuleTypeError(`cannot compare ${pyStr(left)} ${op} ${pyStr(right)}`);
  }
  const a = asNumber(left);
  const b = asNumber(right);
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

function arithmetic(op: string, left: Value, right: Value): number | null {
  if (left === null || right === null) return null;
  const a = asNumber(left);
  const b = asNumber(right);
  if (a === null || b === null) {
    throw new RuleTypeError(`${op} needs numbers, not ${pyStr(left)} and ${pyStr(right)}`);
  }
  if (op === '+') return a + b;
  if (op === '-') return a - b;
  if (op === '*') return a * b;
  if (b === 0) throw new RuleTypeError(`${op} by zero`);
  if (op === 'div') return a / b;
  return a - b * Math.trunc(a / b); // the sign follows the dividend, as in XPath
}

export interface Scope {
  answers: Readonly<Record<string, unknown>>;
  current?: unknown;
  /** ISO date (YYYY-MM-DD) that today() returns; the device's local date when absent. */
  today?: string | null;
}

/** The device's local date as YYYY-MM-DD (Python's date.today()). */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function evaluate(node: Node, scope: Scope): Value {
  switch (node.type) {
    case 'literal':
      return node.value;
    case 'ref':
      return normal(Object.hasOwn(scope.answers, node.key) ? scope.answers[node.key] : null);
    case 'current':
      return normal(scope.current);
    case 'unary':
      return arithmetic('-', 0, evaluate(node.operand, scope));
    case 'binary': {
      if (node.op === 'and') return truthy(evaluate(node.left, scope)) && truthy(evaluate(node.right, scope));
      if (node.op === 'or') return truthy(evaluate(node.left, scope)) || truthy(evaluate(node.right, scope));
      const left = evaluate(node.left, scope);
      const right = evaluate(node.right, scope);
      if (node.op === '=') return equal(left, right);
      if (node.op === '!=') return !equal(left, right);
      if (['<', '<=', '>', '>='].includes(node.op)) return compare(node.op, left, right);
      return arithmetic(node.op, left, right);
    }
    case 'call':
      return call(node.name, node.args, scope);
  }
}

function textOf(value: Value): string {
  if (Array.isArray(value)) return value.map(pyStr).join(' ');
  return pyStr(value);
}

function call(name: string, nodes: Node[], scope: Scope): Value {
  const args = nodes.map((a) => evaluate(a, scope));
  const [value = null, option = null] = args;
  switch (name) {
    case 'selected':
      if (value === null) return false;
      if (Array.isArray(value)) return value.map(pyStr).includes(pyStr(option));
      return pyStr(value) === pyStr(option);
    case 'count-selected':
      if (value === null) return 0;
      return Array.isArray(value) ? value.length : 1;
    case 'string-length':
      if (value === null) return 0;
      if (typeof value === 'boolean') return value ? 4 : 5;
      return codePoints(typeof value === 'string' ? value : textOf(value));
    case 'not':
      return !truthy(value);
    case 'true':
      return true;
    case 'false':
      return false;
    default:
      return scope.today ?? localToday(); // today()
  }
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

/** Parse a rule of a survey definition and check what it refers to. */
export function validate(text: string, earlier: readonly string[], allowCurrent: boolean): Node {
  const node = parse(text);
  const unknown = [...references(node)].filter((k) => !earlier.includes(k)).sort();
  if (unknown.length > 0) throw new RuleSyntaxError(`unknown or later question ${pyRepr(unknown[0] as string)}`, 0);
  if (!allowCurrent && usesCurrent(node)) throw new RuleSyntaxError("'.' is only allowed in constraints", 0);
  return node;
}
