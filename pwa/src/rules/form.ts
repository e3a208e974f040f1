/**
 * A survey definition on the device: its questions, which are relevant, and the same
 * answer checks the server makes (surveys/definition.py check_answers), so a response
 * that leaves the form is one the server accepts. Rules that fail to evaluate count
 * as false, as on the server.
 */
import { type Node, RuleError, evaluate, holds, parse, references, text } from './rules';

export type QuestionKind =
  | 'TEXT'
  | 'LONG_TEXT'
  | 'INTEGER'
  | 'DECIMAL'
  | 'SINGLE_CHOICE'
  | 'MULTIPLE_CHOICE'
  | 'DATE'
  | 'RATING'
  | 'YES_NO'
  | 'LOCATION'
  | 'PHOTO'
  | 'NOTE'
  | 'CALCULATE'
  | 'TIME'
  | 'DATETIME'
  | 'BARCODE'
  | 'ACKNOWLEDGE'
  | 'GEOTRACE'
  | 'GEOSHAPE'
  | 'RANGE';

export interface Choice {
  value: string;
  labelVi: string;
  labelEn?: string | null;
  /** An XLSForm choice list's extra columns, which a choice filter reads by name. */
  columns?: Readonly<Record<string, string>> | null;
}

export interface QuestionDef {
  key: string;
  kind: QuestionKind;
  labelVi: string;
  labelEn?: string | null;
  hintVi?: string | null;
  hintEn?: string | null;
  /** True, or a rule over earlier answers: required while it holds (XLSForm's required condition). */
  required?: boolean | string | null;
  min?: number | null;
  max?: number | null;
  /** RANGE: the slider's step from `min` (1 when absent). */
  step?: number | null;
  minLength?: number | null;
  maxLength?: number | null;
  pattern?: string | null;
  choices?: Choice[] | null;
  allowOther?: boolean | null;
  /** Cascading choices: a rule per choice, bare names being its columns (`district = ${district}`). */
  choiceFilter?: string | null;
  relevant?: string | null;
  constraint?: string | null;
  constraintMessageVi?: string | null;
  constraintMessageEn?: string | null;
  requiredAccuracy?: number | null;
  /** CALCULATE: the rule computing the value (the server computes it again). */
  calculation?: string | null;
  /** The answer a form opens with: as written, or a rule when it calls a function or names an answer (`today()`). */
  default?: string | null;
  /** PHOTO: the long side it is downscaled to (XLSForm's max-pixels), at most the usual 1600. */
  maxPixels?: number | null;
  requiredMessageVi?: string | null;
  requiredMessageEn?: string | null;
  /** Display hints, space-separated; "show" shows a CALCULATE read-only with its label. */
  appearance?: string | null;
}

export interface PageDef {
  key?: string;
  titleVi?: string | null;
  titleEn?: string | null;
  questions: QuestionDef[];
}

export interface Definition {
  pages: PageDef[];
}

export interface Location {
  lat: number;
  lon: number;
  accuracy: number | null;
}

export type Answer = string | number | boolean | string[] | Location;
export type Answers = Record<string, Answer>;

export const OTHER = 'other';
const MAX_TEXT = 2000;
const MAX_LONG_TEXT = 10_000;
const HEX64 = /^[0-9a-f]{64}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;
/** An acknowledgement's one answer, as ODK stores it. */
export const ACKNOWLEDGED = 'OK';

/** The fewest distinct points of a trace and of a shape. */
export const GEO_FEWEST: Readonly<Record<string, number>> = { GEOTRACE: 2, GEOSHAPE: 3 };
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

/** Why an answer is refused, as a catalogue key with parameters, or the author's message. */
export type Problem =
  | { code: 'REQUIRED'; messageVi?: string; messageEn?: string }
  | { code: 'REQUIRED_OTHER' | 'WRONG_TYPE' | 'INVALID_CHOICE' | 'INVALID_LOCATION' }
  | { code: 'INVALID_LENGTH'; min: number; max: number }
  | { code: 'NUMBER_OUT_OF_RANGE'; min: number | null; max: number | null }
  | { code: 'LOCATION_NOT_ACCURATE'; meters: number }
  | { code: 'CONSTRAINT'; messageVi: string; messageEn: string };

export interface Question {
  def: QuestionDef;
  page: number;
  relevant: Node | null;
  constraint: Node | null;
  pattern: RegExp | null;
  calculation: Node | null;
  choiceFilter: Node | null;
  required: Node | null;
}

export interface Form {
  pages: PageDef[];
  questions: Question[];
}

function rule(text: string | null | undefined, columns = false): Node | null {
  if (!text) return null;
  try {
    return parse(text, columns);
  } catch {
    return null; // the server refused surveys whose rules do not parse
  }
}

function compilePattern(text: string | null | undefined): RegExp | null {
  if (!text) return null;
  try {
    return new RegExp(`^(?:${text})$`, 'u');
  } catch {
    return null;
  }
}

export function parseForm(definition: Definition): Form {
  const questions: Question[] = [];
  definition.pages.forEach((page, index) => {
    for (const def of page.questions ?? []) {
      questions.push({
        def,
        page: index,
        relevant: rule(def.relevant),
        constraint: rule(def.constraint),
        pattern: compilePattern(def.pattern),
        calculation: def.kind === 'CALCULATE' ? rule(def.calculation) : null,
        choiceFilter: def.kind === 'SINGLE_CHOICE' || def.kind === 'MULTIPLE_CHOICE' ? rule(def.choiceFilter, true) : null,
        required: typeof def.required === 'string' ? rule(def.required) : null,
      });
    }
  });
  return { pages: definition.pages, questions };
}

export function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

export interface Checked {
  /** The answers to send: relevant questions only, cleaned as the server stores them. */
  answers: Answers;
  /** Keys of the questions a respondent sees now. */
  visible: Set<string>;
  problems: Map<string, Problem>;
  /** The choices a filtered question offers now, by key (questions without a filter are absent). */
  offered: Map<string, Choice[]>;
  /** Keys of the visible questions that must be answered now. */
  required: Set<string>;
}

/** The choices a question offers over the answers kept so far (surveys/definition.py offered). */
export function offeredChoices(question: Question, kept: Answers, today: string): Choice[] {
  const choices = question.def.choices ?? [];
  const filter = question.choiceFilter;
  if (filter === null) return [...choices];
  return choices.filter((c) => holds(filter, { answers: kept, today, choice: { ...c.columns, name: c.value } }));
}

/** An answer without the options the filter no longer offers (a changed parent answer). */
function withinOffer(value: unknown, offered: Choice[]): unknown {
  const values = new Set([...offered.map((c) => c.value), OTHER]);
  if (typeof value === 'string') return values.has(value) ? value : undefined;
  if (Array.isArray(value)) return value.filter((v) => typeof v !== 'string' || values.has(v));
  return value;
}

/**
 * Walk the questions in order as the server does: relevance reads only the answers kept
 * so far, irrelevant questions are hidden and their answers dropped.
 */
export function checkAnswers(form: Form, answers: Readonly<Record<string, unknown>>, today: string): Checked {
  const kept: Answers = {};
  const visible = new Set<string>();
  const problems = new Map<string, Problem>();
  const failed = new Set<string>();
  const offered = new Map<string, Choice[]>();
  const required = new Set<string>();
  for (const question of form.questions) {
    const { key, kind } = question.def;
    if (question.relevant !== null && [...references(question.relevant)].some((k) => failed.has(k))) {
      failed.add(key);
      continue;
    }
    const relevant = question.relevant === null || holds(question.relevant, { answers: kept, today });
    if (!relevant) continue;
    let value = answers[key];
    if (question.choiceFilter !== null) {
      const choices = offeredChoices(question, kept, today);
      offered.set(key, choices);
      value = withinOffer(value, choices);
    }
    if (kind === 'CALCULATE') {
      const calculated = calculate(question, kept, value, today);
      if (calculated !== null) kept[key] = calculated;
      if (showsCalculation(question.def)) visible.add(key);
      continue;
    }
    visible.add(key);
    if (kind === 'NOTE') continue;
    const other = answers[`${key}_${OTHER}`];
    const needed = question.required !== null ? holds(question.required, { answers: kept, today }) : question.def.required === true;
    if (needed) required.add(key);
    if (isEmpty(value)) {
      if (needed) problems.set(key, requiredProblem(question.def));
      continue;
    }
    const outcome = typed(question, value, other);
    if ('problem' in outcome) {
      problems.set(key, outcome.problem);
      failed.add(key);
      continue;
    }
    const constraint = question.constraint;
    if (constraint !== null && ![...references(constraint)].some((k) => failed.has(k))) {
      if (!holds(constraint, { answers: kept, current: outcome.clean, today })) {
        problems.set(key, constraintProblem(question.def));
        failed.add(key);
        continue;
      }
    }
    kept[key] = outcome.clean;
    if (typeof other === 'string' && other.trim() && allowsOther(question.def)) {
      const chosen = Array.isArray(outcome.clean) ? outcome.clean : [outcome.clean];
      if (chosen.includes(OTHER)) kept[`${key}_${OTHER}`] = other.trim();
    }
  }
  return { answers: kept, visible, problems, offered, required };
}

/** Whether a CALCULATE question is shown (read-only) rather than hidden. */
export function showsCalculation(def: QuestionDef): boolean {
  return def.kind === 'CALCULATE' && (def.appearance ?? '').split(/\s+/).includes('show');
}

/**
 * A CALCULATE question's value from the answers kept so far, as the server stores it
 * (surveys/definition.py calculate): true/false, a finite number, or non-empty text;
 * null when empty or when the rule fails. `current` is what once() keeps.
 */
export function calculate(question: Question, kept: Answers, current: unknown, today: string): Answer | null {
  if (question.calculation === null) return null;
  let value;
  try {
    value = evaluate(question.calculation, { answers: kept, current, today });
  } catch (error) {
    if (error instanceof RuleError) return null;
    throw error;
  }
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  const shown = Array.from(text(value)).slice(0, MAX_LONG_TEXT).join('');
  return shown === '' ? null : shown;
}

/** Whether a rule calls once(): its value must be kept with the answers as computed. */
export function callsOnce(node: Node | null): boolean {
  if (node === null) return false;
  switch (node.type) {
    case 'call':
      return node.name === 'once' || node.args.some(callsOnce);
    case 'unary':
      return callsOnce(node.operand);
    case 'binary':
      return callsOnce(node.left) || callsOnce(node.right);
    default:
      return false;
  }
}

function requiredProblem(def: QuestionDef): Problem {
  const messageVi = def.requiredMessageVi ?? '';
  return messageVi ? { code: 'REQUIRED', messageVi, messageEn: def.requiredMessageEn || messageVi } : { code: 'REQUIRED' };
}

/** A default that is a rule (surveys/definition.py is_dynamic); any other is the answer as written. */
export function isDynamic(text: string): boolean {
  return text.includes('${') || /[A-Za-z]\s*\(/.test(text);
}

/**
 * The answers a form opens with, as its inputs hold them (numbers as typed text, a
 * multiple choice as a list, yes/no as true/false): each question's default, a dynamic
 * one evaluated over the defaults before it; one that fails gives nothing.
 */
export function defaultAnswers(form: Form, today: string): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const { def } of form.questions) {
    const written = def.default;
    if (!written) continue;
    let shown = written;
    if (isDynamic(written)) {
      try {
        shown = text(evaluate(parse(written), { answers, today }));
      } catch (error) {
        if (error instanceof RuleError) continue;
        throw error;
      }
      if (shown === '') continue;
    }
    if (def.kind === 'MULTIPLE_CHOICE') answers[def.key] = shown.split(/\s+/).filter(Boolean);
    else if (def.kind === 'YES_NO') answers[def.key] = ['yes', 'true', 'true()', '1'].includes(shown.trim().toLowerCase());
    else if (def.kind === 'RATING' || def.kind === 'RANGE') answers[def.key] = Number(shown);
    else answers[def.key] = shown;
  }
  return answers;
}

function constraintProblem(def: QuestionDef): Problem {
  const messageVi = def.constraintMessageVi ?? '';
  return { code: 'CONSTRAINT', messageVi, messageEn: def.constraintMessageEn || messageVi };
}

export function allowsOther(def: QuestionDef): boolean {
  return (def.kind === 'SINGLE_CHOICE' || def.kind === 'MULTIPLE_CHOICE') && Boolean(def.allowOther);
}

type Typed = { clean: Answer } | { problem: Problem };

function typed(question: Question, value: unknown, other: unknown): Typed {
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
      return typeof value === 'string' && HEX64.test(value) ? { clean: value } : { problem: { code: 'WRONG_TYPE' } };
    case 'NOTE':
    case 'CALCULATE':
      return { problem: { code: 'WRONG_TYPE' } };
  }
}

/** The pages a respondent walks through: those with at least one visible question. */
export function visiblePages(form: Form, visible: Set<string>): number[] {
  return form.pages.map((_, i) => i).filter((i) => form.questions.some((q) => q.page === i && visible.has(q.def.key)));
}
