/**
 * The editor's attachments (`#/kb/edit/<id>`): the files the article carries, each
 * removable, and new files uploaded as soon as they are picked, after the phone checked
 * their type (from the bytes) and size as the server will; a bar shows each upload's
 * progress, a refusal its reason. The save attaches the uploaded files and removes the
 * marked ones in the version it makes; until then nothing changes for readers.
 */
import type { Dispatch, StateUpdater } from 'preact/hooks';
import { FieldError } from '../../components/fields';
import { formatSize } from '../../data/file-types';
import {
  type ArticleAttachment,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS,
  attachmentProblem,
  uploadAttachment,
} from '../../data/knowledge';
import { type MessageKey, useI18n } from '../../i18n';
import { kindKey } from './attachments';

const ACCEPT = '.pdf,.jpg,.jpeg,.png,.webp,.docx,.xlsx,application/pdf,image/jpeg,image/png,image/webp';
const MAX_MB = MAX_ATTACHMENT_BYTES / 1_000_000;

/** A file picked in this editing session: uploading, uploaded (awaiting the save) or refused. */
export interface PendingFile {
  key: string;
  fileName: string;
  size: number;
  state: 'uploading' | 'ready' | 'failed';
  progress: number;
  uploadId?: string;
  contentType?: string;
  error?: string;
}

interface Props {
  current: ArticleAttachment[];
  pending: PendingFile[];
  setPending: Dispatch<StateUpdater<PendingFile[]>>;
  removing: Set<string>;
  setRemoving: Dispatch<StateUpdater<Set<string>>>;
  online: boolean;
}

let picked = 0;

export function AttachmentsEditor({ current, pending, setPending, removing, setRemoving, online }: Props) {
  const { t, lang } = useI18n();
  const kept = current.filter((a) => !removing.has(a.id)).length;
  const held = kept + pending.filter((p) => p.state !== 'failed').length;
  const update = (key: string, change: Partial<PendingFile>): void => setPending((now) => now.map((p) => (p.key === key ? { ...p, ...change } : p)));

  const upload = async (file: File, key: string): Promise<void> => {
    try {
      const result = await uploadAttachment(file, (sent) => update(key, { progress: sent }));
      if ('upload' in result) update(key, { state: 'ready', progress: 1, uploadId: result.upload.uploadId, fileName: result.upload.fileName, contentType: result.upload.contentType });
      else update(key, { state: 'failed', error: result.errors[0]?.message ?? t('kb.attachFailed', { name: file.name }) });
    } catch {
      update(key, { state: 'failed', error: t('kb.attachFailed', { name: file.name }) });
    }
  };

  const pick = async (files: FileList | null): Promise<void> => {
    if (!files) return;
    let room = MAX_ATTACHMENTS - held;
    for (const file of Array.from(files)) {
      picked += 1;
      const key = `pick-${picked}`;
      const base = { key, fileName: file.name, size: file.size, progress: 0 };
      const problem = room <= 0 ? 'tooMany' : await attachmentProblem(file);
      if (problem) {
        const error = t(`kb.attachProblem.${problem}` as MessageKey, { name: file.name, max: problem === 'tooMany' ? MAX_ATTACHMENTS : MAX_MB });
        setPending((now) => [...now, { ...base, state: 'failed', error }]);
        continue;
      }
      room -= 1;
      setPending((now) => [...now, { ...base, state: 'uploading' }]);
      void upload(file, key);
    }
  };

  return (
    <fieldset class="kb-attach">
      <legend>{t('kb.attachments', { count: held })}</legend>
      <p class="hint" id="kb-attach-hint">
        {t('kb.attachHint', { max: MAX_MB, count: MAX_ATTACHMENTS })}
      </p>
      <ul class="init-file-list">
        {current.map((a) => {
          const gone = removing.has(a.id);
          return (
            <li key={a.id} class={gone ? 'removing' : undefined} data-testid="kb-attached">
              <span class="file-name">{a.fileName}</span>
              <span class="hint">
                {t(kindKey(a.contentType))} · {formatSize(a.size, lang)}
                {gone && ` · ${t('kb.attachWillRemove')}`}
              </span>
              <button
                type="button"
                class="secondary small"
                aria-label={t(gone ? 'kb.attachKeep' : 'kb.attachRemove', { name: a.fileName })}
                onClick={() =>
                  setRemoving((now) => {
                    const next = new Set(now);
                    if (gone) next.delete(a.id);
                    else next.add(a.id);
                    return next;
                  })
                }
              >
                {t(gone ? 'kb.attachKeepShort' : 'kb.remove')}
              </button>
            </li>
          );
        })}
        {pending.map((p) => (
          <li key={p.key} data-testid="kb-pending">
            <span class="file-name">{p.fileName}</span>
            <span class="hint">
              {formatSize(p.size, lang)}
              {p.state === 'ready' && ` · ${t('kb.attachReady')}`}
            </span>
            {p.state === 'uploading' && (
              <span class="progress-line">
                <progress max={1} value={p.progress} aria-label={t('kb.attachUploading', { name: p.fileName })} />
                {Math.round(p.progress * 100)}%
              </span>
            )}
            <button
              type="button"
              class="secondary small"
              aria-label={t('kb.attachRemove', { name: p.fileName })}
              onClick={() => setPending((now) => now.filter((x) => x.key !== p.key))}
            >
              {t('kb.remove')}
            </button>
            <FieldError message={p.error} />
          </li>
        ))}
      </ul>
      {online ? (
        <label class="file-picker">
          <span>{t('kb.attach')}</span>
          <input
            id="kb-attach"
            type="file"
            accept={ACCEPT}
            multiple
            aria-describedby="kb-attach-hint"
            disabled={held >= MAX_ATTACHMENTS}
            onChange={(e) => {
              void pick(e.currentTarget.files);
              e.currentTarget.value = '';
            }}
          />
        </label>
      ) : (
        <p class="notice">{t('kb.attachOffline')}</p>
      )}
    </fieldset>
  );
}
