/**
 * A confirmation in a modal <dialog> (focus moves into it, Escape cancels, the page
 * behind is inert): for an action that cannot be undone, such as deleting an outbox item.
 * Render it while a question is open; it closes by calling one of its two callbacks.
 */
import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n';

interface Props {
  message: string;
  /** The confirming button's text (says what happens: "Xóa", not "OK"). */
  confirmLabel: string;
  /** Red confirming button, for destructive actions. */
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmDialog({ message, confirmLabel, danger = false, onConfirm, onCancel }: Props) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) {
      if (typeof element.showModal === 'function') element.showModal();
      else element.setAttribute('open', '');
    }
  }, []);
  return (
    <dialog
      ref={dialog}
      class="confirm"
      aria-labelledby="confirm-message"
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <p id="confirm-message">{message}</p>
      <div class="actions">
        <button type="button" class="secondary" onClick={onCancel}>
          {t('app.cancel')}
        </button>
        <button type="button" class={danger ? 'danger' : 'primary'} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
