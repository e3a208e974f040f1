/**
 * Partner API keys (`#/admin/api-keys`, province admins): issue a key with its read
 * scopes and the admin unit it is limited to; its secret is shown this once, with a copy
 * button and a plain warning; the list shows each key's unit, scopes, last use and state,
 * and revokes a key after a confirmation.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../../../app-state';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { CheckField, FieldError, TextField, toggled } from '../../../components/fields';
import { FormActions, fieldError, otherErrors, useFormSend } from '../../../components/form-send';
import { PagedList } from '../../../components/paged-list';
import { ErrorState } from '../../../components/states';
import { API_SCOPES, type ApiKey, createApiKey, fetchApiKeys, revokeApiKey } from '../../../data/admin';
import { type MessageKey, formatTime, useI18n } from '../../../i18n';
import { AdminOnly, Outcome, UnitPicker } from './parts';

const FORM_FIELDS = ['name', 'scopes', 'adminUnitCode'];

function CreateKey({ onDone, onCancel }: { onDone: (key: ApiKey, secret: string) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const { viewer } = useApp();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>(['read:network']);
  const [unit, setUnit] = useState(viewer?.scope.code ?? '');
  const { errors, working, submit } = useFormSend(t('acct.saveFailed'));
  const save = submit(async () => {
    const saved = await createApiKey({ name, scopes, adminUnitCode: unit });
    if (saved.value) onDone(saved.value.apiKey, saved.value.secret);
    return saved.errors;
  });

  const rest = otherErrors(errors, FORM_FIELDS);
  return (
    <form class="card admin-form" onSubmit={save} noValidate>
      <h2>{t('acct.keys.create')}</h2>
      <TextField id="key-name" label={t('acct.keys.name')} value={name} error={fieldError(errors, 'name')} onInput={(e) => setName(e.currentTarget.value)} />
      <fieldset class="question">
        <legend>{t('acct.keys.scopes')}</legend>
        <div class="choices">
          {API_SCOPES.map((scope) => (
            <CheckField key={scope} name="scopes" value={scope} checked={scopes.includes(scope)} onChange={(on) => setScopes((now) => toggled(now, scope, on))}>
              <span>
                {t(`acct.keys.scope.${scope}` as MessageKey)} <code>{scope}</code>
              </span>
            </CheckField>
          ))}
        </div>
        <FieldError message={fieldError(errors, 'scopes')} />
      </fieldset>
      <UnitPicker id="key-unit" label={t('acct.keys.unit')} hint={t('acct.keys.unitHint')} value={unit} error={fieldError(errors, 'adminUnitCode')} onChange={setUnit} />
      {rest && <ErrorState message={rest} />}
      <FormActions working={working} workingLabel={t('acct.working')} submitLabel={t('acct.keys.createSubmit')} onCancel={onCancel} />
    </form>
  );
}

/** The new key's secret, shown this once: select it, copy it, then close. */
function Secret({ apiKey, secret, onClose }: { apiKey: ApiKey; secret: string; onClose: () => void }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState<'' | 'ok' | 'failed'>('');
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // the form above it is gone: bring the secret (and its warning) into view, selected
    field.current?.closest('section')?.scrollIntoView({ block: 'start' });
    field.current?.focus({ preventScroll: true });
  }, []);
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('ok');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <section class="card secret" aria-labelledby="secret-title">
      <h2 id="secret-title">{t('acct.keys.secretTitle', { name: apiKey.name })}</h2>
      <p class="flash error" role="alert">
        {t('acct.keys.secretWarning')}
      </p>
      <label class="field">
        <span>{t('acct.keys.secretLabel')}</span>
        <input ref={field} id="api-key-secret" type="text" readOnly value={secret} spellcheck={false} onFocus={(e) => e.currentTarget.select()} />
      </label>
      <p class="meta">{t('acct.keys.usage')}</p>
      <div class="actions">
        <button type="button" class="primary" onClick={() => void copy()}>
          {t('acct.keys.copy')}
        </button>
        <button type="button" class="secondary" onClick={onClose}>
          {t('acct.keys.secretDone')}
        </button>
      </div>
      {copied && <Outcome text={t(copied === 'ok' ? 'acct.keys.copied' : 'acct.keys.copyFailed')} ok={copied === 'ok'} />}
    </section>
  );
}

export function ApiKeysScreen() {
  const { t, lang } = useI18n();
  const [creating, setCreating] = useState(false);
  const [shown, setShown] = useState<{ apiKey: ApiKey; secret: string } | null>(null);
  const [reload, setReload] = useState(0);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [outcome, setOutcome] = useState({ text: '', ok: true });

  const revoke = async (key: ApiKey): Promise<void> => {
    setRevoking(null);
    try {
      const saved = await revokeApiKey(key.id);
      setOutcome(saved.value ? { text: t('acct.keys.revoked', { name: key.name }), ok: true } : { text: saved.errors.map((e) => e.message).join(' '), ok: false });
      setReload((n) => n + 1);
    } catch {
      setOutcome({ text: t('acct.saveFailed'), ok: false });
    }
  };

  return (
    <AdminOnly title={t('acct.keys.title')}>
      <section class="wide admin">
        <div class="row">
          <h1>{t('acct.keys.title')}</h1>
          {!creating && !shown && (
            <button type="button" class="primary small" onClick={() => setCreating(true)}>
              {t('acct.keys.create')}
            </button>
          )}
        </div>
        {creating && (
          <CreateKey
            onCancel={() => setCreating(false)}
            onDone={(apiKey, secret) => {
              setCreating(false);
              setShown({ apiKey, secret });
              setReload((n) => n + 1);
            }}
          />
        )}
        {shown && <Secret {...shown} onClose={() => setShown(null)} />}
        <Outcome {...outcome} />
        <PagedList<ApiKey>
          load={fetchApiKeys}
          reloadKey={reload}
          keyOf={(k) => k.id}
          class="cards account-list"
          empty={t('acct.keys.none')}
          errorMessage={t('acct.loadFailed')}
          render={(key) => (
            <article class={`card account api-key${key.revokedAt ? ' inactive' : ''}`} data-key-name={key.name}>
              <div class="account-who">
                <h2>{key.name}</h2>
                <p class="meta">{t('acct.keys.prefix', { prefix: key.prefix })}</p>
              </div>
              <div class="account-roles">
                <p class="key-unit">{t('acct.keys.limitedTo', { unit: key.adminUnit.name })}</p>
                <p class="meta">
                  {key.scopes.map((s) => (
                    <code key={s} class="scope">
                      {s}
                    </code>
                  ))}
                </p>
              </div>
              <p class="meta account-state">
                <span class={`tag ${key.revokedAt ? 'cancelled' : 'done'}`}>
                  {key.revokedAt ? t('acct.keys.revokedState', { time: formatTime(key.revokedAt, lang) }) : t('acct.keys.activeState')}
                </span>{' '}
                {key.lastUsedAt ? t('acct.keys.lastUsed', { time: formatTime(key.lastUsedAt, lang) }) : t('acct.keys.neverUsed')}
                <br />
                {t('acct.keys.createdAt', { time: formatTime(key.createdAt, lang) })}
              </p>
              {!key.revokedAt && (
                <div class="actions account-actions">
                  <button type="button" class="danger small" onClick={() => setRevoking(key)}>
                    {t('acct.keys.revoke')}
                  </button>
                </div>
              )}
            </article>
          )}
        />
        {revoking && (
          <ConfirmDialog
            message={t('acct.keys.confirmRevoke', { name: revoking.name })}
            confirmLabel={t('acct.keys.revoke')}
            danger
            onCancel={() => setRevoking(null)}
            onConfirm={() => void revoke(revoking)}
          />
        )}
      </section>
    </AdminOnly>
  );
}
