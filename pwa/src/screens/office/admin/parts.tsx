/**
 * Pieces shared by the account screens: the province-admin guard, the admin-unit picker
 * (the viewer's area and its communes, or a search below it for hamlets), a debounced
 * value for search boxes, the announced one-line outcome of an action, and the registry
 * member picker that links an account to its person.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../../../app-state';
import { SelectField } from '../../../components/fields';
import { useDebounced } from '../../../components/use-debounced';
import { type LinkedMember, fetchUnits, findMembers } from '../../../data/admin';
import type { UnitOption } from '../../../data/db';
import { useI18n } from '../../../i18n';

/** The screen's content for a province admin; a sentence for anyone else (the API refuses them too). */
export function AdminOnly({ title, children }: { title: string; children: ComponentChildren }) {
  const { t } = useI18n();
  const { viewer } = useApp();
  if (!viewer?.roles.includes('PROVINCE_ADMIN')) {
    return (
      <section>
        <h1>{title}</h1>
        <p class="empty">{t('acct.adminOnly')}</p>
      </section>
    );
  }
  return <>{children}</>;
}

export { useDebounced };

/** An action's outcome, announced politely; `ok` false shows it as an error. */
export function Outcome({ text, ok }: { text: string; ok: boolean }) {
  if (!text) return null;
  return (
    <p class={`flash ${ok ? 'ok' : 'error'}`} role={ok ? 'status' : 'alert'}>
      {text}
    </p>
  );
}

interface PickerProps {
  id: string;
  label: string;
  hint?: string;
  /** The chosen unit's code. */
  value: string;
  onChange: (code: string) => void;
  error?: string | null;
}

/** Choose an admin unit in the viewer's area: the area itself and the units right below it, or any unit below it found by name. */
export function UnitPicker({ id, label, hint, value, onChange, error }: PickerProps) {
  const { viewer } = useApp();
  const scope = viewer?.scope ?? null;
  const [search, setSearch] = useState('');
  const term = useDebounced(search);
  const [units, setUnits] = useState<UnitOption[]>([]);
  const [chosen, setChosen] = useState<UnitOption | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (!scope) return;
    let live = true;
    fetchUnits(scope.code, term).then(
      (found) => {
        if (!live) return;
        setFailed(false);
        setUnits(term.trim() ? found : [scope, ...found]);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [scope?.code, term]);

  const options = chosen && !units.some((u) => u.code === chosen.code) ? [chosen, ...units] : units;
  return (
    <div class="unit-picker">
      <PickerSearch id={id} kind="unit" value={search} onInput={setSearch} failed={failed} noneFound={term.trim() !== '' && units.length === 0} />
      <SelectField
        id={id}
        label={label}
        hint={hint}
        error={error}
        value={value}
        options={options.map((u) => ({ value: u.code, label: `${u.name} (${u.code})` }))}
        onChange={(e) => {
          const code = e.currentTarget.value;
          setChosen(options.find((u) => u.code === code) ?? null);
          onChange(code);
        }}
      />
    </div>
  );
}

interface MemberPickerProps {
  id: string;
  /** The linked member, or null. */
  value: LinkedMember | null;
  onChange: (member: LinkedMember | null) => void;
  error?: string | null;
}

/** Find a registry member by name (no diacritics needed) and choose them, or choose none. */
export function MemberPicker({ id, value, onChange, error }: MemberPickerProps) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const term = useDebounced(search);
  const [found, setFound] = useState<LinkedMember[]>([]);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    findMembers(term).then(
      (members) => {
        if (!live) return;
        setFailed(false);
        setFound(members);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [term]);

  const options = value && !found.some((m) => m.id === value.id) ? [value, ...found] : found;
  return (
    <div class="unit-picker member-picker">
      <PickerSearch id={id} kind="member" value={search} onInput={setSearch} failed={failed} noneFound={term.trim() !== '' && found.length === 0} />
      <SelectField
        id={id}
        label={t('acct.member')}
        hint={t('acct.memberHint')}
        error={error}
        value={value?.id ?? ''}
        placeholder={t('acct.memberUnlinked')}
        options={options.map((m) => ({ value: m.id, label: `${m.fullName} · ${m.organization.name}` }))}
        onChange={(e) => {
          const chosen = e.currentTarget.value;
          onChange(options.find((m) => m.id === chosen) ?? null);
        }}
      />
    </div>
  );
}

interface SearchProps {
  /** The picker's id: the box is `<id>-search`. */
  id: string;
  /** What it finds: its label, hint and "none found" are `acct.<kind>Search`, `…SearchHint`, `…None`. */
  kind: 'unit' | 'member';
  value: string;
  onInput: (text: string) => void;
  failed: boolean;
  noneFound: boolean;
}

/** A picker's search box, and below it a failed search or one that found none. */
function PickerSearch({ id, kind, value, onInput, failed, noneFound }: SearchProps) {
  const { t } = useI18n();
  return (
    <>
      <label class="field">
        <span>{t(`acct.${kind}Search`)}</span>
        <small class="hint" id={`${id}-search-hint`}>
          {t(`acct.${kind}SearchHint`)}
        </small>
        <input id={`${id}-search`} type="search" value={value} aria-describedby={`${id}-search-hint`} onInput={(e) => onInput(e.currentTarget.value)} />
      </label>
      {failed && <p class="error">{t('acct.loadFailed')}</p>}
      {noneFound && !failed && <p class="meta">{t(`acct.${kind}None`)}</p>}
    </>
  );
}
