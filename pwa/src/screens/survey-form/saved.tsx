/** The submit confirmation: the response is in the outbox; another one, or go to the outbox. */
import type { Ref } from 'preact';
import { useI18n } from '../../i18n';
import { href } from '../../router';

export function Saved({ top, onAnother }: { top: Ref<HTMLHeadingElement>; onAnother: () => void }) {
  const { t } = useI18n();
  return (
    <section class="card" aria-live="polite">
      <h1 ref={top} tabIndex={-1}>
        {t('form.savedTitle')}
      </h1>
      <p>{t('form.savedBody')}</p>
      <div class="actions">
        <button type="button" class="primary" onClick={onAnother}>
          {t('form.another')}
        </button>
        <a class="button secondary" href={href({ name: 'outbox' })}>
          {t('form.toOutbox')}
        </a>
      </div>
    </section>
  );
}
