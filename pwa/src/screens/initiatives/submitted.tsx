/**
 * After "Gửi sáng kiến": the truth about the submission, kept current as the outbox
 * works. Waiting on this phone (no signal yet); refused (the server's reasons, and the
 * outbox where it can be sent again); or sent, with its tracking code shown large, to
 * copy, share, and open.
 */
import { useEffect, useState } from 'preact/hooks';
import { CopyShare } from '../../components/share';
import type { MyInitiative } from '../../data/db';
import { type InitiativeItem, myInitiative, queuedInitiative } from '../../data/initiatives';
import { onOutboxChange } from '../../data/outbox';
import { useI18n } from '../../i18n';
import { href } from '../../router';

export function trackingUrl(code: string): string {
  return `${location.origin}${location.pathname}${href({ name: 'trackCode', code })}`;
}

export function TrackingCode({ code }: { code: string }) {
  const { t } = useI18n();
  return (
    <div class="tracking">
      <p class="tracking-label">{t('init.codeLabel')}</p>
      <p class="tracking-code" data-testid="tracking-code">
        {code}
      </p>
      <CopyShare
        copy={code}
        copyLabel={t('init.copyCode')}
        share={{ title: t('init.shareTitle'), text: t('init.shareText', { code }), url: trackingUrl(code) }}
      />
    </div>
  );
}

export function Submitted({ clientId, onAnother }: { clientId: string; onAnother: () => void }) {
  const { t } = useI18n();
  const [mine, setMine] = useState<MyInitiative | undefined>(undefined);
  const [queued, setQueued] = useState<InitiativeItem | undefined>(undefined);

  useEffect(() => {
    const read = (): void => {
      void Promise.all([myInitiative(clientId), queuedInitiative(clientId)]).then(([m, q]) => {
        setMine(m);
        setQueued(q);
      });
    };
    read();
    return onOutboxChange(read);
  }, [clientId]);

  const code = mine?.trackingCode ?? null;
  const refused = queued?.state === 'failed';
  return (
    <section class="card narrow init-sent" aria-live="polite">
      <h1>{code ? t('init.sentTitle') : refused ? t('init.refusedTitle') : t('init.queuedTitle')}</h1>
      {code ? (
        <>
          <p>{t('init.sentBody')}</p>
          <TrackingCode code={code} />
          <a class="button primary" href={href({ name: 'trackCode', code })}>
            {t('init.follow')}
          </a>
        </>
      ) : refused ? (
        <>
          <ul class="errors">
            {(queued?.errors ?? []).map((e) => (
              <li key={`${e.field}-${e.code}`} class="error">
                {e.message}
              </li>
            ))}
          </ul>
          <a class="button primary" href={href({ name: 'outbox' })}>
            {t('form.toOutbox')}
          </a>
        </>
      ) : (
        <p data-testid="init-waiting">{t('init.queuedBody')}</p>
      )}
      <div class="actions">
        <a class="button secondary" href={href({ name: 'track' })}>
          {t('init.mine')}
        </a>
        <button type="button" class="secondary" onClick={onAnother}>
          {t('init.another')}
        </button>
      </div>
    </section>
  );
}
