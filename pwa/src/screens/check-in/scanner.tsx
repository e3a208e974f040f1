/**
 * Reading a member's QR code: the camera with the browser's `BarcodeDetector` where it
 * has one (Chromium on Android), and always a text box where the code can be typed or
 * pasted (a phone without the detector, a damaged print, a code read out over the phone).
 * No decoder library is loaded: where `BarcodeDetector` is missing the text box is the way
 * (components/barcode-camera).
 */
import { useState } from 'preact/hooks';
import { hasDetector, useBarcodeCamera } from '../../components/barcode-camera';
import { useI18n } from '../../i18n';

export function Scanner({ onCode }: { onCode: (code: string) => void }) {
  const { t } = useI18n();
  const [typed, setTyped] = useState('');
  const [scanning, setScanning] = useState(false);
  const [cameraError, setCameraError] = useState(false);
  const Detector = hasDetector();
  const video = useBarcodeCamera(
    scanning,
    (code) => {
      setScanning(false);
      onCode(code);
    },
    () => {
      setCameraError(true);
      setScanning(false);
    },
    ['qr_code'],
  );

  const submit = (e: Event): void => {
    e.preventDefault();
    const code = typed.trim();
    if (!code) return;
    onCode(code);
    setTyped('');
  };

  return (
    <section class="scanner" aria-labelledby="scan-title">
      <h2 id="scan-title">{t('checkIn.scanTitle')}</h2>
      {Detector ? (
        <div class="actions">
          <button type="button" class="primary" onClick={() => setScanning(!scanning)}>
            {scanning ? t('checkIn.scanStop') : t('checkIn.scan')}
          </button>
        </div>
      ) : (
        <p class="hint">{t('checkIn.noDetector')}</p>
      )}
      {cameraError && <p class="error">{t('checkIn.cameraFailed')}</p>}
      {scanning && <video ref={video} class="camera" muted playsInline aria-label={t('checkIn.camera')} />}
      <form class="inline-form" onSubmit={submit}>
        <label class="field">
          <span>{t('checkIn.codeLabel')}</span>
          <input
            type="text"
            autoComplete="off"
            autoCapitalize="off"
            spellcheck={false}
            value={typed}
            onInput={(e) => setTyped(e.currentTarget.value)}
          />
        </label>
        <button type="submit" class="secondary" disabled={!typed.trim()}>
          {t('checkIn.byCode')}
        </button>
      </form>
    </section>
  );
}
