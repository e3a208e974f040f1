/**
 * The audit log (`#/admin/audit`, province admins): who (by name) did what to which object
 * (by name, linked to the object's screen where there is one), newest first, 50 a page;
 * filtered by the person, the action, the object type and a range of days (Vietnam time).
 */
import { useState } from 'preact/hooks';
import { SelectField, TextField } from '../../../components/fields';
import { PagedList } from '../../../components/paged-list';
import { useLoaded } from '../../../components/use-loaded';
import { AUDIT_ACTIONS, AUDIT_OBJECT_TYPES, type AccountUser, type AuditEntry, type AuditFilters, fetchAudit, findUsers } from '../../../data/admin';
import { type MessageKey, formatTime, useI18n } from '../../../i18n';
import { type Route, href } from '../../../router';
import { AdminOnly, useDebounced } from './parts';
import { startOfVietnamDay } from '../../../data/days';

/** An object type in words (the known ones), else as the server names it. */
function useTypeLabel(): (type: string) => string {
  const { t } = useI18n();
  return (type) => ((AUDIT_OBJECT_TYPES as readonly string[]).includes(type) ? t(`acct.type.${type}` as MessageKey) : type);
}

/** The screen an audited object opens, where the PWA has one. */
function objectRoute(entry: AuditEntry): Route | null {
  switch (entry.objectType) {
    case 'Event':
      return { name: 'event', id: entry.objectId };
    case 'Campaign':
      return { name: 'campaign', id: entry.objectId };
    case 'RecognitionRound':
      return { name: 'round', id: entry.objectId };
    case 'User':
      return { name: 'adminUsers' };
    case 'ApiKey':
      return { name: 'adminApiKeys' };
    default:
      return null;
  }
}

/** The id inside a global ID (`"Member:12"` in base64 → `"12"`), for objects without a name. */
function rawId(globalId: string): string {
  try {
    const text = atob(globalId);
    return text.includes(':') ? text.slice(text.indexOf(':') + 1) : globalId;
  } catch {
    return globalId;
  }
}

/** Filters start open on a desktop, folded on a phone (they would fill its screen). */
function wideScreen(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(min-width: 900px)').matches;
}

function ActorPicker({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const term = useDebounced(search);
  const users = useLoaded(() => findUsers(term), [] as AccountUser[], [term]);
  return (
    <div class="actor-picker">
      <TextField id="audit-actor-search" type="search" label={t('acct.audit.actorSearch')} hint={t('acct.searchHint')} value={search} onInput={(e) => setSearch(e.currentTarget.value)} />
      <SelectField
        id="audit-actor"
        label={t('acct.audit.actor')}
        value={value}
        placeholder={t('acct.audit.anyone')}
        options={users.map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }))}
        onChange={(e) => onChange(e.currentTarget.value)}
      />
    </div>
  );
}

function Actor({ entry }: { entry: AuditEntry }) {
  const { t } = useI18n();
  if (entry.actorKind === 'system') return <>{t('acct.audit.system')}</>;
  if (entry.actorKind === 'anonymous') return <>{t('acct.audit.visitor')}</>;
  if (!entry.actorName) return <>{t('acct.audit.unknownActor')}</>;
  return (
    <>
      <strong class="actor-name">{entry.actorName}</strong>
      <span class="meta"> {entry.actorUsername ? `(${entry.actorUsername})` : `· ${t('acct.audit.apiKey')}`}</span>
    </>
  );
}

function AuditObject({ entry }: { entry: AuditEntry }) {
  const typeLabel = useTypeLabel();
  const label = entry.objectLabel ?? `#${rawId(entry.objectId)}`;
  const route = objectRoute(entry);
  return (
    <>
      <span class="tag">{typeLabel(entry.objectType)}</span> {route ? <a href={href(route)}>{label}</a> : label}
    </>
  );
}

export function AuditScreen() {
  const { t, lang } = useI18n();
  const typeLabel = useTypeLabel();
  const [actor, setActor] = useState('');
  const [action, setAction] = useState('');
  const [objectType, setObjectType] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [filters, setFilters] = useState<AuditFilters>({});

  const apply = (event: Event): void => {
    event.preventDefault();
    setFilters({
      actor,
      action,
      objectType,
      since: from ? startOfVietnamDay(from) : undefined,
      until: to ? startOfVietnamDay(to, 1) : undefined,
    });
  };
  const clear = (): void => {
    setActor('');
    setAction('');
    setObjectType('');
    setFrom('');
    setTo('');
    setFilters({});
  };

  return (
    <AdminOnly title={t('acct.audit.title')}>
      <section class="wide admin">
        <h1>{t('acct.audit.title')}</h1>
        <details class="card audit-filter-box" open={wideScreen()}>
          <summary>{t('acct.audit.filters')}</summary>
        <form class="audit-filters" onSubmit={apply} aria-label={t('acct.audit.filters')}>
          <ActorPicker value={actor} onChange={setActor} />
          <SelectField
            id="audit-action"
            label={t('acct.audit.action')}
            value={action}
            placeholder={t('acct.audit.anyAction')}
            options={AUDIT_ACTIONS.map((a) => ({ value: a, label: a }))}
            onChange={(e) => setAction(e.currentTarget.value)}
          />
          <SelectField
            id="audit-type"
            label={t('acct.audit.objectType')}
            value={objectType}
            placeholder={t('acct.audit.anyType')}
            options={AUDIT_OBJECT_TYPES.map((type) => ({ value: type, label: typeLabel(type) }))}
            onChange={(e) => setObjectType(e.currentTarget.value)}
          />
          <TextField id="audit-from" type="date" label={t('acct.audit.from')} value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
          <TextField id="audit-to" type="date" label={t('acct.audit.to')} value={to} onInput={(e) => setTo(e.currentTarget.value)} />
          <div class="actions">
            <button type="button" class="secondary" onClick={clear}>
              {t('acct.audit.clear')}
            </button>
            <button type="submit" class="primary">
              {t('acct.audit.apply')}
            </button>
          </div>
        </form>
        </details>
        <div class="audit-row audit-head" aria-hidden="true">
          <span>{t('acct.audit.when')}</span>
          <span>{t('acct.audit.who')}</span>
          <span>{t('acct.audit.what')}</span>
          <span>{t('acct.audit.object')}</span>
          <span>{t('acct.audit.fields')}</span>
        </div>
        <PagedList<AuditEntry>
          load={(after) => fetchAudit(filters, after)}
          reloadKey={JSON.stringify(filters)}
          keyOf={(e) => `${e.at}|${e.action}|${e.objectId}|${e.actorId ?? ''}`}
          class="audit-list"
          empty={t('acct.audit.none')}
          errorMessage={t('acct.loadFailed')}
          render={(entry) => (
            <article class="audit-row">
              <time dateTime={entry.at} class="meta">
                {formatTime(entry.at, lang)}
              </time>
              <span class="audit-actor">
                <span class="visually-hidden">{t('acct.audit.who')}: </span>
                <Actor entry={entry} />
              </span>
              <code class="audit-action">{entry.action}</code>
              <span class="audit-object">
                <span class="visually-hidden">{t('acct.audit.object')}: </span>
                <AuditObject entry={entry} />
              </span>
              <span class="meta audit-fields">
                <span class="visually-hidden">{t('acct.audit.fields')}: </span>
                {entry.fieldsChanged.length ? entry.fieldsChanged.join(', ') : t('acct.audit.noFields')}
              </span>
            </article>
          )}
        />
      </section>
    </AdminOnly>
  );
}
