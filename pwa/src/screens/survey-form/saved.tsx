/**
 * The submit confirmation, telling the truth as the outbox changes: kept on the device and
 * waiting for a connection, received by the server with photos still to go, sent, or
 * refused (see the outbox). Another response, or go to the outbox.
 */
import type { Ref } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { onOutboxChange, outboxItem } from '../../data/outbox';
import { type Delivery, deliveryOf } from '../../data/surveys';
import { useI18n } from '../../i18n';
import { href } from '../../router';

interface Props {
  top: Ref<HTMLHeadingElement>;
  clientId: string;
  /** null when no other response may be given (a visitor's public survey: once per device). */
  onAnother: (() => void) | null;
}

export function Saved({ top, clientId, onAnother }: Props) {
  const { t } = useI18n();
  const [delivery, setDelivery] = useState<Delivery>('waiting');
  useEffect(() => {
    let live = true;
    const look = (): void => {
      void outboxItem(clientId).then((item) => live && setDelivery(deliveryOf(item)));
    };
    look();
    const stop = onOutboxChange(look);
    return () => {
      live = false;
      stop();
    };
  }, [clientId]);
  return (
    <section class="card" aria-live="polite" data-testid="saved" data-delivery={delivery}>
      <h1 ref={top} tabIndex={-1}>
        {delivery === 'sent' ? t('form.sentTitle') : t('form.savedTitle')}
      </h1>
      <p>{t(`form.delivery.${delivery}`)}</p>
      <div class="actions">
        {onAnother ? (
          <button type="button" class="primary" onClick={onAnother}>
            {t('form.another')}
          </button>
        ) : (
          <a class="button primary" href={href({ name: 'home' })}>
            {t('form.toHome')}
          </a>
        )}
        <a class="button secondary" href={href({ name: 'outbox' })}>
          {t('form.toOutbox')}
        </a>
      </div>
    </section>
  );
}
