/**
 * AUDIO and FILE answers (decision 0038): a recording made with the phone's own recorder
 * (`capture`) or an audio file picked, a document picked. The bytes are checked here,
 * on the device, as the server checks them (their type read from the bytes, at most
 * 10 MB) before the form keeps them; what is kept is played back or named with its size.
 * The bytes then travel beside the response exactly as a photo's do (use-photos.ts).
 */
import { useState } from 'preact/hooks';
import { type FileKind, type FileProblem, audioKind, fileKind, formatSize } from '../../data/file-types';
import { type Translate, useI18n } from '../../i18n';
import { FILE_ACCEPTS, type FileAccept, MAX_MEDIA_BYTES, type QuestionDef } from '../../rules/form';

/** A photo, recording or file kept by the form: its bytes, their SHA-256 (the answer), a URL to show them. */
export interface PhotoDraft {
  blob: Blob;
  sha256: string;
  url: string;
}

/** The document kinds an `accept` entry stands for (`image`: the three image types). */
const KINDS: Readonly<Record<FileAccept, readonly FileKind[]>> = {
  pdf: ['pdf'],
  docx: ['docx'],
  xlsx: ['xlsx'],
  image: ['jpeg', 'png', 'webp'],
};

/** The `accept` attribute of a FILE question's input: the picker offers only what the server takes. */
const PICKER: Readonly<Record<FileAccept, string>> = {
  pdf: '.pdf,application/pdf',
  docx: '.docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  image: 'image/jpeg,image/png,image/webp',
};

export function acceptedOf(def: QuestionDef): readonly FileAccept[] {
  const listed = (def.accept ?? []).filter((a) => FILE_ACCEPTS.includes(a));
  return listed.length > 0 ? listed : FILE_ACCEPTS;
}

export type MediaProblem = FileProblem;

/** Why `blob` cannot answer `def` (empty, over 10 MB, not a recording, not an accepted file), or null. */
export async function mediaProblem(def: QuestionDef, blob: Blob): Promise<MediaProblem | null> {
  if (blob.size === 0) return 'empty';
  if (blob.size > MAX_MEDIA_BYTES) return 'tooLarge';
  if (def.kind === 'AUDIO') return (await audioKind(blob)) === null ? 'badType' : null;
  const kind = await fileKind(blob);
  return kind !== null && acceptedOf(def).some((a) => KINDS[a].includes(kind)) ? null : 'badType';
}

function kindsText(def: QuestionDef, t: Translate): string {
  return acceptedOf(def)
    .map((a) => t(`answer.fileKind.${a}`))
    .join(', ');
}

export function mediaProblemText(def: QuestionDef, problem: MediaProblem, t: Translate, lang: string): string {
  if (problem === 'tooLarge') return t('answer.media.tooLarge', { max: formatSize(MAX_MEDIA_BYTES, lang) });
  if (problem === 'empty') return t('answer.media.empty');
  return def.kind === 'AUDIO' ? t('answer.media.badAudio') : t('answer.media.badFile', { kinds: kindsText(def, t) });
}

/** The name a kept file was picked with (a File keeps it through IndexedDB), or null. */
export function keptName(blob: Blob): string | null {
  return typeof File === 'function' && blob instanceof File && blob.name ? blob.name : null;
}

/** Decoding a whole recording for its length costs its PCM in memory: only small ones. */
const DECODE_AT_MOST = 2_000_000;

/**
 * A recording's length by decoding it (Web Audio), when the player could not read it
 * (a page whose policy has no `media-src blob:`); null when it is too large or undecodable.
 */
async function decodedSeconds(blob: Blob): Promise<number | null> {
  if (blob.size > DECODE_AT_MOST || typeof AudioContext !== 'function') return null;
  const context = new AudioContext();
  try {
    return (await context.decodeAudioData(await blob.arrayBuffer())).duration;
  } catch {
    return null;
  } finally {
    void context.close();
  }
}

interface Props {
  def: QuestionDef;
  common: Record<string, unknown>;
  name: string;
  kept: PhotoDraft | undefined;
  preparing: boolean;
  onPick: (name: string, file: File | null) => void;
}

export function MediaField({ def, common, name, kept, preparing, onPick }: Props) {
  const { t, lang } = useI18n();
  const [refused, setRefused] = useState<MediaProblem | null>(null);
  const [checking, setChecking] = useState(false);
  const [seconds, setSeconds] = useState<number | null>(null);
  const audio = def.kind === 'AUDIO';
  const pick = async (file: File | null | undefined): Promise<void> => {
    setRefused(null);
    if (!file) return;
    setChecking(true);
    try {
      const problem = await mediaProblem(def, file);
      if (problem !== null) {
        setRefused(problem);
        return;
      }
      setSeconds(null);
      onPick(name, file);
    } finally {
      setChecking(false);
    }
  };
  const choose = async (input: HTMLInputElement): Promise<void> => {
    await pick(input.files?.[0]);
    input.value = ''; // the same file may be picked again after a removal
  };
  const size = kept ? formatSize(kept.blob.size, lang) : '';
  const duration =
    seconds !== null && Number.isFinite(seconds)
      ? t('answer.audioLength', { minutes: Math.floor(seconds / 60), seconds: Math.round(seconds % 60) })
      : '…';
  return (
    <div class="photo media">
      <input
        {...common}
        type="file"
        accept={audio ? 'audio/*' : acceptedOf(def).map((a) => PICKER[a]).join(',')}
        capture={audio ? 'user' : undefined}
        onChange={(e) => void choose(e.currentTarget)}
      />
      {audio && (
        // the recorder above; a recording already on the phone is picked here
        <label class="field media-pick">
          <span>{t('answer.audioPick')}</span>
          <input type="file" accept="audio/*" onChange={(e) => void choose(e.currentTarget)} />
        </label>
      )}
      <p class="hint">
        {audio
          ? t('answer.audioRecord', { max: formatSize(MAX_MEDIA_BYTES, lang) })
          : t('answer.fileAccepts', { kinds: kindsText(def, t), max: formatSize(MAX_MEDIA_BYTES, lang) })}
      </p>
      {(preparing || checking) && (
        <p class="hint" role="status">
          {t('answer.mediaPreparing')}
        </p>
      )}
      {refused !== null && (
        <p class="error" role="alert">
          {mediaProblemText(def, refused, t, lang)}
        </p>
      )}
      {kept && !preparing && (
        <div class="media-kept">
          {audio ? (
            <>
              <audio
                controls
                preload="metadata"
                src={kept.url}
                aria-label={t('answer.audioPlayer')}
                onLoadedMetadata={(e) => setSeconds(e.currentTarget.duration)}
                onError={() => void decodedSeconds(kept.blob).then((s) => s !== null && setSeconds(s))}
              />
              <span>{t('answer.audioChosen', { size, duration })}</span>
            </>
          ) : (
            <span class="file-name">{t('answer.fileChosen', { name: keptName(kept.blob) ?? t('answer.mediaKept'), size })}</span>
          )}
          <button type="button" class="secondary small" onClick={() => onPick(name, null)}>
            {audio ? t('answer.audioRemove') : t('answer.fileRemove')}
          </button>
        </div>
      )}
    </div>
  );
}
