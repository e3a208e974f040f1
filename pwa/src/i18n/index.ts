import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { type MessageKey, type Messages, vi } from './vi';

import type { Language } from './stored';

export type { Language } from './stored';
export type { MessageKey };
export type Params = Readonly<Record<string, string | number>>;
export type Translate = (key: MessageKey, params?: Params) => string;

/**
 * Vietnamese ships in the initial bundle (the first language of every screen); English
 * is a chunk of its own, loaded when chosen (and before the first render when it was the
 * last choice on this device), so the initial download carries one language, not two.
 */
const CATALOGUES: Partial<Record<Language, Partial<Messages>>> = { vi: { ...vi } };

/** Load a language's catalogue (English: its chunk, precached for offline use). */
export async function loadLanguage(lang: Language): Promise<void> {
  if (CATALOGUES[lang]) return;
  if (lang === 'en') CATALOGUES.en = (await import('./en')).en;
}

let officeMessages: Promise<void> | null = null;

/**
 * The office's Vietnamese strings (vi-office.ts, a chunk of their own), added to the
 * catalogue; the office screens load them with their code (screens.ts), so field staff
 * and citizens never download them. English has every string in its one chunk.
 */
export function loadOfficeMessages(): Promise<void> {
  officeMessages ??= import('./vi-office').then(
    ({ viOffice }) => void Object.assign(CATALOGUES.vi as Partial<Messages>, viOffice),
    (error: unknown) => {
      officeMessages = null; // the next screen opened tries again
      throw error;
    },
  );
  return officeMessages;
}
export { storedLanguage, storeLanguage } from './stored';

export function translator(lang: Language): Translate {
  const messages = CATALOGUES[lang] ?? (CATALOGUES.vi as Partial<Messages>);
  return (key, params) => {
    // an office string asked for before its chunk came: the key, never a crash
    const text = messages[key] ?? key;
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  };
}

export interface I18n {
  lang: Language;
  t: Translate;
  setLang: (lang: Language) => void;
}

export const I18nContext = createContext<I18n>({ lang: 'vi', t: translator('vi'), setLang: () => undefined });

export function useI18n(): I18n {
  return useContext(I18nContext);
}

/**
 * Moments are shown on Vietnam's clock whatever zone the device is set to: an event at
 * 14:00 in Cà Mau reads 14:00 on a desktop left on UTC too, as the office entered it.
 */
export const VIETNAM_ZONE = 'Asia/Ho_Chi_Minh';

/** A date-time for people, in the chosen language. */
export function formatTime(iso: string, lang: Language): string {
  return new Date(iso).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { dateStyle: 'short', timeStyle: 'short', timeZone: VIETNAM_ZONE });
}

/** A number with at most `digits` decimals, in the chosen language (8,75 / 8.75). */
export function formatNumber(value: number, lang: Language, digits = 2): string {
  return value.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: digits });
}

/** A day for people (`2026-11-30`, or a date-time's day in Vietnam), in the chosen language. */
export function formatDate(iso: string, lang: Language): string {
  const locale = lang === 'vi' ? 'vi-VN' : 'en-GB';
  if (iso.length === 10) return new Date(`${iso}T00:00:00Z`).toLocaleDateString(locale, { timeZone: 'UTC' });
  return new Date(iso).toLocaleDateString(locale, { timeZone: VIETNAM_ZONE });
}
