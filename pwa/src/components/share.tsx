/**
 * Copy and share buttons (a tracking code, a link to a showcase model): the phone's share
 * sheet where the browser has `navigator.share`, else the clipboard (a hidden textarea
 * where the Clipboard API is missing, as on plain HTTP). What happened is said in words.
 */
import { useState } from 'preact/hooks';
import { useI18n } from '../i18n';

async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // refused (no permission, plain HTTP): the old way below
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'offscreen';
  document.body.appendChild(area);
  area.select();
  let done = false;
  try {
    done = document.execCommand('copy');
  } catch {
    done = false;
  }
  area.remove();
  return done;
}

type Said = 'copied' | 'shared' | 'failed' | null;

interface Props {
  /** What "Copy" puts on the clipboard (a code, a link). */
  copy: string;
  /** What "Share" sends: a title, a text and a link. */
  share: { title: string; text: string; url: string };
  copyLabel: string;
}

export function CopyShare({ copy, share, copyLabel }: Props) {
  const { t } = useI18n();
  const [said, setSaid] = useState<Said>(null);
  const onCopy = async (): Promise<void> => setSaid((await copyText(copy)) ? 'copied' : 'failed');
  const onShare = async (): Promise<void> => {
    try {
      await navigator.share(share);
      setSaid('shared');
    } catch (error) {
      if (!(error instanceof DOMException && error.name === 'AbortError')) setSaid('failed');
    }
  };
  return (
    <div class="actions share">
      <button type="button" class="secondary" onClick={() => void onCopy()}>
        {copyLabel}
      </button>
      {typeof navigator.share === 'function' && (
        <button type="button" class="secondary" onClick={() => void onShare()}>
          {t('share.share')}
        </button>
      )}
      <p class="share-said" role="status">
        {said && t(`share.${said}`)}
      </p>
    </div>
  );
}
