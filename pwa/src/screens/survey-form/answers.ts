/** Pure helpers of the form: answers as typed, which problems show, an answer as text. */
import type { Language, Translate } from '../../i18n';
import { type Answers, type Checked, type Form, type Location, OTHER, type Problem, type Question, type QuestionDef, isEmpty } from '../../rules/form';
import { NO_PATH, type Path, answerAt, instancesOf, nodeAt, parseName } from '../../rules/paths';
import { label } from './question';

/** What the inputs hold, as answers: numbers typed as text become numbers (in every instance too). */
export function typedAnswers(form: Form, raw: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return typedLevel(form.questions, raw);
}

function typedLevel(questions: readonly Question[], raw: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const answers: Record<string, unknown> = { ...raw };
  for (const { def, questions: inner } of questions) {
    const value = raw[def.key];
    if (def.kind === 'REPEAT' && Array.isArray(value)) {
      answers[def.key] = instancesOf(value).map((instance) => typedLevel(inner, instance));
    } else if ((def.kind === 'INTEGER' || def.kind === 'DECIMAL') && typeof value === 'string') {
      const text = value.trim().replace(',', '.');
      const number = Number(text);
      answers[def.key] = text === '' ? undefined : Number.isFinite(number) && /^-?\d*\.?\d+$/.test(text) ? number : text;
    }
  }
  return answers;
}

/** Names of the problems of a page's questions, those inside its repeats included, in form order. */
export function problemsOnPage(form: Form, checked: Checked, page: number): string[] {
  const keys = new Set(form.questions.filter((q) => q.page === page).map((q) => q.def.key));
  return [...checked.problems.keys()].filter((name) => keys.has(parseName(name)?.path[0]?.[0] ?? parseName(name)?.key ?? name));
}

export function isLocation(value: unknown): value is Location {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'lat' in value;
}

/** Problems show after "Next"; a filled answer that breaks a rule shows at once (`name`: paths.ts). */
export function visibleProblem(
  name: string,
  raw: Readonly<Record<string, unknown>>,
  problems: Map<string, Problem>,
  showErrors: boolean,
): Problem | null {
  const problem = problems.get(name) ?? null;
  if (problem === null) return null;
  if (showErrors) return problem;
  return !isEmpty(answerAt(raw, name)) && problem.code !== 'REQUIRED' ? problem : null;
}

const PIPED = /\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}/g;

/** Replaces `${name}` in a text with the answer's display text. */
export type Pipe = (text: string) => string;

/**
 * Piping: each `${name}` of a label, hint or note becomes the answer's display text (a
 * choice's label in the current language, yes/no, a calculation's value), or nothing
 * while it is unanswered; a name that is no question of the form stays as written.
 * Inside an instance (`path`) a name reads that instance first, then the ones around it.
 */
export function piping(form: Form, answers: Answers, lang: Language, t: Translate, path: Path = NO_PATH): Pipe {
  return (text) =>
    text.includes('${')
      ? text.replace(PIPED, (whole, name: string) => {
          const question = form.byKey.get(name);
          if (question === undefined) return whole;
          const node = holder(answers, path, name);
          return node === undefined ? '' : showAnswer(question.def, node, lang, t);
        })
      : text;
}

/** The innermost dict along `path` that holds an answer to `key`. */
function holder(answers: Answers, path: Path, key: string): Answers | undefined {
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const node = nodeAt(answers, path.slice(0, depth)) as Answers | undefined;
    if (node !== undefined && node[key] !== undefined) return node;
  }
  return undefined;
}

/** An answer as text: `answers` is the dict holding it (the form's, or its instance's). */
export function showAnswer(def: QuestionDef, answers: Answers, lang: Language, t: Translate): string {
  const value = answers[def.key];
  if (value === undefined) return t('form.noAnswer');
  const choice = (v: string): string => {
    if (v === OTHER) return `${t('answer.other')}: ${String(answers[`${def.key}_${OTHER}`] ?? '')}`;
    const found = def.choices?.find((c) => c.value === v);
    return found ? label(found, lang) : v;
  };
  if (def.kind === 'REPEAT') return t('repeat.count', { count: Array.isArray(value) ? value.length : 0 });
  if (typeof value === 'boolean') return value ? t('answer.yes') : t('answer.no');
  if (Array.isArray(value)) return value.map((v) => choice(String(v))).join(', ');
  if (isLocation(value)) return t('answer.location', { lat: value.lat, lon: value.lon, accuracy: value.accuracy ?? '?' });
  if (def.kind === 'SINGLE_CHOICE' && typeof value === 'string') return choice(value);
  if (def.kind === 'PHOTO') return t('answer.photoChosen', { size: '…' });
  if (def.kind === 'AUDIO' || def.kind === 'FILE') return t('answer.mediaKept');
  return String(value);
}

/**
 * Whether the person changed nothing: every answer empty or still its default (a form
 * opened with defaults filled may be left without "discard your answers?").
 */
export function untouched(raw: Readonly<Record<string, unknown>>, defaults: Readonly<Record<string, unknown>>): boolean {
  return Object.entries(raw).every(([key, value]) => isEmpty(value) || JSON.stringify(value) === JSON.stringify(defaults[key]));
}
