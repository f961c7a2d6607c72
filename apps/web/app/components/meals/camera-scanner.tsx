import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '~/components/ui/button.tsx';

type Detector = { detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]> };
type DetectorClass = new (options: { formats: string[] }) => Detector;

/**
 * Scans a QR code with the device's camera where the browser can (the BarcodeDetector API: Chrome and Edge on
 * Android, Safari 17+); elsewhere the counter uses a handheld scanner, which types into the code field. On a code
 * it calls `onCode` once and stops. `labels` names the button's two states (default: the meal counter's words).
 */
export function CameraScanner({ onCode, labels }: { onCode: (code: string) => void; labels?: { start: string; stop: string } }) {
  const { t } = useTranslation();
  const [on, setOn] = useState(false);
  const [supported, setSupported] = useState(false);
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => setSupported(typeof window !== 'undefined' && 'BarcodeDetector' in window && Boolean(navigator.mediaDevices?.getUserMedia)), []);
  useEffect(() => {
    if (!on) return;
    let stream: MediaStream | null = null;
    let stopped = false;
    const Ctor = (window as unknown as { BarcodeDetector: DetectorClass }).BarcodeDetector;
    const detector = new Ctor({ formats: ['qr_code'] });
    (async () => {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
      if (!video.current || stopped) return;
      video.current.srcObject = stream;
      await video.current.play();
      while (!stopped) {
        const found = await detector.detect(video.current).catch(() => []);
        if (found[0]?.rawValue) {
          onCode(found[0].rawValue);
          setOn(false);
          return;
        }
        await new Promise((r) => setTimeout(r, 250));
      }
    })().catch(() => setOn(false));
    return () => {
      stopped = true;
      stream?.getTracks().forEach((tr) => tr.stop());
    };
  }, [on, onCode]);
  if (!supported) return null;
  return (
    <div className="space-y-2">
      <Button type="button" variant="secondary" size="sm" onClick={() => setOn((v) => !v)}>
        {on ? (labels?.stop ?? t('meals.counter.stopScan')) : (labels?.start ?? t('meals.counter.scan'))}
      </Button>
      {on ? <video ref={video} className="w-full max-w-sm rounded-md bg-black" muted playsInline /> : null}
    </div>
  );
}
