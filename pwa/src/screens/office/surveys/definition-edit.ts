/**
 * Editing a survey definition as plain data (rules/form.ts types): pages and questions
 * added, changed, moved and removed without mutating the old value, and the definition
 * cleaned before it is sent (empty texts and settings that do not apply to a question's
 * kind dropped, so the stored JSON says only what the author set).
 */
import type { Choice, Definition, FormLanguage, PageDef, QuestionDef, QuestionKind, Translation, Translations } from '../../../rules/form';
import { QUESTION_KINDS } from '../../../data/survey-admin';

/** The kinds a question may be added as or switched to, a repeat group included. */
export const ADDABLE_KINDS: QuestionKind[] = [...QUESTION_KINDS, 'REPEAT'];

export const CHOICE_KINDS: ReadonlySet<QuestionKind> = new Set(['SINGLE_CHOICE', 'MULTIPLE_CHOICE']);
export const TEXT_KINDS: ReadonlySet<QuestionKind> = new Set(['TEXT', 'LONG_TEXT', 'BARCODE']);
export const RANGE_KINDS: ReadonlySet<QuestionKind> = new Set(['INTEGER', 'DECIMAL', 'RANGE']);

export function emptyDefinition(): Definition {
  return { pages: [{ key: 'p1', titleVi: '', titleEn: '', questions: [] }] };
}

/** A question's key and, for a repeat, its questions' keys (keys are unique over the whole form). */
export function questionKeys(def: QuestionDef): string[] {
  return [def.key, ...(def.questions ?? []).flatMap(questionKeys)];
}

function keysOf(definition: Definition): Set<string> {
  return new Set(definition.pages.flatMap((page) => page.questions.flatMap(questionKeys)));
}

/** The first free key of the form `q<n>` (or `p<n>` for pages). */
function freeKey(prefix: string, taken: Set<string>): string {
  let n = taken.size + 1;
  while (taken.has(`${prefix}${n}`)) n += 1;
  return `${prefix}${n}`;
}

export function newQuestion(kind: QuestionKind, definition: Definition): QuestionDef {
  const taken = keysOf(definition);
  const question: QuestionDef = { key: freeKey('q', taken), kind, labelVi: '', labelEn: '' };
  if (kind === 'REPEAT') {
    // a repeat holds at least one question (the server refuses an empty one)
    taken.add(question.key);
    question.questions = [{ key: freeKey('q', taken), kind: 'TEXT', labelVi: '', labelEn: '' }];
  }
  if (CHOICE_KINDS.has(kind)) question.choices = [{ value: 'a', labelVi: '', labelEn: '' }];
  if (kind === 'RANGE') Object.assign(question, { min: 0, max: 10 }); // a slider needs its ends
  return question;
}

/**
 * What changes when a question's kind is switched: a choice question gets a first choice,
 * a slider its ends, a repeat a first question (`<key>_1`; the server refuses an empty one).
 */
export function kindPatch(def: QuestionDef, next: QuestionKind): Partial<QuestionDef> {
  const patch: Partial<QuestionDef> = { kind: next };
  if (CHOICE_KINDS.has(next) && (def.choices ?? []).length === 0) patch.choices = [{ value: 'a', labelVi: '', labelEn: '' }];
  if (next === 'RANGE') Object.assign(patch, { min: def.min ?? 0, max: def.max ?? 10 });
  if (next === 'REPEAT' && (def.questions ?? []).length === 0) patch.questions = [{ key: `${def.key}_1`, kind: 'TEXT', labelVi: '', labelEn: '' }];
  return patch;
}

function withPage(definition: Definition, p: number, change: (page: PageDef) => PageDef): Definition {
  return { ...definition, pages: definition.pages.map((page, i) => (i === p ? change(page) : page)) };
}

export function addQuestion(definition: Definition, p: number, kind: QuestionKind): Definition {
  const question = newQuestion(kind, definition);
  return withPage(definition, p, (page) => ({ ...page, questions: [...page.questions, question] }));
}

export function updateQuestion(definition: Definition, p: number, q: number, patch: Partial<QuestionDef>): Definition {
  return withPage(definition, p, (page) => ({
    ...page,
    questions: page.questions.map((question, i) => (i === q ? { ...question, ...patch } : question)),
  }));
}

export function removeQuestion(definition: Definition, p: number, q: number): Definition {
  return withPage(definition, p, (page) => ({ ...page, questions: page.questions.filter((_, i) => i !== q) }));
}

/** Move a question up or down; past its page's edge it goes to the page before or after. */
export function moveQuestion(definition: Definition, p: number, q: number, delta: -1 | 1): Definition {
  const page = definition.pages[p];
  const question = page?.questions[q];
  if (!page || !question) return definition;
  const target = q + delta;
  if (target >= 0 && target < page.questions.length) {
    const questions = [...page.questions];
    questions.splice(q, 1);
    questions.splice(target, 0, question);
    return withPage(definition, p, (old) => ({ ...old, questions }));
  }
  const otherPage = p + delta;
  if (otherPage < 0 || otherPage >= definition.pages.length) return definition;
  const without = removeQuestion(definition, p, q);
  return withPage(without, otherPage, (old) => ({
    ...old,
    questions: delta < 0 ? [...old.questions, question] : [question, ...old.questions],
  }));
}

export function addPage(definition: Definition): Definition {
  const taken = new Set(definition.pages.map((page) => page.key ?? ''));
  return { ...definition, pages: [...definition.pages, { key: freeKey('p', taken), titleVi: '', titleEn: '', questions: [] }] };
}

export function updatePage(definition: Definition, p: number, patch: Partial<PageDef>): Definition {
  return withPage(definition, p, (page) => ({ ...page, ...patch }));
}

/** Remove a page; its questions join the page before (or after, for the first page). */
export function removePage(definition: Definition, p: number): Definition {
  if (definition.pages.length <= 1) return definition;
  const gone = definition.pages[p];
  if (!gone) return definition;
  const pages = definition.pages.filter((_, i) => i !== p);
  const heir = Math.max(p - 1, 0);
  return {
    ...definition,
    pages: pages.map((page, i) =>
      i === heir ? { ...page, questions: p === 0 ? [...gone.questions, ...page.questions] : [...page.questions, ...gone.questions] } : page,
    ),
  };
}

const blank = (value: unknown): boolean => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** The definition to send: trimmed texts, no empty settings, none that the kind ignores. */
export function cleanDefinition(definition: Definition): Definition {
  const clean: Definition = {
    pages: definition.pages.map((page) => {
      const cleanPage: PageDef = { questions: page.questions.map(cleanQuestion) };
      if (page.key) cleanPage.key = page.key;
      if (!blank(page.titleVi)) cleanPage.titleVi = (page.titleVi ?? '').trim();
      if (!blank(page.titleEn)) cleanPage.titleEn = (page.titleEn ?? '').trim();
      const translations = cleanTranslations(page.translations);
      if (translations) cleanPage.translations = translations;
      return cleanPage;
    }),
  };
  if (definition.languages && definition.languages.length > 0) clean.languages = definition.languages;
  return clean;
}

/** Translations without empty texts or empty languages (null when none is left). */
function cleanTranslations<T extends object>(translations: T | null | undefined): T | null {
  const clean: Record<string, Record<string, string>> = {};
  for (const [code, texts] of Object.entries(translations ?? {})) {
    const kept = Object.entries(texts as Record<string, string | null | undefined>).filter(([, v]) => !blank(v)).map(([k, v]) => [k, (v as string).trim()]);
    if (kept.length > 0) clean[code] = Object.fromEntries(kept);
  }
  return Object.keys(clean).length > 0 ? (clean as unknown as T) : null;
}

/** A choice's extra columns as the builder shows them: `district=d1, zone=north`. */
export function columnsText(columns: Choice['columns']): string {
  return Object.entries(columns ?? {})
    .map(([name, value]) => `${name}=${value}`)
    .join(', ');
}

/** The columns typed as `name=value, …` (a part without "=" or a name is left out). */
export function parseColumns(text: string): Record<string, string> {
  const columns: Record<string, string> = {};
  for (const part of text.split(',')) {
    const at = part.indexOf('=');
    const name = part.slice(0, at).trim();
    if (at > 0 && name) columns[name] = part.slice(at + 1).trim();
  }
  return columns;
}

/** The form's other languages typed as `km=Khmer, lo=Lao` (Vietnamese and English left out). */
export function parseLanguages(text: string): FormLanguage[] {
  const seen = new Set<string>();
  return Object.entries(parseColumns(text))
    .map(([code, name]) => ({ code, name: name || code }))
    .filter((l) => l.code !== 'vi' && l.code !== 'en' && !seen.has(l.code) && Boolean(seen.add(l.code)));
}

export function languagesText(languages: readonly FormLanguage[] | null | undefined): string {
  return (languages ?? []).map((l) => `${l.code}=${l.name}`).join(', ');
}

/** A translation's text changed (`part` of language `code`), the others kept. */
export function withTranslation<T extends { translations?: Translations | null }>(item: T, code: string, part: keyof Translation, text: string): Translations {
  const now = item.translations ?? {};
  return { ...now, [code]: { ...now[code], [part]: text } };
}

function cleanQuestion(def: QuestionDef): QuestionDef {
  const kind = def.kind;
  const applies: Record<string, boolean> = {
    choices: CHOICE_KINDS.has(kind),
    allowOther: CHOICE_KINDS.has(kind),
    choiceFilter: CHOICE_KINDS.has(kind),
    min: RANGE_KINDS.has(kind),
    max: RANGE_KINDS.has(kind),
    minLength: TEXT_KINDS.has(kind),
    maxLength: TEXT_KINDS.has(kind),
    pattern: TEXT_KINDS.has(kind),
    requiredAccuracy: kind === 'LOCATION',
    required: kind !== 'NOTE' && kind !== 'CALCULATE',
    constraint: kind !== 'NOTE' && kind !== 'CALCULATE' && kind !== 'REPEAT',
    constraintMessageVi: kind !== 'NOTE' && kind !== 'CALCULATE' && kind !== 'REPEAT',
    constraintMessageEn: kind !== 'NOTE' && kind !== 'CALCULATE' && kind !== 'REPEAT',
    calculation: kind === 'CALCULATE',
    appearance: kind === 'CALCULATE',
    questions: kind === 'REPEAT',
    repeatCount: kind === 'REPEAT',
    minCount: kind === 'REPEAT',
    maxCount: kind === 'REPEAT',
    step: kind === 'RANGE',
    accept: kind === 'FILE',
    maxPixels: kind === 'PHOTO',
  };
  const clean: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(def)) {
    if (applies[name] === false || blank(value) || value === false) continue;
    if (name === 'choices') {
      clean.choices = (value as NonNullable<QuestionDef['choices']>).map((c) => {
        const choice: Choice = { value: c.value.trim(), labelVi: c.labelVi.trim() };
        if (!blank(c.labelEn)) choice.labelEn = (c.labelEn ?? '').trim();
        // an imported list's columns (what its choice filter reads) are kept as they are
        if (c.columns && Object.keys(c.columns).length > 0) choice.columns = c.columns;
        const translations = cleanTranslations(c.translations);
        if (translations) choice.translations = translations;
        return choice;
      });
    } else if (name === 'translations') {
      const translations = cleanTranslations(value as Translations);
      if (translations) clean.translations = translations;
    } else if (name === 'accept') {
      if ((value as unknown[]).length > 0) clean.accept = value;
    } else if (name === 'questions') {
      clean.questions = (value as QuestionDef[]).map(cleanQuestion); // a repeat's, cleaned alike
    } else {
      clean[name] = typeof value === 'string' ? value.trim() : value;
    }
  }
  return clean as unknown as QuestionDef;
}
