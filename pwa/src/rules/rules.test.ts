import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type Value, RuleError, RuleSyntaxError, RuleTypeError, evaluate, holds, localNow, parse, validate } from './rules';

interface Vector {
  expression: string;
  answers: Record<string, unknown>;
  current?: unknown;
  today?: string;
  now?: string;
  path?: [string, number][];
  /** Present in a choice filter's vector: bare names are this choice's columns. */
  choice?: Record<string, unknown> | null;
  expected?: Value;
  error?: 'syntax' | 'type';
}

const VECTOR_DIR = fileURLToPath(new URL('../../../tests/surveys/', import.meta.url));
const VECTORS = readdirSync(VECTOR_DIR)
  .filter((name) => /^rule_vectors.*\.json$/.test(name))
  .sort()
  .flatMap((name) => JSON.parse(readFileSync(`${VECTOR_DIR}${name}`, 'utf-8')) as Vector[]);

describe('the shared rule vectors (tests/surveys/rule_vectors.json)', () => {
  it('are all here', () => {
    expect(VECTORS.length).toBeGreaterThanOrEqual(351);
  });

  it.each(VECTORS.map((v, i) => [`${i}: ${v.expression || '<empty>'}`, v] as const))('%s', (_, vector) => {
    const scope = {
      answers: vector.answers,
      current: vector.current,
      today: vector.today ?? null,
      now: vector.now ?? null,
      path: vector.path ?? [],
      choice: vector.choice ?? null,
    };
    const columns = vector.choice !== undefined;
    if (vector.error !== undefined) {
      let raised: unknown = null;
      try {
        evaluate(parse(vector.expression, columns), scope);
      } catch (error) {
        raised = error;
      }
      expect(raised).toBeInstanceOf(RuleError);
      expect((raised as RuleError).kind).toBe(vector.error);
    } else {
      expect(evaluate(parse(vector.expression, columns), scope)).toEqual(vector.expected);
    }
  });
});

describe('rules in a definition', () => {
  it('may only name earlier questions, and "." only in constraints', () => {
    expect(() => validate('${a} > 1', ['a'], false)).not.toThrow();
    expect(() => validate('${b} > 1', ['a'], false)).toThrow(RuleSyntaxError);
    expect(() => validate('. > 1', ['a'], false)).toThrow(RuleSyntaxError);
  });

  it('refuses deep nesting with a syntax error, not a crash', () => {
    expect(() => parse('('.repeat(200) + '1' + ')'.repeat(200))).toThrow(RuleSyntaxError);
  });

  it('gives the position of a syntax error', () => {
    expect(() => parse('1 # 2')).toThrow('unexpected character \'#\' at 2');
  });

  it('counts a rule that fails to evaluate as false', () => {
    expect(holds(parse('${a} + 1 > 0'), { answers: { a: 'x' } })).toBe(false);
    expect(holds(parse('${a} + 1 > 0'), { answers: { a: 2 } })).toBe(true);
  });
});

describe('the calculation functions beyond the vectors', () => {
  it('match a pathological pattern in linear time', () => {
    const started = performance.now();
    const scope = { answers: { t: 'a'.repeat(1000) } };
    expect(evaluate(parse("regex(${t}, '^(a|aa|a?a?)*(a+)+b$')"), scope)).toBe(false);
    expect(evaluate(parse("regex(${t}, '^(?:a?){99}(?:a?){99}b')"), scope)).toBe(false);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('give uuid() the shape of a version 4 UUID', () => {
    const values = new Set(Array.from({ length: 20 }, () => evaluate(parse('uuid()'), { answers: {} })));
    expect(values.size).toBe(20);
    for (const value of values) {
      expect(value).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });

  it('read the device clock when the scope fixes none', () => {
    expect(evaluate(parse('now()'), { answers: {} })).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/);
    expect(localNow(new Date(2025, 6, 1, 8, 5, 9, 7)).slice(0, 23)).toBe('2025-07-01T08:05:09.007');
  });

  it('read siblings in the instance given by the path', () => {
    const answers = { members: [{ age: 30 }, { age: 5 }] };
    expect(holds(parse('${age} > 18'), { answers, path: [['members', 0]] })).toBe(true);
    expect(holds(parse('${age} > 18'), { answers, path: [['members', 1]] })).toBe(false);
    expect(() => evaluate(parse('${age} > 18'), { answers })).toThrow(RuleTypeError);
    expect(holds(parse('sum(${age}) = 35'), { answers })).toBe(true);
  });
});
