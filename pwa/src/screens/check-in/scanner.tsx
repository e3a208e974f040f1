/**
 * Reading a member's QR code: the camera with the browser's `BarcodeDetector` where it
 * has one (Chromium on Android), and always a text box where the code can be typed or
 * pasted (a phone without the detector, a damaged print, a code read out over the phone).
 * No decoder library is loaded: where `BarcodeDetector` is missing the text box is the way.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../i18n';

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<DetectedBarcode[]>;
}
type BarcodeDetectorClass = new (options?: { formats: string[] }) => BarcodeDetectorLike;

function detectorClass(): BarcodeDetectorClass | null {
  const found = (window as unknown as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  return found && typeof navigator.mediaDevices?.getUserMedia === 'function' ? found : null;
}

export function Scanner({ onCode }: { onCode: (code: string) => void }) {
  const { t } = useI18n();
  const [typed, setTyped] = useState('');
  const [scanning, setScanning] = useState(false);
  const [cameraError, setCameraError] = useState(false);
  const video = useRef<HTMLVideoElement>(null);
  const Detector = detectorClass();

  useEffect(() => {
    if (!scanning || !Detector) return;
    let stream: MediaStream | null = null;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const detector = new Detector({ formats: ['qr_code'] });
    const tick = async (): Promise<void> => {
      if (stopped || !video.current) return;
      try {
        const [code] = video.current.readyState >= 2 ? await detector.detect(video.current) : [];
        if (code?.rawValue) {
          setScanning(false);
          onCode(code.rawValue);
          return;
        }
      } catch {
        // a frame the detector could not read: try the next one
      }
      timer = setTimeout(() => void tick(), 250);
    };
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(async (media) => {
        stream = media;
        if (stopped || !video.current) return;
        video.current.srcObject = media;
        await video.current.play();
        void tick();
      })
      .catch(() => {
        setCameraError(true);
        setScanning(false);
      });
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [scanning]);

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
