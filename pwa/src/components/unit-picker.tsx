/**
 * UnitPicker: choose one administrative unit (a commune or ward, or a hamlet below it)
 * from a list already limited to what the person may name. A short list is shown whole
 * as radio buttons; a longer one gets a search box (no diacritics needed, a hamlet is
 * found by its commune's name too) and shows the first matches. A fieldset with a
 * legend, a hint and an error tied with aria-describedby, 48 px rows (styles.css).
 */
import { useMemo, useState } from 'preact/hooks';
import { type AreaUnit, parentOf, searchUnits } from '../data/network';
import { useI18n } from '../i18n';

/** Up to this many units are listed without a search box. */
const WHOLE_LIST = 12;
/** Matches shown at once while searching. */
const SHOWN = 20;

interface Props {
  id: string;
  label: string;
  hint?: string | null;
  /** The units that may be chosen. */
  units: AreaUnit[];
  value: string;
  onChange: (code: string) => void;
  error?: string | null;
}

export function UnitPicker({ id, label, hint, units, value, onChange, error }: Props) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const searchable = units.length > WHOLE_LIST;
  const matches = useMemo(() => (searchable ? searchUnits(units, query) : units), [units, query, searchable]);
  const chosen = units.find((u) => u.code === value);
  const shown = searchable ? matches.slice(0, SHOWN) : matches;
  // the chosen unit stays visible (and checked) whatever the search shows
  const listed = chosen && !shown.includes(chosen) ? [chosen, ...shown] : shown;
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : '', searchable ? `${id}-count` : ''].filter(Boolean).join(' ');
  // a hamlet is named with its commune when the list spans several communes
  const severalCommunes = useMemo(() => units.filter((u) => !parentOf(u, units)).length > 1, [units]);
  const name = (unit: AreaUnit): string => {
    const parent = severalCommunes ? parentOf(unit, units) : undefined;
    return parent ? `${unit.name} — ${parent.name}` : unit.name;
  };

  return (
    <fieldset class={`question unit-picker${error ? ' invalid' : ''}`} id={id} aria-describedby={describedBy || undefined}>
      <legend>{label}</legend>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {searchable && (
        <>
          <label class="field">
            <span>{t('units.search')}</span>
            <input type="search" id={`${id}-search`} value={query} autocomplete="off" onInput={(e) => setQuery(e.currentTarget.value)} />
          </label>
          <p class="hint" id={`${id}-count`} aria-live="polite">
            {matches.length > SHOWN ? t('units.more', { shown: SHOWN, count: matches.length }) : t('units.found', { count: matches.length })}
          </p>
        </>
      )}
      <div class="choices">
        {listed.map((unit) => (
          <label class="choice" key={unit.code}>
            <input type="radio" name={id} value={unit.code} checked={unit.code === value} onChange={() => onChange(unit.code)} />
            <span>{name(unit)}</span>
          </label>
        ))}
      </div>
      {error && (
        <p class="error" role="alert" id={`${id}-error`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
