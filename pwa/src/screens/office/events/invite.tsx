/**
 * Invite members to an event (`inviteToEvent`): everyone in a unit's subtree, narrowed
 * to organisation kinds and network roles when ticked, and members named one by one
 * (found by name or phone without diacritics). Members already invited keep their answer.
 */
import { useState } from 'preact/hooks';
import { FieldError, SelectField, TextField } from '../../../components/fields';
import type { ServerError } from '../../../data/db';
import { kindLabel, roleLabel } from '../../../data/vocabulary';
import {
  type ManagedEvent,
  type MemberChoice,
  NETWORK_ROLES,
  type NetworkRole,
  ORGANIZATION_KINDS,
  type OrganizationKind,
  inviteToEvent,
  searchMembers,
} from '../../../data/events';
import { useI18n } from '../../../i18n';
import { FormErrors, fieldErrors, unitOptions, useUnitChoices } from './parts';

const FIELDS = ['adminUnitCode', 'organizationKinds', 'roles', 'memberIds', 'audience'] as const;

type Mode = 'audience' | 'named';

function Ticks<T extends string>({ legend, values, chosen, label, onChange }: { legend: string; values: readonly T[]; chosen: T[]; label: (v: T) => string; onChange: (next: T[]) => void }) {
  return (
    <fieldset class="question ticks">
      <legend>{legend}</legend>
      <div class="choices">
        {values.map((value) => (
          <label class="choice" key={value}>
            <input
              type="checkbox"
              checked={chosen.includes(value)}
              onChange={(e) => {
                const checked = e.currentTarget.checked;
                onChange(checked ? [...chosen, value] : chosen.filter((v) => v !== value));
              }}
            />
            {label(value)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

interface Props {
  event: ManagedEvent;
  /** Whose members may be invited: the event's unit, or (an event of a unit above) the viewer's area. */
  area: { code: string; name: string };
  onInvited: () => void;
}

export function InviteForm({ event, area, onInvited }: Props) {
  const { t } = useI18n();
  const units = useUnitChoices(area.code);
  const [mode, setMode] = useState<Mode>('audience');
  const [unit, setUnit] = useState(area.code);
  const [kinds, setKinds] = useState<OrganizationKind[]>([]);
  const [roles, setRoles] = useState<NetworkRole[]>([]);
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<MemberChoice[] | null>(null);
  const [searchFailed, setSearchFailed] = useState(false);
  const [named, setNamed] = useState<MemberChoice[]>([]);
  const [errors, setErrors] = useState<ServerError[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const [working, setWorking] = useState(false);
  const shown = fieldErrors(errors, FIELDS);

  const find = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (search.trim().length < 2) return;
    setSearchFailed(false);
    try {
      setFound(await searchMembers(search.trim(), area.code));
    } catch {
      setFound(null);
      setSearchFailed(true);
    }
  };

  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setDone(null);
    setWorking(true);
    try {
      const audience = mode === 'audience';
      const result = await inviteToEvent({
        eventId: event.id,
        adminUnitCode: audience ? unit : null,
        organizationKinds: audience ? kinds : [],
        roles: audience ? roles : [],
        memberIds: audience ? [] : named.map((m) => m.id),
      });
      setErrors(result.errors);
      if (result.errors.length === 0) {
        setDone(t('evm.invite.done', { invited: result.invited, already: result.alreadyInvited }));
        setNamed([]);
        onInvited();
      }
    } catch {
      setErrors([{ field: null, code: 'NETWORK', message: t('evm.saveFailed') }]);
    } finally {
      setWorking(false);
    }
  };

  return (
    <form class="invite-form" onSubmit={submit} noValidate>
      <div class="segmented" role="radiogroup" aria-label={t('evm.invite.how')}>
        {(['audience', 'named'] as const).map((m) => (
          <label class="choice" key={m}>
            <input type="radio" name="invite-mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
            {t(`evm.invite.mode.${m}`)}
          </label>
        ))}
      </div>
      {mode === 'audience' ? (
        <>
          <SelectField
            id="invite-unit"
            label={t('evm.invite.unit')}
            hint={t('evm.invite.unitHint')}
            value={unit}
            options={units ? unitOptions(units) : [{ value: area.code, label: area.name }]}
            error={shown.on('adminUnitCode')}
            onChange={(e) => setUnit(e.currentTarget.value)}
          />
          <Ticks legend={t('evm.invite.kinds')} values={ORGANIZATION_KINDS} chosen={kinds} label={(k) => kindLabel(t, k)} onChange={setKinds} />
          {shown.on('organizationKinds') && <p class="error">{shown.on('organizationKinds')}</p>}
          <Ticks legend={t('evm.invite.roles')} values={NETWORK_ROLES} chosen={roles} label={(r) => roleLabel(t, r)} onChange={setRoles} />
          {shown.on('roles') && <p class="error">{shown.on('roles')}</p>}
          <p class="hint">{t('evm.invite.audienceHint')}</p>
        </>
      ) : (
        <>
          <div class="search-row">
            <TextField
              id="invite-search"
              type="search"
              label={t('evm.invite.search')}
              value={search}
              autoComplete="off"
              onInput={(e) => setSearch(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') void find(e);
              }}
            />
            <button type="button" class="secondary" onClick={(e) => void find(e)}>
              {t('evm.invite.find')}
            </button>
          </div>
          {searchFailed && (
            <p class="error" role="alert">
              {t('evm.invite.searchFailed')}
            </p>
          )}
          {found !== null &&
            (found.length === 0 ? (
              <p class="empty">{t('evm.invite.noneFound')}</p>
            ) : (
              <ul class="found">
                {found.map((m) => (
                  <li key={m.id}>
                    <span>
                      <strong>{m.fullName}</strong>
                      <span class="meta"> · {m.organization?.name ?? m.adminUnit.name}</span>
                    </span>
                    <button
                      type="button"
                      class="secondary small"
                      disabled={named.some((n) => n.id === m.id)}
                      aria-label={t('evm.invite.addNamed', { name: m.fullName })}
                      onClick={() => setNamed((now) => [...now, m])}
                    >
                      {t('evm.invite.add')}
                    </button>
                  </li>
                ))}
              </ul>
            ))}
          <h3>{t('evm.invite.chosen', { count: named.length })}</h3>
          <ul class="chips">
            {named.map((m) => (
              <li key={m.id}>
                {m.fullName}
                <button type="button" class="link" aria-label={t('evm.invite.removeNamed', { name: m.fullName })} onClick={() => setNamed((now) => now.filter((n) => n.id !== m.id))}>
                  ×
                </button>
              </li>
            ))}
          </ul>
          {shown.on('memberIds') && <p class="error">{shown.on('memberIds')}</p>}
        </>
      )}
      <FieldError message={shown.on('audience')} />
      <FormErrors messages={shown.rest} />
      {done && (
        <p class="flash ok" role="status">
          {done}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="primary" disabled={working || event.cancelled || (mode === 'named' && named.length === 0)}>
          {working ? t('evm.working') : t('evm.invite.submit')}
        </button>
      </div>
    </form>
  );
}
