/**
 * The outbox: what waits to be sent and what the server refused (with its reasons),
 * "Send now", "Send again", "Open to correct" (a refused item back to its form as a
 * draft, when its kind can) and deleting an item after a confirmation.
 */
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../app-state';
import { ConfirmDialog } from '../components/confirm-dialog';
import { EmptyState, LoadingState } from '../components/states';
import { type QueuedItem, getMeta } from '../data/db';
import { type FlushOutcome, canReopen, describeItem, discardItem, ensureOutboxKinds, listOutbox, onOutboxChange, reopenItem, retryItem } from '../data/outbox';
import { type Translate, formatTime, useI18n } from '../i18n';
import { go } from '../router';

function failureText(outcome: FlushOutcome, t: Translate): string | null {
  if (outcome.ok) return null;
  switch (outcome.reason) {
    case 'offline':
      return t('sync.offline');
    case 'server':
      return t('sync.server', { status: outcome.status });
    case 'signedOut':
      return t('sync.signedOut');
    case 'busy':
      return t('sync.busy');
  }
}

export function OutboxScreen() {
  const { t, lang } = useI18n();
  const { viewer, sync, syncNow: onSync } = useApp();
  const [items, setItems] = useState<QueuedItem[] | null>(null);
  const [discarding, setDiscarding] = useState<string | null>(null);
  const [lastSync, setLastSync] = useState<string | null>(null);
  const [blocked, setBlocked] = useState<string | null>(null); // "Open to correct" refused: a draft is in progress
  const owner = viewer?.username ?? '';

  useEffect(() => {
    const load = (): void => {
      void ensureOutboxKinds()
        .catch(() => undefined)
        .then(listOutbox)
        .then(setItems);
      void getMeta('lastSyncAt').then((at) => setLastSync(at ?? null));
    };
    load();
    return onOutboxChange(load);
  }, []);

  const waiting = (items ?? []).filter((i) => i.state !== 'failed');
  const failed = (items ?? []).filter((i) => i.state === 'failed');
  const problem = sync.outcome ? failureText(sync.outcome, t) : null;

  const reopen = async (clientId: string): Promise<void> => {
    const outcome = await reopenItem(clientId);
    if (outcome.ok) go(outcome.open);
    else setBlocked(outcome.reason === 'draftExists' ? clientId : null);
  };

  const row = (item: QueuedItem) => {
    const { title, collectedAt } = describeItem(item);
    return (
      <li key={item.clientId} class={`card item ${item.state}`} data-client-id={item.clientId} data-state={item.state}>
        <h3>{title}</h3>
        <p class="meta">
          <span class="state">{t(`outbox.state.${item.state}`)}</span> · {t('outbox.collectedAt', { time: formatTime(collectedAt, lang) })}
          {item.attempts > 0 && <> · {t('outbox.attempts', { count: item.attempts })}</>}
        </p>
        {item.owner !== owner && <p class="hint">{t('outbox.otherAccount', { name: item.owner || t('outbox.anonymous') })}</p>}
        {item.state === 'failed' && (
          <>
            {(item.result === 'CONFLICT' || item.result === 'REJECTED') && <p class="error">{t(`outbox.result.${item.result}`)}</p>}
            <ul class="errors">
              {item.errors.map((e, i) => (
                <li key={i}>{e.message}</li>
              ))}
            </ul>
            {blocked === item.clientId && (
              <p class="warning" role="alert">
                {t('outbox.reopenDraftExists')}
              </p>
            )}
            <div class="actions">
              {canReopen(item) && item.owner === owner && (
                <button type="button" class="primary small" onClick={() => void reopen(item.clientId)}>
                  {t('outbox.reopen')}
                </button>
              )}
              <button type="button" class="secondary small" onClick={() => void retryItem(item.clientId)}>
                {t('outbox.retry')}
              </button>
              <button type="button" class="danger small" onClick={() => setDiscarding(item.clientId)}>
                {t('outbox.discard')}
              </button>
            </div>
          </>
        )}
      </li>
    );
  };

  return (
    <section>
      <div class="row">
        <h1>{t('outbox.title')}</h1>
        <button type="button" class="primary" onClick={() => void onSync()} disabled={sync.running}>
          {sync.running ? t('outbox.syncing') : t('outbox.syncNow')}
        </button>
      </div>
      <p class="meta" data-testid="last-sync">
        {lastSync ? t('outbox.lastSync', { time: formatTime(lastSync, lang) }) : t('outbox.neverSynced')}
      </p>
      {problem && !sync.running && (
        <p class="warning" role="status">
          {t('outbox.lastError', { reason: problem })}
        </p>
      )}
      {discarding && (
        <ConfirmDialog
          message={t('outbox.discardConfirm')}
          confirmLabel={t('outbox.discard')}
          danger
          onConfirm={() => {
            void discardItem(discarding);
            setDiscarding(null);
          }}
          onCancel={() => setDiscarding(null)}
        />
      )}
      {items === null ? (
        <LoadingState />
      ) : items.length === 0 ? (
        <EmptyState>{t('outbox.empty')}</EmptyState>
      ) : (
        <>
          {waiting.length > 0 && (
            <>
              <h2>{t('outbox.waiting', { count: waiting.length })}</h2>
              <ul class="cards">{waiting.map(row)}</ul>
            </>
          )}
          {failed.length > 0 && (
            <>
              <h2>{t('outbox.failed', { count: failed.length })}</h2>
              <ul class="cards">{failed.map(row)}</ul>
            </>
          )}
        </>
      )}
    </section>
  );
}
