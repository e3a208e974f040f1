import { useEffect, useState } from 'preact/hooks';
import type { SyncState } from '../app';
import { type OutboxItem, type Viewer, getMeta } from '../data/db';
import { type FlushOutcome, discardItem, listOutbox, onOutboxChange, retryItem } from '../data/outbox';
import { type Translate, formatTime, useI18n } from '../i18n';

interface Props {
  viewer: Viewer | null;
  sync: SyncState;
  onSync: () => Promise<FlushOutcome>;
}

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

export function OutboxScreen({ viewer, sync, onSync }: Props) {
  const { t, lang } = useI18n();
  const [items, setItems] = useState<OutboxItem[] | null>(null);
  const [lastSync, setLastSync] = useState<string | null>(null);
  const owner = viewer?.username ?? '';

  useEffect(() => {
    const load = (): void => {
      void listOutbox().then(setItems);
      void getMeta('lastSyncAt').then((at) => setLastSync(at ?? null));
    };
    load();
    return onOutboxChange(load);
  }, []);

  const waiting = (items ?? []).filter((i) => i.state !== 'failed');
  const failed = (items ?? []).filter((i) => i.state === 'failed');
  const problem = sync.outcome ? failureText(sync.outcome, t) : null;

  const discard = (clientId: string): void => {
    if (confirm(t('outbox.discardConfirm'))) void discardItem(clientId);
  };

  const row = (item: OutboxItem) => (
    <li key={item.clientId} class={`card item ${item.state}`} data-client-id={item.clientId} data-state={item.state}>
      <h3>{item.surveyTitle}</h3>
      <p class="meta">
        <span class="state">{t(`outbox.state.${item.state}`)}</span> · {t('outbox.collectedAt', { time: formatTime(item.collectedAt, lang) })}
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
          <div class="actions">
            <button type="button" class="secondary small" onClick={() => void retryItem(item.clientId)}>
              {t('outbox.retry')}
            </button>
            <button type="button" class="danger small" onClick={() => discard(item.clientId)}>
              {t('outbox.discard')}
            </button>
          </div>
        </>
      )}
    </li>
  );

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
      {items === null ? (
        <p class="loading">{t('app.loading')}</p>
      ) : items.length === 0 ? (
        <p class="empty">{t('outbox.empty')}</p>
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
