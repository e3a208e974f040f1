/**
 * Photos taken with a form that goes through the outbox (a field log, a delivery): picked
 * from the camera or the gallery, downscaled on the phone (data/photo.ts), each kept once
 * by its SHA-256, previewed with a button to remove it, at most `max` of them.
 * `usePhotoPicker` holds them; `PhotoPicker` is the fieldset that shows them.
 */
import { useState } from 'preact/hooks';
import { sha256Hex } from '../data/ids';
import { preparePhoto } from '../data/photo';
import { useI18n } from '../i18n';

export const MAX_PHOTOS = 5;

export interface PickedPhoto {
  blob: Blob;
  sha256: string;
  url: string;
}

export interface PhotoPickerState {
  photos: PickedPhoto[];
  /** A picked photo is being downscaled. */
  preparing: boolean;
  max: number;
  add: (files: FileList | null) => Promise<void>;
  remove: (photo: PickedPhoto) => void;
  /** Photos kept from before (a reopened draft), previewed again. */
  restore: (photos: { blob: Blob; sha256: string }[]) => void;
  /** Lets the previews go once the photos are queued. */
  clear: () => void;
}

export function usePhotoPicker(max = MAX_PHOTOS): PhotoPickerState {
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const [preparing, setPreparing] = useState(false);
  const add = async (files: FileList | null): Promise<void> => {
    if (!files) return;
    setPreparing(true);
    try {
      const added: PickedPhoto[] = [];
      for (const file of Array.from(files).slice(0, max - photos.length)) {
        const blob = await preparePhoto(file);
        const sha256 = await sha256Hex(blob);
        if (!photos.some((p) => p.sha256 === sha256)) added.push({ blob, sha256, url: URL.createObjectURL(blob) });
      }
      setPhotos((now) => [...now, ...added]);
    } finally {
      setPreparing(false);
    }
  };
  return {
    photos,
    preparing,
    max,
    add,
    remove: (photo) => setPhotos(photos.filter((p) => p !== photo)),
    restore: (kept) => setPhotos(kept.map((p) => ({ ...p, url: URL.createObjectURL(p.blob) }))),
    clear: () => {
      photos.forEach((p) => URL.revokeObjectURL(p.url));
      setPhotos([]);
    },
  };
}

export function PhotoPicker({ picker }: { picker: PhotoPickerState }) {
  const { t } = useI18n();
  const { photos, preparing, max } = picker;
  return (
    <fieldset class="question photo">
      <legend>{t('log.photos', { max })}</legend>
      <input
        type="file"
        accept="image/*"
        multiple
        aria-label={t('log.addPhotos')}
        disabled={photos.length >= max || preparing}
        onChange={(e) => {
          void picker.add(e.currentTarget.files);
          e.currentTarget.value = '';
        }}
      />
      {preparing && <p class="hint">{t('answer.photoPreparing')}</p>}
      <div class="photo-preview">
        {photos.map((p, i) => (
          <span key={p.sha256} class="photo-item">
            <img src={p.url} alt={t('log.photoAlt', { n: i + 1 })} />
            <button type="button" class="secondary small" onClick={() => picker.remove(p)}>
              {t('answer.photoRemove')}
            </button>
          </span>
        ))}
      </div>
    </fieldset>
  );
}
