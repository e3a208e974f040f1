/**
 * The builder's live checks of a definition, as the author types: each rule parsed by the
 * PWA's rule evaluator (the port of the server's, rules/), with the references the server
 * refuses (a question that does not exist, or comes later) and "." outside constraints
 * named; choice values and patterns checked as surveys/definition.py checks them. Pure
 * functions, so the builder shows on the field what the server would answer on save.
 */
import type { Definition, QuestionDef } from '../../../rules/form';
import { RuleError, parse, references, usesCurrent, validate } from '../../../rules/rules';
import { questionKeys } from './definition-edit';

export type RuleProblem =
  | { code: 'syntax'; detail: string }
  | { code: 'unknown'; key: string }
  | { code: 'later'; key: string }
  | { code: 'current' };

/** Keys as the server accepts them (surveys/definition.py KEY). */
/** Question names as XLSForm allows them (the server's `KEY`, surveys/definition.py). */
export const KEY = /^[A-Za-z_][A-Za-z0-9_.-]{0,99}$/;
/** Choice values: no spaces, no quotes (the server's `CHOICE_VALUE`). */
export const CHOICE_VALUE = /^[^\s'"]{1,100}$/;

/**
 * What is wrong with a question's `relevant` (allowCurrent false) or `constraint` rule,
 * given the keys of the questions before it and of every question; null when it is fine.
 */
export function checkRule(text: string | null | undefined, earlier: readonly string[], all: readonly string[], allowCurrent: boolean): RuleProblem | null {
  if (!text || !text.trim()) return null;
  let node;
  try {
    node = parse(text);
  } catch (error) {
    if (error instanceof RuleError) return { code: 'syntax', detail: error.message };
    throw error;
  }
  const unknown = [...references(node)].filter((key) => !earlier.includes(key)).sort();
  const first = unknown[0];
  if (first !== undefined) return all.includes(first) ? { code: 'later', key: first } : { code: 'unknown', key: first };
  if (!allowCurrent && usesCurrent(node)) return { code: 'current' };
  try {
    validate(text, earlier, allowCurrent); // the server's own check, to be sure both agree
  } catch (error) {
    if (error instanceof RuleError) return { code: 'syntax', detail: error.message };
    throw error;
  }
  return null;
}

export type KeyProblem = 'invalid' | 'duplicate';

/** A question key's problem: the server's pattern, unique in the form. */
export function checkKey(key: string, all: readonly string[]): KeyProblem | null {
  if (!KEY.test(key)) return 'invalid';
  return all.filter((k) => k === key).length > 1 ? 'duplicate' : null;
}

/** Choice values: 1–100 distinct values as XLSForm allows them ("-99", "24/7"). */
export function checkChoices(def: QuestionDef): boolean {
  const values = (def.choices ?? []).map((c) => c.value);
  return values.length > 0 && values.length <= 100 && new Set(values).size === values.length && values.every((v) => CHOICE_VALUE.test(v));
}

/** A pattern the browser can compile (the server compiles it with Python's re). */
export function checkPattern(pattern: string | null | undefined): boolean {
  if (!pattern) return true;
  if (pattern.length > 200) return false;
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

export interface QuestionProblems {
  key: KeyProblem | null;
  label: boolean;
  choices: boolean;
  pattern: boolean;
  relevant: RuleProblem | null;
  constraint: RuleProblem | null;
  range: boolean;
  /** A required condition (XLSForm's `required` as a rule): over earlier questions, no ".". */
  required?: RuleProblem | null;
  /** A CALCULATE question's rule: required, over earlier questions, no ".". */
  calculation?: RuleProblem | 'required' | null;
}

const CHOICE_KINDS = new Set(['SINGLE_CHOICE', 'MULTIPLE_CHOICE']);

/**
 * Every question's problems, by its position ("p.q"; "p.q-i" for the i-th question of a
 * repeat, "p.q-i-j" nested), in the server's reading order: a question inside a repeat
 * reads everything before the repeat, the repeat's key and the instance's earlier fields.
 */
export function checkDefinition(definition: Definition): Map<string, QuestionProblems> {
  const all = definition.pages.flatMap((page) => page.questions.flatMap(questionKeys));
  const found = new Map<string, QuestionProblems>();
  const earlier: string[] = [];
  const check = (def: QuestionDef, place: string): void => {
    const low = def.min ?? null;
    const high = def.max ?? null;
    const problems: QuestionProblems = {
      key: checkKey(def.key, all),
      label: def.kind !== 'CALCULATE' && !def.labelVi.trim(),
      choices: CHOICE_KINDS.has(def.kind) && !checkChoices(def),
      pattern: !checkPattern(def.pattern),
      relevant: checkRule(def.relevant, earlier, all, false),
      constraint: checkRule(def.constraint, earlier, all, true),
      range: low !== null && high !== null && low > high,
      required: typeof def.required === 'string' ? checkRule(def.required, earlier, all, false) : null,
      calculation: def.kind !== 'CALCULATE' ? null : (def.calculation ?? '').trim() ? checkRule(def.calculation, earlier, all, false) : 'required',
    };
    if (def.kind === 'REPEAT') problems.label = false; // the repeat editor checks its own fields
    if (Object.values(problems).some((v) => v !== null && v !== false)) found.set(place, problems);
    if (def.kind === 'REPEAT') {
      earlier.push(def.key);
      (def.questions ?? []).forEach((inner, i) => check(inner, `${place}-${i}`));
    } else {
      earlier.push(def.key);
    }
  };
  definition.pages.forEach((page, p) => page.questions.forEach((def, q) => check(def, `${p}.${q}`)));
  return found;
}
