/**
 * Pieces the registry screens share: the tabs between them, labels for the registry's
 * enums, the unit filter (the viewer's own commune, or every commune for the province),
 * a debounced search value, a server field error by name, and a record's screen's
 * fetch, pending states and actions.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../../../app-state';
import { type Option, SelectField } from '../../../components/fields';
import { otherErrors } from '../../../components/form-send';
import { ErrorState, LoadingState } from '../../../components/states';
import type { ServerError } from '../../../data/db';
import { keptUnits } from '../../../data/network';
import { ORGANIZATION_KINDS, QUALIFICATIONS, ROLES, fetchChildUnits } from '../../../data/registry';
import { kindLabel, roleLabel } from '../../../data/vocabulary';
import { type Language, type MessageKey, useI18n } from '../../../i18n';
import { type Route, href, useRoute } from '../../../router';

/** A desktop-wide window when the screen opened: filters start unfolded there, folded on phones. */
export const WIDE = typeof matchMedia === 'function' && matchMedia('(min-width: 900px)').matches;

const TABS: { route: Route; label: MessageKey }[] = [
  { route: { name: 'registryOrganizations' }, label: 'reg.tab.organizations' },
  { route: { name: 'registryMembers' }, label: 'reg.tab.members' },
  { route: { name: 'registryImport' }, label: 'reg.tab.import' },
];

export function RegistryTabs() {
  const { t } = useI18n();
  const route = useRoute();
  return (
    <nav class="reg-tabs" aria-label={t('reg.tabs')}>
      {TABS.map((tab) => (
        <a key={tab.label} href={href(tab.route)} aria-current={route.name.startsWith(tab.route.name.replace(/s$/, '')) ? 'page' : undefined}>
          {t(tab.label)}
        </a>
      ))}
    </nav>
  );
}

export { kindLabel, roleLabel } from '../../../data/vocabulary';

/** A row of a registry list: the record's name, a link to it, then what `children` add. */
export function RegistryRow({ to, name, children }: { to: Route; name: string; children: ComponentChildren }) {
  return (
    <article class="reg-row">
      <a class="reg-name" href={href(to)}>
        {name}
      </a>
      {children}
    </article>
  );
}

/** A member's network roles, a tag each. */
export function RoleTags({ roles }: { roles: string[] }) {
  const { t } = useI18n();
  return (
    <>
      {roles.map((r) => (
        <span key={r} class="tag">
          {roleLabel(t, r)}
        </span>
      ))}
    </>
  );
}

export function qualificationLabel(t: (key: MessageKey) => string, value: string): string {
  return t(`reg.qual.${value}` as MessageKey);
}

export function kindOptions(t: (key: MessageKey) => string): Option[] {
  return ORGANIZATION_KINDS.map((kind) => ({ value: kind, label: kindLabel(t, kind) }));
}

export function roleOptions(t: (key: MessageKey) => string): Option[] {
  return ROLES.map((role) => ({ value: role, label: roleLabel(t, role) }));
}

export function qualificationOptions(t: (key: MessageKey) => string): Option[] {
  return QUALIFICATIONS.map((q) => ({ value: q, label: qualificationLabel(t, q) }));
}

/**
 * The units a viewer may pick: their own unit first, then the units below it (a
 * commune's hamlets and residential groups; the province's communes, kept on the device).
 */
export function useUnitOptions(): Option[] {
  const { viewer } = useApp();
  const [options, setOptions] = useState<Option[]>([]);
  useEffect(() => {
    if (!viewer) return;
    const own = { value: viewer.scope.code, label: viewer.scope.name };
    setOptions([own]);
    const below = viewer.scope.kind === 'PROVINCE' ? keptUnits() : fetchChildUnits(viewer.scope.code);
    below.then(
      (units) => setOptions([own, ...units.filter((u) => u.code !== own.value).map((u) => ({ value: u.code, label: u.name }))]),
      () => undefined,
    );
  }, [viewer]);
  return options;
}

export function UnitFilter({
  id,
  value,
  onChange,
  label,
  placeholder,
}: {
  id: string;
  value: string;
  onChange: (code: string) => void;
  label?: string;
  placeholder?: string;
}) {
  const { t } = useI18n();
  const options = useUnitOptions();
  return (
    <SelectField
      id={id}
      label={label ?? t('reg.filter.unit')}
      value={value}
      placeholder={placeholder ?? t('reg.filter.allUnits')}
      options={options}
      onChange={(e) => onChange(e.currentTarget.value)}
    />
  );
}

export { useDebounced } from '../../../components/use-debounced';

/** A date (YYYY-MM-DD) as people write it: 16/4/2025 in Vietnamese, 16/04/2025 in English. */
export function formatDate(iso: string, lang: Language): string {
  return new Date(`${iso.slice(0, 10)}T00:00:00`).toLocaleDateString(lang === 'vi' ? 'vi-VN' : 'en-GB');
}

export { fieldError, otherErrors } from '../../../components/form-send';

/** "Việc xem thông tin cá nhân được ghi vào nhật ký." beside any phone, email or ID number. */
export function PiiNote() {
  const { t } = useI18n();
  return <p class="meta pii-note">{t('reg.piiLogged')}</p>;
}

export interface RecordState<T> {
  /** Undefined while it loads, null when the server says there is none the viewer may read. */
  record: T | null | undefined;
  failed: boolean;
  /** Goes up by one at each reload (a key for parts that must start again). */
  version: number;
  reload: () => void;
}

/** One registry record by id, fetched again by `reload()` (after an edit or an action). */
export function useRecord<T>(id: string, fetch: (id: string) => Promise<T | null>): RecordState<T> {
  const [record, setRecord] = useState<T | null | undefined>(undefined);
  const [failed, setFailed] = useState(false);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    setFailed(false);
    fetch(id).then(setRecord, () => setFailed(true));
  }, [id, version]);
  return { record, failed, version, reload: () => setVersion((v) => v + 1) };
}

/** What a record's screen shows until it has the record: the failure with a retry, loading, or "not found". */
export function RecordPending({ state, notFound }: { state: RecordState<unknown>; notFound: string }) {
  const { t } = useI18n();
  if (state.failed) return <ErrorState message={t('reg.loadFailed')} onRetry={state.reload} />;
  if (state.record === undefined) return <LoadingState />;
  return (
    <section class="wide registry">
      <RegistryTabs />
      <h1>{notFound}</h1>
      <p>{t('reg.notFoundHint')}</p>
    </section>
  );
}

/** A record's screen's top: the tabs, the way back to its list, its title with a tag when inactive, and its actions. */
export function RecordHeader({ back, backLabel, title, inactive, children }: { back: Route; backLabel: string; title: string; inactive?: string | null; children?: ComponentChildren }) {
  return (
    <>
      <RegistryTabs />
      <p>
        <a href={href(back)}>← {backLabel}</a>
      </p>
      <div class="row">
        <h1>
          {title}
          {inactive && <span class="tag inactive">{inactive}</span>}
        </h1>
        {children}
      </div>
    </>
  );
}

/**
 * An action on a record's screen: the server's refusal (or a failed send) becomes the
 * message shown, and the record is fetched again after an answer.
 */
export function useRecordAction(reload: () => void): [string, (send: () => Promise<{ errors: ServerError[] }>) => Promise<void>] {
  const { t } = useI18n();
  const [message, setMessage] = useState('');
  const act = async (send: () => Promise<{ errors: ServerError[] }>): Promise<void> => {
    try {
      const saved = await send();
      setMessage(otherErrors(saved.errors, []));
      reload();
    } catch {
      setMessage(t('reg.saveFailed'));
    }
  };
  return [message, act];
}
