/** "Đã mở lại phiếu đang điền dở lúc …" with "Bắt đầu lại" to throw the draft away. */
import { formatTime, useI18n } from '../i18n';

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
