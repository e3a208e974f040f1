import { useRegisterSW } from 'virtual:pwa-register/preact';
import { useI18n } from '../i18n';

/** "Có phiên bản mới — Tải lại": the new service worker waits until the person agrees. */
export function UpdatePrompt() {
  const { t } = useI18n();
  const {
    needRefresh: [needRefresh],
    updateServiceWorker,
    // registered once the page has loaded: the precache (every chunk) must not compete
    // with the first screen on a slow line
  } = useRegisterSW({ immediate: false });
  if (!needRefresh) return null;
  return (
    <div class="update" role="alert">
      <span>{t('app.updateReady')} — </span>
      <button type="button" onClick={() => void updateServiceWorker(true)}>
        {t('app.reload')}
      </button>
    </div>
  );
}
