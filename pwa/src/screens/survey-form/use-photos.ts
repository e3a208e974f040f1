/**
 * The photos, recordings and files chosen in a form, by the name of their question
 * (`members[1].photo` inside a repeat): each photo downscaled to a JPEG, each kept as a
 * copy, and hashed (its answer is the SHA-256), shown from an object URL that is freed when replaced or when the form closes.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { sha256Hex } from '../../data/outbox';
import { preparePhoto } from '../../data/photo';
import type { QuestionDef } from '../../rules/form';
import type { PhotoDraft } from './question';

export interface KeptPhoto {
  questionKey: string;
  blob: Blob;
  sha256: string;
}

export function usePhotos(onAnswer: (key: string, value: unknown) => void) {
  const [photos, setPhotos] = useState<Map<string, PhotoDraft>>(new Map());
  const [preparing, setPreparing] = useState<ReadonlySet<string>>(new Set()); // photos being downscaled
  const shown = useRef(photos);
  shown.current = photos;

  useEffect(() => () => shown.current.forEach((p) => URL.revokeObjectURL(p.url)), []);

  /** Replace (or remove) one photo; updates from the latest state, as photos finish in any order. */
  const put = (key: string, photo: PhotoDraft | null): void =>
    setPhotos((now) => {
      const next = new Map(now);
      const old = next.get(key);
      if (old) URL.revokeObjectURL(old.url);
      if (photo) next.set(key, photo);
      else next.delete(key);
      return next;
    });

  /** A photo is downscaled; an audio or file answer (checked before, media.tsx) kept as it is, with its name. */
  const choose = async (key: string, file: File | null, def?: QuestionDef): Promise<void> => {
    if (!file) {
      put(key, null);
      onAnswer(key, undefined);
      return;
    }
    setPreparing((now) => new Set(now).add(key));
    try {
      // downscaled to a JPEG (3G, the server's 10 MB limit), always a copy in memory: a
      // camera capture's File may not outlive the page on Android
      const blob =
        def === undefined || def.kind === 'PHOTO'
          ? await preparePhoto(file, def?.maxPixels ?? undefined)
          : new File([await file.arrayBuffer()], file.name, { type: file.type || 'application/octet-stream' });
      const sha256 = await sha256Hex(blob);
      put(key, { blob, sha256, url: URL.createObjectURL(blob) });
      onAnswer(key, sha256);
    } finally {
      setPreparing((now) => {
        const next = new Set(now);
        next.delete(key);
        return next;
      });
    }
  };

  /** Show the photos of a restored draft. */
  const restore = (kept: KeptPhoto[]): void =>
    setPhotos(new Map(kept.map((p) => [p.questionKey, { blob: p.blob, sha256: p.sha256, url: URL.createObjectURL(p.blob) }])));

  /** Drop every photo (their preview URLs freed). */
  const clear = (): void => {
    photos.forEach((p) => URL.revokeObjectURL(p.url));
    setPhotos(new Map());
  };

  /** Rename the photos (an instance of a repeat removed: later ones move up); a null name drops one. */
  const rename = (renamed: (name: string) => string | null): void =>
    setPhotos((now) => {
      const next = new Map<string, PhotoDraft>();
      for (const [name, photo] of now) {
        const to = renamed(name);
        if (to === null) URL.revokeObjectURL(photo.url);
        else next.set(to, photo);
      }
      return next;
    });

  return { photos, preparing, choose, restore, clear, rename };
}
