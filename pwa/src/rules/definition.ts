/**
 * The shape of a survey definition on the device (the server's surveys/definition.py)
 * and of its answers, and the parsed form the checks walk (form.ts).
 */
import type { Node } from './rules';

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
  | 'AUDIO'
  | 'FILE'
  | 'NOTE'
  | 'CALCULATE'
  | 'TIME'
  | 'DATETIME'
  | 'BARCODE'
  | 'ACKNOWLEDGE'
  | 'GEOTRACE'
  | 'GEOSHAPE'
  | 'RANGE'
  | 'REPEAT';

export interface Choice {
  value: string;
  labelVi: string;
  labelEn?: string | null;
  /** An XLSForm choice list's extra columns, which a choice filter reads by name. */
  columns?: Readonly<Record<string, string>> | null;
  /** Its label in the form's other languages, by code (decision 0038). */
  translations?: Readonly<Record<string, { label?: string | null }>> | null;
}

/** A text in one of a form's other languages (decision 0038); any part may be missing. */
export interface Translation {
  label?: string | null;
  hint?: string | null;
  title?: string | null;
  constraintMessage?: string | null;
  requiredMessage?: string | null;
}

export type Translations = Readonly<Record<string, Translation>>;

/** A language a form carries beyond Vietnamese and English. */
export interface FormLanguage {
  code: string;
  name: string;
}

/** FILE: the kinds of file a question may take (none listed: all of them). */
export type FileAccept = 'pdf' | 'docx' | 'xlsx' | 'image';
export const FILE_ACCEPTS: readonly FileAccept[] = ['pdf', 'docx', 'xlsx', 'image'];
/** The most bytes of an audio or file answer (decision 0038). */
export const MAX_MEDIA_BYTES = 10_000_000;
/** The kinds answered with bytes uploaded after the response, the answer being their SHA-256. */
export const MEDIA_KINDS: readonly string[] = ['PHOTO', 'AUDIO', 'FILE'];

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
  /** Starts from the answer this device sent last for the survey (XLSForm's `${last-saved#…}`). */
  defaultLastSaved?: boolean | null;
  /** Shown with its default, never changed (XLSForm's read_only). */
  readOnly?: boolean | null;
  /** PHOTO: the long side it is downscaled to (XLSForm's max-pixels), at most the usual 1600. */
  maxPixels?: number | null;
  requiredMessageVi?: string | null;
  requiredMessageEn?: string | null;
  /**
   * Display hints, space-separated: "show" shows a CALCULATE read-only with its label;
   * "minimal" a compact choice list, "likert" a single choice as a scale, "quick" moves on
   * once a single choice is made, "numbers" the number pad for a TEXT.
   */
  appearance?: string | null;
  /** REPEAT: the questions asked once per instance (any kind, REPEAT included). */
  questions?: QuestionDef[] | null;
  /** REPEAT: a rule computing the number of instances in the enclosing one (`${hh_size}`); the user adds them when absent. */
  repeatCount?: string | number | null;
  /** REPEAT: the fewest and most instances the user may give (0 and 50 when absent). */
  minCount?: number | null;
  maxCount?: number | null;
  /** FILE: the kinds it takes (all when absent). */
  accept?: FileAccept[] | null;
  /** Its texts in the form's other languages, by code (decision 0038). */
  translations?: Translations | null;
}

export interface PageDef {
  key?: string;
  titleVi?: string | null;
  titleEn?: string | null;
  translations?: Translations | null;
  questions: QuestionDef[];
}

export interface Definition {
  pages: PageDef[];
  /** Languages beyond Vietnamese and English whose texts the definition carries. */
  languages?: FormLanguage[] | null;
}

export interface Location {
  lat: number;
  lon: number;
  accuracy: number | null;
}

/** An answer; a repeat's is its instances in order, each a dict of its own answers. */
export type Answer = string | number | boolean | string[] | Location | Answers[];
export interface Answers {
  [key: string]: Answer;
}

export const OTHER = 'other';
export const MAX_TEXT = 2000;
export const MAX_LONG_TEXT = 10_000;
/** An acknowledgement's one answer, as ODK stores it. */
export const ACKNOWLEDGED = 'OK';

/** The fewest distinct points of a trace and of a shape. */
export const GEO_FEWEST: Readonly<Record<string, number>> = { GEOTRACE: 2, GEOSHAPE: 3 };

/** Why an answer is refused, as a catalogue key with parameters, or the author's message. */
export type Problem =
  | { code: 'REQUIRED'; messageVi?: string; messageEn?: string }
  | { code: 'REQUIRED_OTHER' | 'WRONG_TYPE' | 'INVALID_CHOICE' | 'INVALID_LOCATION' }
  | { code: 'INVALID_LENGTH'; min: number; max: number }
  | { code: 'NUMBER_OUT_OF_RANGE'; min: number | null; max: number | null }
  | { code: 'LOCATION_NOT_ACCURATE'; meters: number }
  | { code: 'CONSTRAINT'; messageVi: string; messageEn: string }
  | { code: 'TOO_FEW_INSTANCES'; min: number }
  | { code: 'TOO_MANY_INSTANCES'; max: number };

export interface Question {
  def: QuestionDef;
  page: number;
  relevant: Node | null;
  constraint: Node | null;
  pattern: RegExp | null;
  calculation: Node | null;
  choiceFilter: Node | null;
  required: Node | null;
  /** REPEAT: its questions, and the rule of a computed count (null: the user adds instances). */
  questions: Question[];
  repeatCount: Node | null;
}

export interface Form {
  pages: PageDef[];
  /** The top-level questions in order (a repeat's own questions are in its `questions`). */
  questions: Question[];
  /** Every question by key, nested ones included (keys are unique over the whole form). */
  byKey: ReadonlyMap<string, Question>;
}

/** A repeat's instances when its definition does not say (decision 0035); never more than MOST_INSTANCES. */
export const DEFAULT_MAX_INSTANCES = 50;
export const MOST_INSTANCES = 200;

export function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

export function allowsOther(def: QuestionDef): boolean {
  return (def.kind === 'SINGLE_CHOICE' || def.kind === 'MULTIPLE_CHOICE') && Boolean(def.allowOther);
}

