/**
 * Reading a code with the camera: the browser's `BarcodeDetector` where it has one
 * (Chromium on Android). No decoder library is loaded: where the detector is missing,
 * `hasDetector()` is false and the caller offers a text box only. Used by check-in's
 * scanner and by the survey form's barcode questions.
 */
import { useEffect, useRef } from 'preact/hooks';

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

export function hasDetector(): boolean {
  return detectorClass() !== null;
}

/**
 * While `scanning`, streams the back camera into the returned video element and calls
 * `onCode` with the first code read (the caller then stops scanning), or `onFailure`
 * when the camera cannot be opened. `formats` undefined: every format the detector knows.
 */
export function useBarcodeCamera(scanning: boolean, onCode: (code: string) => void, onFailure: () => void, formats?: string[]) {
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const Detector = detectorClass();
    if (!scanning || !Detector) return;
    let stream: MediaStream | null = null;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const detector = new Detector(formats ? { formats } : undefined);
    const tick = async (): Promise<void> => {
      if (stopped || !video.current) return;
      try {
        const [code] = video.current.readyState >= 2 ? await detector.detect(video.current) : [];
        if (code?.rawValue) {
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
      .catch(onFailure);
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [scanning]);
  return video;
}
