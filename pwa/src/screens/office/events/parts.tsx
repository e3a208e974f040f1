/**
 * Pieces the office's event and campaign screens share: the server's field errors placed
 * on their fields (the others said once under the form) and the focus moved to the first
 * of them, the unit choices of the viewer's area, a number typed into a form, days and
 * counts for people.
 */
import type { ComponentType, RefObject } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../../../app-state';
import { EmptyState } from '../../../components/states';
import { type AreaUnit, childUnits } from '../../../data/network';
import type { ServerError } from '../../../data/db';
import { type Language, useI18n } from '../../../i18n';
import { href } from '../../../router';
import { EDITORS } from '../links';

export interface FieldErrors {
  /** The messages of the errors on `field`, for its control (null: none). */
  on: (field: string) => string | null;
  /** Messages of the errors no control shows (no field, or a field not on the form). */
  rest: string[];
}

/** Sort the server's errors onto the form's fields; `fields` are the API names shown. */
export function fieldErrors(errors: ServerError[], fields: readonly string[]): FieldErrors {
  const shown = new Set(fields);
  return {
    on: (field) =>
      errors
        .filter((e) => e.field === field)
        .map((e) => e.message)
        .join(' ') || null,
    rest: errors.filter((e) => !e.field || !shown.has(e.field)).map((e) => e.message),
  };
}

/** A whole number typed in a form: null when empty, NaN when not a whole number. */
export function wholeNumber(text: string): number | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** A unit and the units right below it (a commune and its hamlets), as choices. */
export function useUnitChoices(code: string | null | undefined): AreaUnit[] | null {
  const [units, setUnits] = useState<AreaUnit[] | null>(null);
  useEffect(() => {
    if (!code) return;
    let live = true;
    setUnits(null);
    childUnits(code).then(
      (found) => live && setUnits(found),
      () => live && setUnits([]),
    );
    return () => {
      live = false;
    };
  }, [code]);
  return units;
}

/** "Phường Bạc Liêu", a hamlet below it indented, for a select. */
export function unitOptions(units: AreaUnit[]): { value: string; label: string }[] {
  const top = units[0]?.path.split('/').length ?? 0;
  return units.map((u) => ({ value: u.code, label: `${u.path.split('/').length > top ? '— ' : ''}${u.name}` }));
}

/** Errors said under a form, announced. */
export function FormErrors({ messages }: { messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <div class="error" role="alert">
      {messages.map((m, i) => (
        <p key={i}>{m}</p>
      ))}
    </div>
  );
}

/** A calendar day (`2026-12-01`) for people. */
export function formatDay(day: string, lang: Language): string {
  return new Date(`${day}T00:00:00`).toLocaleDateString(lang === 'vi' ? 'vi-VN' : 'en-GB');
}

/** A count with the language's grouping (5.000 / 5,000). */
export function formatCount(value: number, lang: Language): string {
  return value.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB');
}

/** After a refused submit, move the focus to the first control marked invalid. */
export function useFocusFirstError(form: RefObject<HTMLFormElement | null>, errors: unknown[]): void {
  useEffect(() => {
    if (errors.length === 0) return;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);
}

/**
 * A screen for province admins and unit managers only (the roles its links are shown to):
 * anyone else is told so instead of meeting forms the API would refuse.
 */
export function editorsOnly<P extends object>(Screen: ComponentType<P>): ComponentType<P> {
  return function EditorsOnly(props: P) {
    const { t } = useI18n();
    const { viewer } = useApp();
    if (viewer?.roles.some((role) => EDITORS.includes(role))) return <Screen {...props} />;
    return (
      <section>
        <h1>{t('office.title')}</h1>
        <EmptyState>{t('evm.editorsOnly')}</EmptyState>
        {!viewer && (
          <a class="button primary" href={href({ name: 'signin' })}>
            {t('nav.signIn')}
          </a>
        )}
      </section>
    );
  };
}
