/**
 * regex(): the safe subset of regular expressions documented in surveys/rules/regex.py,
 * parsed here and matched as a Thompson NFA in linear time (never with RegExp, whose
 * dialect differs from Python's and which backtracks).
 */

import { RuleTypeError } from './syntax';

export const MAX_PATTERN = 200;
export const MAX_TEXT = 1000;
const MAX_COUNT = 100;
const MAX_PROGRAM = 400;

type Ranges = readonly (readonly [number, number])[];
type Tree =
  | { kind: 'char'; ranges: Ranges; negate: boolean }
  | { kind: 'bol' }
  | { kind: 'eol' }
  | { kind: 'cat'; parts: Tree[] }
  | { kind: 'alt'; branches: Tree[] }
  | { kind: 'repeat'; body: Tree; low: number; high: number | null };
type Op =
  | { kind: 'char'; ranges: Ranges; negate: boolean }
  | { kind: 'bol' }
  | { kind: 'eol' }
  | { kind: 'split'; x: number; y: number }
  | { kind: 'jmp'; x: number }
  | { kind: 'match' };

const DIGIT: Ranges = [[48, 57]];
const WORD: Ranges = [
  [48, 57],
  [65, 90],
  [95, 95],
  [97, 122],
];
const SPACE: Ranges = [
  [9, 13],
  [32, 32],
];
const CLASSES: Readonly<Record<string, Ranges>> = { d: DIGIT, w: WORD, s: SPACE };
const PUNCTUATION = new Set(Array.from('\\^$.|?*+()[]{}-/'));
const SPECIAL = new Set(Array.from('\\^$.|?*+()[]{}'));
const QUANTIFIERS = new Set(['*', '+', '?', '{']);

const single = (char: string): Ranges => {
  const code = char.codePointAt(0) as number;
  return [[code, code]];
};

class Parser {
  private index = 0;
  private readonly chars: string[];
  constructor(pattern: string) {
    this.chars = Array.from(pattern);
  }

  fail(why: string): RuleTypeError {
    return new RuleTypeError(`regex(): ${why} at ${this.index}`);
  }

  peek(): string | null {
    return this.chars[this.index] ?? null;
  }

  alternation(): Tree {
    const branches = [this.sequence()];
    while (this.peek() === '|') {
      this.index += 1;
      branches.push(this.sequence());
    }
    return branches.length > 1 ? { kind: 'alt', branches } : (branches[0] as Tree);
  }

  sequence(): Tree {
    const parts: Tree[] = [];
    for (let c = this.peek(); c !== null && c !== '|' && c !== ')'; c = this.peek()) {
      parts.push(this.quantifier(this.atom()));
    }
    return { kind: 'cat', parts };
  }

  atom(): Tree {
    const char = this.chars[this.index] as string;
    this.index += 1;
    if (char === '(') {
      if (this.chars[this.index] === '?' && this.chars[this.index + 1] === ':') this.index += 2;
      else if (this.peek() === '?') throw this.fail('only (?: ) groups are supported');
      const inner = this.alternation();
      if (this.peek() !== ')') throw this.fail('missing )');
      this.index += 1;
      return inner;
    }
    if (char === '[') return this.charClass();
    if (char === '.') return { kind: 'char', ranges: [[10, 10]], negate: true };
    if (char === '^') return { kind: 'bol' };
    if (char === '$') return { kind: 'eol' };
    if (char === '\\') return this.escape(false);
    if (SPECIAL.has(char)) throw this.fail(`unexpected '${char}'`);
    return { kind: 'char', ranges: single(char), negate: false };
  }

  escape(inClass: boolean): { kind: 'char'; ranges: Ranges; negate: boolean } {
    const char = this.peek();
    if (char === null) throw this.fail('a pattern cannot end with \\');
    this.index += 1;
    const own = CLASSES[char];
    if (own !== undefined) return { kind: 'char', ranges: own, negate: false };
    const negated = CLASSES[char.toLowerCase()];
    if (negated !== undefined && !inClass) return { kind: 'char', ranges: negated, negate: true };
    if (char === 'n') return { kind: 'char', ranges: [[10, 10]], negate: false };
    if (char === 't') return { kind: 'char', ranges: [[9, 9]], negate: false };
    if (PUNCTUATION.has(char)) return { kind: 'char', ranges: single(char), negate: false };
    throw this.fail(`unsupported escape \\${char}`);
  }

  classItem(): Ranges {
    const char = this.chars[this.index] as string;
    this.index += 1;
    if (char === '\\') return this.escape(true).ranges;
    if (char === '[' || char === ']') throw this.fail(`escape '${char}' inside a class`);
    return single(char);
  }

  charClass(): Tree {
    const negate = this.peek() === '^';
    if (negate) this.index += 1;
    const ranges: [number, number][] = [];
    while (this.peek() !== ']') {
      if (this.peek() === null) throw this.fail('missing ]');
      const low = this.classItem();
      if (this.peek() === '-' && this.index + 1 < this.chars.length && this.chars[this.index + 1] !== ']') {
        this.index += 1;
        const high = this.classItem();
        const [a, b] = [low[0] as readonly [number, number], high[0] as readonly [number, number]];
        if (low.length !== 1 || high.length !== 1 || a[0] !== a[1] || b[0] !== b[1]) {
          throw this.fail('a range needs single characters');
        }
        if (a[0] > b[0]) throw this.fail('a range out of order');
        ranges.push([a[0], b[0]]);
      } else {
        ranges.push(...low.map(([x, y]): [number, number] => [x, y]));
      }
    }
    this.index += 1;
    if (ranges.length === 0) throw this.fail('an empty class');
    return { kind: 'char', ranges, negate };
  }

  number(): number | null {
    const start = this.index;
    while (/^[0-9]$/.test(this.peek() ?? '')) this.index += 1;
    return this.index > start ? Number(this.chars.slice(start, this.index).join('')) : null;
  }

  quantifier(atom: Tree): Tree {
    const char = this.peek();
    if (char === null || !QUANTIFIERS.has(char)) return atom;
    if (atom.kind === 'bol' || atom.kind === 'eol') throw this.fail('an anchor cannot repeat');
    this.index += 1;
    let low: number;
    let high: number | null;
    if (char === '*') [low, high] = [0, null];
    else if (char === '+') [low, high] = [1, null];
    else if (char === '?') [low, high] = [0, 1];
    else {
      const first = this.number();
      if (first === null) throw this.fail('expected a count after {');
      [low, high] = [first, first];
      if (this.peek() === ',') {
        this.index += 1;
        high = this.number();
      }
      if (this.peek() !== '}') throw this.fail('expected }');
      this.index += 1;
      if (low > MAX_COUNT || (high !== null && (high > MAX_COUNT || high < low))) throw this.fail('a count out of range');
    }
    const next = this.peek();
    if (next !== null && QUANTIFIERS.has(next)) throw this.fail('lazy or repeated quantifiers are not supported');
    return { kind: 'repeat', body: atom, low, high };
  }
}

function compile(tree: Tree, program: Op[]): void {
  if (program.length > MAX_PROGRAM) throw new RuleTypeError('regex(): pattern too large');
  switch (tree.kind) {
    case 'char':
    case 'bol':
    case 'eol':
      program.push(tree);
      return;
    case 'cat':
      for (const part of tree.parts) compile(part, program);
      return;
    case 'alt': {
      const jumps: { kind: 'jmp'; x: number }[] = [];
      tree.branches.slice(0, -1).forEach((branch) => {
        const split = { kind: 'split' as const, x: program.length + 1, y: 0 };
        program.push(split);
        compile(branch, program);
        const jump = { kind: 'jmp' as const, x: 0 };
        jumps.push(jump);
        program.push(jump);
        split.y = program.length;
      });
      compile(tree.branches[tree.branches.length - 1] as Tree, program);
      for (const jump of jumps) jump.x = program.length;
      return;
    }
    case 'repeat': {
      for (let i = 0; i < tree.low; i += 1) compile(tree.body, program);
      if (tree.high === null) {
        const loop = program.length;
        const split = { kind: 'split' as const, x: loop + 1, y: 0 };
        program.push(split);
        compile(tree.body, program);
        program.push({ kind: 'jmp', x: loop });
        split.y = program.length;
      } else {
        const splits: { kind: 'split'; x: number; y: number }[] = [];
        for (let i = 0; i < tree.high - tree.low; i += 1) {
          const split = { kind: 'split' as const, x: program.length + 1, y: 0 };
          splits.push(split);
          program.push(split);
          compile(tree.body, program);
        }
        for (const split of splits) split.y = program.length;
      }
    }
  }
}

function compilePattern(pattern: string): Op[] {
  if (Array.from(pattern).length > MAX_PATTERN) throw new RuleTypeError('regex(): pattern too long');
  const parser = new Parser(pattern);
  const tree = parser.alternation();
  if (parser.peek() !== null) throw parser.fail('unexpected )');
  const program: Op[] = [];
  compile(tree, program);
  if (program.length > MAX_PROGRAM) throw new RuleTypeError('regex(): pattern too large');
  program.push({ kind: 'match' });
  return program;
}

function add(program: Op[], threads: number[], seen: Set<number>, start: number, at: number, end: number): void {
  const stack = [start];
  for (let pc = stack.pop(); pc !== undefined; pc = stack.pop()) {
    if (seen.has(pc)) continue;
    seen.add(pc);
    const op = program[pc] as Op;
    if (op.kind === 'jmp') stack.push(op.x);
    else if (op.kind === 'split') stack.push(op.y, op.x);
    else if (op.kind === 'bol') {
      if (at === 0) stack.push(pc + 1);
    } else if (op.kind === 'eol') {
      if (at === end) stack.push(pc + 1);
    } else threads.push(pc);
  }
}

/** Whether `pattern` (the documented subset) matches somewhere in `text`. */
export function search(pattern: string, text: string): boolean {
  const program = compilePattern(pattern);
  const codes = Array.from(text, (c) => c.codePointAt(0) as number);
  if (codes.length > MAX_TEXT) throw new RuleTypeError('regex(): text too long');
  const end = codes.length;
  let threads: number[] = [];
  add(program, threads, new Set(), 0, 0, end);
  for (let at = 0; at <= end; at += 1) {
    const following: number[] = [];
    const seen = new Set<number>();
    const code = at < end ? (codes[at] as number) : -1;
    for (const pc of threads) {
      const op = program[pc] as Op;
      if (op.kind === 'match') return true;
      if (code < 0 || op.kind !== 'char') continue;
      const inside = op.ranges.some(([low, high]) => low <= code && code <= high);
      if (inside !== op.negate) add(program, following, seen, pc + 1, at + 1, end);
    }
    if (at < end) add(program, following, seen, 0, at + 1, end);
    threads = following;
  }
  return false;
}
