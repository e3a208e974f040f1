/** The rule language's syntax: tokenizer, AST and Pratt parser (a port of surveys/rules/syntax.py). */

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

type TokenKind = 'num' | 'str' | 'ref' | 'parent' | 'dot' | 'name' | 'op' | 'lparen' | 'rparen' | 'comma' | 'end';

export interface Token {
  kind: TokenKind;
  text: string;
  /** In code points, as Python counts. */
  position: number;
}

const TOKEN =
  /(?<space>\s+)|(?<num>\d+(?:\.\d+)?|\.\d+)|(?<str>'[^']*'|"[^"]*")|(?<ref>\$\{[A-Za-z_][A-Za-z0-9_.\-]*\})|(?<op><=|>=|!=|=|<|>|\+|-|\*)|(?<lparen>\()|(?<rparen>\))|(?<comma>,)|(?<name>[A-Za-z_][A-Za-z0-9_-]*)|(?<parent>\.\.)|(?<dot>\.)/y;
const GROUPS = ['space', 'num', 'str', 'ref', 'op', 'lparen', 'rparen', 'comma', 'name', 'parent', 'dot'] as const;
const WORD_OPERATORS = new Set(['and', 'or', 'div', 'mod']);

export function codePoints(text: string): number {
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
  /** A bare name in a choice filter: that column of the choice being filtered. */
  | { type: 'column'; name: string }
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
/** name: [fewest, most] arguments; null: any number. */
export const ARITY: Readonly<Record<string, readonly [number, number | null]>> = {
  selected: [2, 2],
  'count-selected': [1, 1],
  'selected-at': [2, 2],
  'string-length': [1, 1],
  today: [0, 0],
  now: [0, 0],
  not: [1, 1],
  true: [0, 0],
  false: [0, 0],
  if: [3, 3],
  coalesce: [2, null],
  concat: [0, null],
  join: [1, null],
  substr: [2, 3],
  regex: [2, 2],
  contains: [2, 2],
  'starts-with': [2, 2],
  'ends-with': [2, 2],
  int: [1, 1],
  round: [1, 2],
  number: [1, 1],
  string: [1, 1],
  boolean: [1, 1],
  sum: [1, 1],
  count: [1, 1],
  max: [1, null],
  min: [1, null],
  position: [0, 0],
  'indexed-repeat': [3, 7],
  once: [1, 1],
  date: [1, 1],
  'decimal-date-time': [1, 1],
  'format-date': [2, 2],
  'format-date-time': [2, 2],
  uuid: [0, 0],
};

class Parser {
  private index = 0;
  private depth = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly columns = false,
  ) {}

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
        if (this.columns && this.peek().kind !== 'lparen') return { type: 'column', name: token.text };
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
    if (name.text === 'position' && this.peek().kind === 'parent') {
      this.take(); // position(..): the index of the current instance
    } else if (this.peek().kind !== 'rparen') {
      args.push(this.expression());
      while (this.peek().kind === 'comma') {
        this.take();
        args.push(this.expression());
      }
    }
    this.expect('rparen');
    const [fewest, most] = arity;
    if (args.length < fewest || (most !== null && args.length > most)) {
      const count = fewest === most ? `${fewest}` : most === null ? `${fewest} or more` : `${fewest} to ${most}`;
      throw new RuleSyntaxError(`${name.text}() takes ${count} argument(s)`, name.position);
    }
    if (
      name.text === 'indexed-repeat' &&
      (args.length % 2 === 0 || !args.every((a, i) => (i > 0 && i % 2 === 0) || a.type === 'ref'))
    ) {
      throw new RuleSyntaxError('indexed-repeat() takes ${field}, then pairs of ${repeat} and an index', name.position);
    }
    return { type: 'call', name: name.text, args };
  }
}

/**
 * The AST of `text`; RuleSyntaxError when it is not a valid rule. With `columns` (a
 * choice filter) a bare name not followed by `(` is a column of the choice.
 */
export function parse(text: string, columns = false): Node {
  const parser = new Parser(tokenize(text), columns);
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
