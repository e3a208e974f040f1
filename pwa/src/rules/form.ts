/**
 * A survey definition on the device: its questions, which are relevant, and the same
 * answer checks the server makes (surveys/definition.py check_answers), so a response
 * that leaves the form is one the server accepts. Rules that fail to evaluate count
 * as false, as on the server.
 */
export * from './definition';
export { geoPoints } from './typed';
import { type Answer, type Answers, type Choice, type Definition, type Form, MAX_LONG_TEXT, OTHER, type Problem, type Question, type QuestionDef, DEFAULT_MAX_INSTANCES, MOST_INSTANCES, allowsOther, isEmpty } from './definition';
import { constraintProblem, requiredProblem, typed } from './typed';
import { NO_PATH, type Path, fieldName, instancesOf, updateAt } from './paths';
import { type Node, RuleError, evaluate, holds, parse, references, text } from './rules';

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

function question(def: QuestionDef, page: number, byKey: Map<string, Question>): Question {
  const choosing = def.kind === 'SINGLE_CHOICE' || def.kind === 'MULTIPLE_CHOICE';
  const count = def.kind === 'REPEAT' && def.repeatCount !== null && def.repeatCount !== undefined ? String(def.repeatCount).trim() : '';
  const parsed: Question = {
    def,
    page,
    relevant: rule(def.relevant),
    constraint: rule(def.constraint),
    pattern: compilePattern(def.pattern),
    calculation: def.kind === 'CALCULATE' ? rule(def.calculation) : null,
    choiceFilter: choosing ? rule(def.choiceFilter, true) : null,
    required: typeof def.required === 'string' ? rule(def.required) : null,
    questions: [],
    repeatCount: rule(count),
  };
  byKey.set(def.key, parsed);
  if (def.kind === 'REPEAT') parsed.questions = (def.questions ?? []).map((d) => question(d, page, byKey));
  return parsed;
}

export function parseForm(definition: Definition): Form {
  const byKey = new Map<string, Question>();
  const questions = definition.pages.flatMap((page, index) => (page.questions ?? []).map((def) => question(def, index, byKey)));
  return { pages: definition.pages, questions, byKey };
}

/** The fewest and most instances of a repeat the user may give. */
export function instanceLimits(def: QuestionDef): { min: number; max: number } {
  const max = Math.min(Math.max(def.maxCount ?? DEFAULT_MAX_INSTANCES, 0), MOST_INSTANCES);
  return { min: Math.min(Math.max(def.minCount ?? 0, 0), max), max };
}

/**
 * A computed repeat's number of instances, its rule evaluated in the enclosing instance
 * (clamped to 0…maxCount; a rule that fails gives none); null when the user adds them.
 */
export function computedCount(repeat: Question, kept: Answers, path: Path, today: string): number | null {
  if (repeat.def.kind !== 'REPEAT' || (repeat.repeatCount === null && !hasCount(repeat.def))) return null;
  if (repeat.repeatCount === null) return 0;
  let value;
  try {
    value = evaluate(repeat.repeatCount, { answers: kept, path, today });
  } catch (error) {
    if (error instanceof RuleError) return 0;
    throw error;
  }
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  if (!Number.isFinite(number)) return 0;
  return Math.min(Math.max(Math.trunc(number), 0), instanceLimits(repeat.def).max);
}

function hasCount(def: QuestionDef): boolean {
  return def.repeatCount !== null && def.repeatCount !== undefined && String(def.repeatCount).trim() !== '';
}

export interface Checked {
  /** The answers to send: relevant questions only, cleaned as the server stores them. */
  answers: Answers;
  /** Names (paths.ts: `age`, `members[1].age`) of the questions a respondent sees now. */
  visible: Set<string>;
  problems: Map<string, Problem>;
  /** The choices a filtered question offers now, by name (questions without a filter are absent). */
  offered: Map<string, Choice[]>;
  /** Names of the visible questions that must be answered now. */
  required: Set<string>;
  /** The number of instances of each visible repeat, by name (a computed one's count, else the user's). */
  counts: Map<string, number>;
  /** Calculations calling once() computed now for the first time: the form keeps them with the answers. */
  firsts: [name: string, value: Answer][];
}

/** The choices a question offers over the answers kept so far (surveys/definition.py offered). */
export function offeredChoices(question: Question, kept: Answers, today: string, path: Path = NO_PATH): Choice[] {
  const choices = question.def.choices ?? [];
  const filter = question.choiceFilter;
  if (filter === null) return [...choices];
  return choices.filter((c) => holds(filter, { answers: kept, path, today, choice: { ...c.columns, name: c.value } }));
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
 * so far, irrelevant questions are hidden and their answers dropped. A repeat's
 * questions are walked once per instance, their rules evaluated in that instance
 * (`Scope.path`), each instance's answers kept in it as they are checked.
 */
export function checkAnswers(form: Form, answers: Readonly<Record<string, unknown>>, today: string): Checked {
  const checked: Checked = {
    answers: {},
    visible: new Set(),
    problems: new Map(),
    offered: new Map(),
    required: new Set(),
    counts: new Map(),
    firsts: [],
  };
  checkLevel(form.questions, answers, checked.answers, NO_PATH, new Set(), { checked, today });
  return checked;
}

interface Walk {
  checked: Checked;
  today: string;
}

/** The questions of one level (the form, or one instance) over its given answers, kept into `node`. */
function checkLevel(
  questions: readonly Question[],
  given: Readonly<Record<string, unknown>>,
  node: Answers,
  path: Path,
  failed: Set<string>,
  walk: Walk,
): void {
  const { checked, today } = walk;
  const kept = checked.answers;
  const scope = (current?: unknown) => ({ answers: kept, current, path, today });
  for (const question of questions) {
    const { key, kind } = question.def;
    const name = fieldName(path, key);
    if (question.relevant !== null && [...references(question.relevant)].some((k) => failed.has(k))) {
      failed.add(key);
      continue;
    }
    const relevant = question.relevant === null || holds(question.relevant, scope());
    if (!relevant) continue;
    let value = given[key];
    if (question.choiceFilter !== null) {
      const choices = offeredChoices(question, kept, today, path);
      checked.offered.set(name, choices);
      value = withinOffer(value, choices);
    }
    if (kind === 'CALCULATE') {
      const calculated = calculate(question, kept, value, today, path);
      if (calculated !== null) {
        node[key] = calculated;
        if (value === undefined && callsOnce(question.calculation)) checked.firsts.push([name, calculated]);
      }
      if (showsCalculation(question.def)) checked.visible.add(name);
      continue;
    }
    checked.visible.add(name);
    if (kind === 'NOTE') continue;
    if (kind === 'REPEAT') {
      checkRepeat(question, value, node, path, failed, walk);
      continue;
    }
    const other = given[`${key}_${OTHER}`];
    const needed = question.required !== null ? holds(question.required, scope()) : question.def.required === true;
    if (needed) checked.required.add(name);
    if (isEmpty(value)) {
      if (needed) checked.problems.set(name, requiredProblem(question.def));
      continue;
    }
    const outcome = typed(question, value, other);
    if ('problem' in outcome) {
      checked.problems.set(name, outcome.problem);
      failed.add(key);
      continue;
    }
    const constraint = question.constraint;
    if (constraint !== null && ![...references(constraint)].some((k) => failed.has(k))) {
      if (!holds(constraint, scope(outcome.clean))) {
        checked.problems.set(name, constraintProblem(question.def));
        failed.add(key);
        continue;
      }
    }
    node[key] = outcome.clean;
    if (typeof other === 'string' && other.trim() && allowsOther(question.def)) {
      const chosen: unknown[] = Array.isArray(outcome.clean) ? outcome.clean : [outcome.clean];
      if (chosen.includes(OTHER)) node[`${key}_${OTHER}`] = other.trim();
    }
  }
}

/** Every question under these, nested ones included, in form order. */
export function walk(questions: readonly Question[]): Question[] {
  return questions.flatMap((q) => [q, ...walk(q.questions)]);
}

/**
 * A relevant repeat (surveys/definition.py _check_repeat): its instances (a computed
 * count's first ones, the rest staying in the form unsent; missing ones empty), each
 * checked in its own scope. The list is kept before its instances are checked, so rules
 * in an instance read the instances before it; while an instance is checked every field
 * of it is present (null until answered), so a rule reads its own instance's field,
 * never another's.
 */
function checkRepeat(question: Question, value: unknown, node: Answers, path: Path, failed: Set<string>, walk: Walk): void {
  const { key } = question.def;
  const name = fieldName(path, key);
  const given = instancesOf(value);
  const computed = computedCount(question, walk.checked.answers, path, walk.today);
  const count = computed ?? given.length;
  walk.checked.counts.set(name, count);
  if (computed === null) {
    const { min, max } = instanceLimits(question.def);
    if (count === 0 && question.def.required === true && min === 0) walk.checked.problems.set(name, requiredProblem(question.def));
    else if (count < min) walk.checked.problems.set(name, { code: 'TOO_FEW_INSTANCES', min });
    else if (count > max) walk.checked.problems.set(name, { code: 'TOO_MANY_INSTANCES', max });
  }
  if (count === 0) return;
  const instances: Answers[] = [];
  node[key] = instances;
  const nested = walkKeys(question.questions);
  if (path.length > 0) {
    // the enclosing instance's placeholders for these fields give way to the instances
    for (const inner of nested) if ((node as Record<string, unknown>)[inner] === null) delete node[inner];
  }
  const innerFailed = new Set<string>();
  for (let index = 0; index < count; index += 1) {
    const instance = Object.fromEntries(nested.map((k) => [k, null])) as unknown as Answers;
    instances.push(instance);
    const levelFailed = new Set(failed);
    checkLevel(question.questions, given[index] ?? {}, instance, [...path, [key, index]], levelFailed, walk);
    for (const k of levelFailed) if (!failed.has(k)) innerFailed.add(k);
    for (const [k, v] of Object.entries(instance)) if (v === null) delete instance[k];
  }
  for (const k of innerFailed) failed.add(k);
}

function walkKeys(questions: readonly Question[]): string[] {
  return walk(questions).map((q) => q.def.key);
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
export function calculate(question: Question, kept: Answers, current: unknown, today: string, path: Path = NO_PATH): Answer | null {
  if (question.calculation === null) return null;
  let value;
  try {
    value = evaluate(question.calculation, { answers: kept, current, path, today });
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

/** A default that is a rule (surveys/definition.py is_dynamic); any other is the answer as written. */
export function isDynamic(text: string): boolean {
  return text.includes('${') || /[A-Za-z]\s*\(/.test(text);
}

/**
 * The answers a form opens with, as its inputs hold them (numbers as typed text, a
 * multiple choice as a list, yes/no as true/false): each question's default, a dynamic
 * one evaluated over the defaults before it; one that fails gives nothing. A repeat
 * whose user adds instances opens with its fewest (minCount), each with its defaults.
 */
/**
 * The answers a form opens with: each question's default, and for a `defaultLastSaved`
 * question the answer (as typed) this device sent last for the survey, in `lastSaved`.
 */
export function defaultAnswers(form: Form, today: string, lastSaved: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  fillDefaults(form.questions, answers, () => answers, NO_PATH, today, lastSaved);
  return answers;
}

/** The raw answers of the questions that open with the last saved answer, to keep for the next filling. */
export function lastSavedAnswers(form: Form, raw: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const { def } of form.questions) {
    if (def.defaultLastSaved && raw[def.key] !== undefined && raw[def.key] !== '') kept[def.key] = raw[def.key];
  }
  return kept;
}

/**
 * A new instance of a repeat, its questions' defaults evaluated in it: `answers` are the
 * form's (typed) answers, `path` the new instance's place (its repeat and index last).
 */
export function newInstance(repeat: Question, answers: Readonly<Record<string, unknown>>, path: Path, today: string): Record<string, unknown> {
  const instance: Record<string, unknown> = {};
  fillDefaults(repeat.questions, instance, () => updateAt(answers, path, () => instance), path, today);
  return instance;
}

function fillDefaults(
  questions: readonly Question[],
  target: Record<string, unknown>,
  scope: () => Readonly<Record<string, unknown>>,
  path: Path,
  today: string,
  lastSaved: Readonly<Record<string, unknown>> = {},
): void {
  for (const question of questions) {
    const { def } = question;
    if (def.defaultLastSaved && lastSaved[def.key] !== undefined) {
      target[def.key] = lastSaved[def.key];
      continue;
    }
    if (def.kind === 'REPEAT') {
      const fewest = hasCount(def) ? 0 : instanceLimits(def).min;
      if (fewest === 0) continue;
      const instances: Record<string, unknown>[] = [];
      target[def.key] = instances;
      for (let index = 0; index < fewest; index += 1) {
        instances.push({});
        instances[index] = newInstance(question, scope(), [...path, [def.key, index]], today);
      }
      continue;
    }
    const written = def.default;
    if (!written) continue;
    let shown = written;
    if (isDynamic(written)) {
      try {
        shown = text(evaluate(parse(written), { answers: scope(), path, today }));
      } catch (error) {
        if (error instanceof RuleError) continue;
        throw error;
      }
      if (shown === '') continue;
    }
    if (def.kind === 'MULTIPLE_CHOICE') target[def.key] = shown.split(/\s+/).filter(Boolean);
    else if (def.kind === 'YES_NO') target[def.key] = ['yes', 'true', 'true()', '1'].includes(shown.trim().toLowerCase());
    else if (def.kind === 'RATING' || def.kind === 'RANGE') target[def.key] = Number(shown);
    else target[def.key] = shown;
  }
}

/** The pages a respondent walks through: those with at least one visible question. */
export function visiblePages(form: Form, visible: Set<string>): number[] {
  return form.pages.map((_, i) => i).filter((i) => form.questions.some((q) => q.page === i && visible.has(q.def.key)));
}
