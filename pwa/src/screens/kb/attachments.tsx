/**
 * An article's attachments for its reader: each file's name, kind and size, opened from
 * the server (images in a new tab, other files saved). Without a signal the list still
 * shows (it is kept with the article) and says which files need a connection: only the
 * small files already opened on this phone are kept (sw.ts).
 */
import { useEffect, useState } from 'preact/hooks';
import { type ArticleAttachment, attachmentKept } from '../../data/knowledge';
import { formatSize } from '../../data/file-types';
import { type MessageKey, useI18n } from '../../i18n';

const KINDS: Record<string, string> = {
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
};

/** The catalogue key naming a file's kind for people ("PDF", "Ảnh", "Văn bản Word"…). */
export function kindKey(contentType: string): MessageKey {
  const kind = contentType.startsWith('image/') ? 'image' : (KINDS[contentType] ?? 'other');
  return `kb.fileKind.${kind}` as MessageKey;
}

export function AttachmentList({ attachments, offline }: { attachments: ArticleAttachment[]; offline: boolean }) {
  const { t, lang } = useI18n();
  const [kept, setKept] = useState<Set<string> | null>(null);
  useEffect(() => {
    let live = true;
    if (!offline) {
      setKept(null);
      return;
    }
    void Promise.all(attachments.map(async (a) => ((await attachmentKept(a.url)) ? a.url : null))).then(
      (found) => live && setKept(new Set(found.filter((url): url is string => url !== null))),
    );
    return () => {
      live = false;
    };
  }, [attachments, offline]);
  if (attachments.length === 0) return null;
  return (
    <section class="kb-attachments" aria-labelledby="kb-attachments-title">
      <h2 id="kb-attachments-title">{t('kb.attachments', { count: attachments.length })}</h2>
      <ul>
        {attachments.map((a) => {
          const image = a.contentType.startsWith('image/');
          const reachable = !offline || (kept?.has(a.url) ?? false);
          return (
            <li key={a.id} data-testid="kb-attachment">
              {reachable ? (
                <a href={a.url} {...(image ? { target: '_blank', rel: 'noopener' } : { download: a.fileName })}>
                  {a.fileName}
                </a>
              ) : (
                <span class="file-name">{a.fileName}</span>
              )}
              <span class="meta">
                {t(kindKey(a.contentType))} · {formatSize(a.size, lang)}
                {offline && kept !== null && ` · ${t(reachable ? 'kb.attachmentKept' : 'kb.attachmentNeedsConnection')}`}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
