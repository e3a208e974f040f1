/**
 * The submission form's checks, the server's rules (recognition/initiatives.py,
 * core/validation.py) run on the phone so a citizen offline learns at once what to fix.
 * Pure: unit-tested in checks.test.ts.
 */
import { LIMITS } from '../../data/initiatives';
import type { MessageKey, Params } from '../../i18n';

export interface Fields {
  title: string;
  category: string;
  adminUnitCode: string;
  summary: string;
  problem: string;
  solution: string;
  results: string;
  submitterName: string;
  submitterPhone: string;
  submitterEmail: string;
  website: string;
}

export const EMPTY: Fields = {
  title: '',
  category: '',
  adminUnitCode: '',
  summary: '',
  problem: '',
  solution: '',
  results: '',
  submitterName: '',
  submitterPhone: '',
  submitterEmail: '',
  website: '',
};

export type Problem = { key: MessageKey; params?: Params };

/** "+84 912.345.678" → "0912345678", or null when it is not a Vietnamese phone number. */
export function normalizePhone(value: string): string | null {
  let digits = value.trim().replace(/[\s.\-()]/g, '');
  if (digits.startsWith('+84')) digits = `0${digits.slice(3)}`;
  else if (digits.startsWith('84') && (digits.length === 11 || digits.length === 12)) digits = `0${digits.slice(2)}`;
  return /^0[35789]\d{8}$/.test(digits) || /^02\d{8,9}$/.test(digits) ? digits : null;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** The length of a text as the server counts it (spaces collapsed in one-line fields). */
function length(value: string, oneLine: boolean): number {
  return (oneLine ? value.split(/\s+/).filter(Boolean).join(' ') : value.trim()).length;
}

/** What is wrong with each field, by field name (empty when the form can be sent). */
export function checkFields(fields: Fields): Partial<Record<keyof Fields, Problem>> {
  const problems: Partial<Record<keyof Fields, Problem>> = {};
  const bounded = (name: keyof typeof LIMITS & keyof Fields, oneLine: boolean): void => {
    const [min, max] = LIMITS[name];
    const n = length(fields[name], oneLine);
    if (min > 0 && n === 0) problems[name] = { key: 'init.required' };
    else if (n < min || n > max) problems[name] = { key: 'init.length', params: { min, max, n } };
  };
  bounded('title', true);
  bounded('summary', false);
  bounded('problem', false);
  bounded('solution', false);
  bounded('results', false);
  bounded('submitterName', true);
  if (!fields.category) problems.category = { key: 'init.required' };
  if (!fields.adminUnitCode) problems.adminUnitCode = { key: 'init.unitRequired' };
  if (!fields.submitterPhone.trim()) problems.submitterPhone = { key: 'init.required' };
  else if (!normalizePhone(fields.submitterPhone)) problems.submitterPhone = { key: 'init.phoneInvalid' };
  const email = fields.submitterEmail.trim();
  if (email && (email.length > 254 || !EMAIL.test(email))) problems.submitterEmail = { key: 'init.emailInvalid' };
  return problems;
}
