/**
 * A form's own language (decision 0038): a definition may carry texts in languages beyond
 * Vietnamese and English (`languages`, and `translations[code]` beside each `…Vi`/`…En`).
 * The form shows them when chosen, without the rest of the form knowing: the definition
 * is rewritten so that both its Vietnamese and English texts hold the chosen language's
 * (a text missing in it falls back to the interface language, then Vietnamese). Only
 * texts change, never keys, values or rules. The choice is kept per survey on the device.
 */
import type { Language } from '../../i18n';
import type { Choice, Definition, PageDef, QuestionDef, Translation } from '../../rules/form';

/** 'vi', 'en', or one of the definition's `languages` codes. */
export type FormLanguageCode = string;

/** The languages a form may be read in: Vietnamese, English, then the definition's own (none: no picker). */
export function formLanguages(definition: Definition): { code: string; name: string | null }[] {
  const own = (definition.languages ?? []).filter((l) => l.code && l.code !== 'vi' && l.code !== 'en');
  if (own.length === 0) return [];
  return [{ code: 'vi', name: null }, { code: 'en', name: null }, ...own.map((l) => ({ code: l.code, name: l.name || l.code }))];
}

type Part = keyof Translation;

/** One text in `code`: its translation, else the interface language's, else the Vietnamese. */
function pick(vi: string | null | undefined, en: string | null | undefined, translations: Readonly<Record<string, Translation>> | null | undefined, part: Part, code: string, ui: Language): string | null | undefined {
  if (code === 'vi') return vi;
  if (code === 'en') return en || vi;
  const own = translations?.[code]?.[part];
  if (own) return own;
  return ui === 'en' && en ? en : vi;
}

function both<V extends 'Vi', E extends 'En'>(text: string | null | undefined, vi: `${string}${V}`, en: `${string}${E}`): Record<string, string | null | undefined> {
  return text === undefined ? {} : { [vi]: text, [en]: text };
}

function choice(c: Choice, code: string, ui: Language): Choice {
  const text = pick(c.labelVi, c.labelEn, c.translations, 'label', code, ui) ?? c.labelVi;
  return { ...c, labelVi: text, labelEn: text };
}

function question(q: QuestionDef, code: string, ui: Language): QuestionDef {
  const tr = q.translations;
  return {
    ...q,
    ...both(pick(q.labelVi, q.labelEn, tr, 'label', code, ui) ?? q.labelVi, 'labelVi', 'labelEn'),
    ...both(pick(q.hintVi, q.hintEn, tr, 'hint', code, ui), 'hintVi', 'hintEn'),
    ...both(pick(q.constraintMessageVi, q.constraintMessageEn, tr, 'constraintMessage', code, ui), 'constraintMessageVi', 'constraintMessageEn'),
    ...both(pick(q.requiredMessageVi, q.requiredMessageEn, tr, 'requiredMessage', code, ui), 'requiredMessageVi', 'requiredMessageEn'),
    ...(q.choices ? { choices: q.choices.map((c) => choice(c, code, ui)) } : {}),
    ...(q.questions ? { questions: q.questions.map((inner) => question(inner, code, ui)) } : {}),
  } as QuestionDef;
}

function page(p: PageDef, code: string, ui: Language): PageDef {
  return {
    ...p,
    ...both(pick(p.titleVi, p.titleEn, p.translations, 'title', code, ui), 'titleVi', 'titleEn'),
    questions: p.questions.map((q) => question(q, code, ui)),
  } as PageDef;
}

/** The definition read in `code` (null: as it is, in the interface language). */
export function inLanguage(definition: Definition, code: FormLanguageCode | null, ui: Language): Definition {
  if (code === null || !formLanguages(definition).some((l) => l.code === code)) return definition;
  return { ...definition, pages: definition.pages.map((p) => page(p, code, ui)) };
}

const key = (surveyId: string): string => `dxnet.formLang.${surveyId}`;

export function storedFormLanguage(surveyId: string): FormLanguageCode | null {
  try {
    return localStorage.getItem(key(surveyId));
  } catch {
    return null;
  }
}

export function storeFormLanguage(surveyId: string, code: FormLanguageCode | null): void {
  try {
    if (code === null) localStorage.removeItem(key(surveyId));
    else localStorage.setItem(key(surveyId), code);
  } catch {
    // private mode: the choice lasts for this visit
  }
}
