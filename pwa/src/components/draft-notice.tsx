/**
 * Notices of the form: a restored draft ("Đã mở lại phiếu đang điền dở lúc …" with "Bắt
 * đầu lại"), a refused response reopened, and a public survey this device already answered.
 */
import type { ServerError } from '../data/db';
import type { Delivery } from '../data/surveys';
import { formatTime, useI18n } from '../i18n';
import { href } from '../router';

export function DraftNotice({ restoredAt, onDiscard }: { restoredAt: string | null; onDiscard: () => void }) {
  const { t, lang } = useI18n();
  if (!restoredAt) return null;
  return (
    <p class="notice" role="status">
      {t('form.draftRestored', { time: formatTime(restoredAt, lang) })}{' '}
      <button type="button" class="link" onClick={onDiscard}>
        {t('form.draftDiscard')}
      </button>
    </p>
  );
}

/**
 * A refused response reopened from the outbox: says so while any of the server's messages
 * is still shown, and lists those that belong to no field (the survey, its version…).
 */
export function ReopenedNotice({ errors, pending }: { errors: ServerError[]; pending: number }) {
  const { t } = useI18n();
  if (pending === 0) return null;
  return <ReopenedWarning message={t('form.reopened')} errors={errors} />;
}

/** "Reopened: correct what the server refused" (`message`), and the server's messages that belong to no field. */
export function ReopenedWarning({ message, errors }: { message: string; errors: ServerError[] }) {
  return (
    <div class="warning" role="status" data-testid="reopened-notice">
      <p>{message}</p>
      {errors.length > 0 && (
        <ul class="errors">
          {errors.map((e, i) => (
            <li key={i}>{e.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A visitor's device already answered this public survey: say how it stands, offer no form. */
export function AlreadyAnswered({ title, delivery, at }: { title: string; delivery: Delivery; at: string }) {
  const { t, lang } = useI18n();
  return (
    <section class="card" data-testid="already-answered">
      <h1>{t('form.answeredTitle')}</h1>
      <p class="survey-title">{title}</p>
      <p>{t('form.answeredBody', { time: formatTime(at, lang) })}</p>
      <p>{t(`form.delivery.${delivery}`)}</p>
      <div class="actions">
        <a class="button secondary" href={href({ name: 'home' })}>
          {t('form.toHome')}
        </a>
        {delivery !== 'sent' && (
          <a class="button secondary" href={href({ name: 'outbox' })}>
            {t('form.toOutbox')}
          </a>
        )}
      </div>
    </section>
  );
}
