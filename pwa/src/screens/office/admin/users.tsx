/**
 * User accounts (`#/admin/users`, province admins): search by name or username without
 * diacritics, create an account with its roles, area and registry member (the server's
 * field errors shown on their fields), link or unlink an account's member (so a committee
 * member is recused from their own initiatives), deactivate or reactivate one, and sign
 * one out of every device.
 */
import { useState } from 'preact/hooks';
import { useApp } from '../../../app-state';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { CheckField, TextField, toggled } from '../../../components/fields';
import { FormActions, fieldError, otherErrors, useFormSend } from '../../../components/form-send';
import { PagedList } from '../../../components/paged-list';
import { ErrorState } from '../../../components/states';
import {
  type AccountUser,
  type LinkedMember,
  ROLES,
  type Role,
  createUser,
  fetchUsers,
  revokeUserSessions,
  setUserActive,
  setUserMember,
} from '../../../data/admin';
import type { ServerError } from '../../../data/db';
import { type MessageKey, formatTime, useI18n } from '../../../i18n';
import { AdminOnly, MemberPicker, Outcome, UnitPicker, useDebounced } from './parts';

const FORM_FIELDS = ['username', 'displayName', 'password', 'roles', 'scopeCode', 'memberId'];

function CreateUser({ onDone, onCancel }: { onDone: (user: AccountUser) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const { viewer } = useApp();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<Role[]>(['FIELD_STAFF']);
  const [scopeCode, setScopeCode] = useState(viewer?.scope.code ?? '');
  const [member, setMember] = useState<LinkedMember | null>(null);
  const { errors, working, submit } = useFormSend(t('acct.saveFailed'));
  const save = submit(async () => {
    const saved = await createUser({ username: username.trim(), displayName, password, roles, scopeCode, memberId: member?.id ?? null });
    if (saved.value) onDone(saved.value);
    return saved.errors;
  });

  const rest = otherErrors(errors, FORM_FIELDS);
  return (
    <form class="card admin-form" onSubmit={save} noValidate>
      <h2>{t('acct.users.create')}</h2>
      <div class="grid2">
        <TextField
          id="user-username"
          label={t('acct.username')}
          hint={t('acct.usernameHint')}
          autocomplete="off"
          value={username}
          error={fieldError(errors, 'username')}
          onInput={(e) => setUsername(e.currentTarget.value)}
        />
        <TextField id="user-name" label={t('acct.displayName')} value={displayName} error={fieldError(errors, 'displayName')} onInput={(e) => setDisplayName(e.currentTarget.value)} />
      </div>
      <TextField
        id="user-password"
        type="password"
        autocomplete="new-password"
        label={t('acct.password')}
        hint={t('acct.passwordHint')}
        value={password}
        error={fieldError(errors, 'password')}
        onInput={(e) => setPassword(e.currentTarget.value)}
      />
      <fieldset class="question" aria-describedby={fieldError(errors, 'roles') ? 'user-roles-error' : undefined}>
        <legend>{t('acct.roles')}</legend>
        <div class="choices">
          {ROLES.map((role) => (
            <CheckField key={role} name="roles" value={role} checked={roles.includes(role)} onChange={(on) => setRoles((now) => toggled(now, role, on))}>
              {t(`acct.role.${role}` as MessageKey)}
            </CheckField>
          ))}
        </div>
        {fieldError(errors, 'roles') && (
          <p class="error" role="alert" id="user-roles-error">
            {fieldError(errors, 'roles')}
          </p>
        )}
      </fieldset>
      <UnitPicker id="user-scope" label={t('acct.scope')} hint={t('acct.scopeHint')} value={scopeCode} error={fieldError(errors, 'scopeCode')} onChange={setScopeCode} />
      <MemberPicker id="user-member" value={member} error={fieldError(errors, 'memberId')} onChange={setMember} />
      {rest && <ErrorState message={rest} />}
      <FormActions working={working} workingLabel={t('acct.working')} submitLabel={t('acct.users.createSubmit')} onCancel={onCancel} />
    </form>
  );
}

/** Link an account to its person in the registry, or unlink it. */
function LinkMember({ user, onDone, onCancel }: { user: AccountUser; onDone: (user: AccountUser) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const [member, setMember] = useState<LinkedMember | null>(user.member);
  const { errors, working, submit } = useFormSend(t('acct.saveFailed'));
  const save = submit(async () => {
    const saved = await setUserMember(user.id, member?.id ?? null);
    if (saved.value) onDone(saved.value);
    return saved.errors;
  });

  const rest = otherErrors(errors, ['memberId']);
  return (
    <form class="admin-form account-link" onSubmit={save} noValidate aria-label={t('acct.linkFor', { name: user.displayName })}>
      <MemberPicker id={`link-${user.id}`} value={member} error={fieldError(errors, 'memberId')} onChange={setMember} />
      {rest && <ErrorState message={rest} />}
      <FormActions working={working} workingLabel={t('acct.working')} submitLabel={t('acct.linkSave')} onCancel={onCancel} small />
    </form>
  );
}

type Pending = { kind: 'deactivate' | 'revoke'; user: AccountUser };

export function UsersScreen() {
  const { t, lang } = useI18n();
  const { viewer } = useApp();
  const [search, setSearch] = useState('');
  const term = useDebounced(search);
  const [creating, setCreating] = useState(false);
  const [reload, setReload] = useState(0);
  const [pending, setPending] = useState<Pending | null>(null);
  const [linking, setLinking] = useState<string | null>(null);
  const [outcome, setOutcome] = useState({ text: '', ok: true });

  const act = async (run: () => Promise<{ errors: ServerError[] }>, done: string): Promise<void> => {
    setPending(null);
    try {
      const saved = await run();
      setOutcome(saved.errors.length ? { text: saved.errors.map((e) => e.message).join(' '), ok: false } : { text: done, ok: true });
      setReload((n) => n + 1);
    } catch {
      setOutcome({ text: t('acct.saveFailed'), ok: false });
    }
  };

  const deactivate = (user: AccountUser): Promise<void> =>
    act(() => setUserActive(user.id, false), t('acct.deactivated', { name: user.displayName }));
  const reactivate = (user: AccountUser): Promise<void> =>
    act(() => setUserActive(user.id, true), t('acct.reactivated', { name: user.displayName }));
  const revoke = async (user: AccountUser): Promise<void> => {
    setPending(null);
    try {
      const saved = await revokeUserSessions(user.id);
      setOutcome(
        saved.value === null
          ? { text: saved.errors.map((e) => e.message).join(' '), ok: false }
          : { text: t('acct.revoked', { count: saved.value, name: user.displayName }), ok: true },
      );
    } catch {
      setOutcome({ text: t('acct.saveFailed'), ok: false });
    }
  };

  return (
    <AdminOnly title={t('acct.users.title')}>
      <section class="wide admin">
        <div class="row">
          <h1>{t('acct.users.title')}</h1>
          {!creating && (
            <button type="button" class="primary small" onClick={() => setCreating(true)}>
              {t('acct.users.create')}
            </button>
          )}
        </div>
        {creating && (
          <CreateUser
            onCancel={() => setCreating(false)}
            onDone={(user) => {
              setCreating(false);
              setOutcome({ text: t('acct.created', { name: user.username }), ok: true });
              setSearch(user.username);
              setReload((n) => n + 1);
            }}
          />
        )}
        <Outcome {...outcome} />
        <TextField id="user-search" type="search" label={t('acct.search')} hint={t('acct.searchHint')} value={search} onInput={(e) => setSearch(e.currentTarget.value)} />
        <PagedList<AccountUser>
          load={(after) => fetchUsers(term, after)}
          reloadKey={`${term}|${reload}`}
          keyOf={(u) => u.id}
          class="cards account-list"
          empty={t('acct.users.none')}
          errorMessage={t('acct.loadFailed')}
          render={(user) => (
            <article class={`card account${user.isActive ? '' : ' inactive'}`}>
              <div class="account-who">
                <h2>{user.displayName}</h2>
                <p class="meta">
                  <code>{user.username}</code> · {user.scope.name}
                </p>
              </div>
              <p class="meta account-roles">
                {user.roles.map((r) => t(`acct.role.${r}` as MessageKey)).join(', ')}
                <br />
                {user.member ? t('acct.linkedTo', { name: user.member.fullName, organization: user.member.organization.name }) : t('acct.notLinked')}
              </p>
              <p class="meta account-state">
                <span class={`tag ${user.isActive ? 'done' : 'cancelled'}`}>{user.isActive ? t('acct.active') : t('acct.inactive')}</span>{' '}
                {user.lastLoginAt ? t('acct.lastLogin', { time: formatTime(user.lastLoginAt, lang) }) : t('acct.neverLoggedIn')}
              </p>
              <div class="actions account-actions">
                {linking !== user.id && (
                  <button type="button" class="secondary small" aria-label={t('acct.linkFor', { name: user.displayName })} onClick={() => setLinking(user.id)}>
                    {t('acct.link')}
                  </button>
                )}
                {user.username !== viewer?.username && (
                  <>
                    {user.isActive ? (
                      <>
                        <button type="button" class="secondary small" onClick={() => setPending({ kind: 'revoke', user })}>
                          {t('acct.revokeSessions')}
                        </button>
                        <button type="button" class="danger small" onClick={() => setPending({ kind: 'deactivate', user })}>
                          {t('acct.deactivate')}
                        </button>
                      </>
                    ) : (
                      <button type="button" class="secondary small" onClick={() => void reactivate(user)}>
                        {t('acct.reactivate')}
                      </button>
                    )}
                  </>
                )}
              </div>
              {linking === user.id && (
                <LinkMember
                  user={user}
                  onCancel={() => setLinking(null)}
                  onDone={(saved) => {
                    setLinking(null);
                    setOutcome({
                      text: saved.member ? t('acct.linked', { name: saved.displayName, member: saved.member.fullName }) : t('acct.unlinked', { name: saved.displayName }),
                      ok: true,
                    });
                    setReload((n) => n + 1);
                  }}
                />
              )}
            </article>
          )}
        />
        {pending && (
          <ConfirmDialog
            message={t(pending.kind === 'deactivate' ? 'acct.confirmDeactivate' : 'acct.confirmRevoke', { name: pending.user.displayName })}
            confirmLabel={t(pending.kind === 'deactivate' ? 'acct.deactivate' : 'acct.revokeSessions')}
            danger
            onCancel={() => setPending(null)}
            onConfirm={() => void (pending.kind === 'deactivate' ? deactivate(pending.user) : revoke(pending.user))}
          />
        )}
      </section>
    </AdminOnly>
  );
}
