/**
 * What the office's forms share around their fields: the send (busy while it runs, the
 * server's errors after, one "could not save" error when the send itself failed) and the
 * Cancel / submit buttons under the form; the server's error for a field, and the rest.
 */
import { useState } from 'preact/hooks';
import type { ServerError } from '../data/db';
import { useI18n } from '../i18n';

export interface FormSend {
  errors: ServerError[];
  setErrors: (errors: ServerError[]) => void;
  working: boolean;
  /** The form's `onSubmit`: runs `send`, shows the errors it returns (none when it saved). */
  submit: (send: () => Promise<ServerError[]>) => (event: Event) => Promise<void>;
}

/** `failedMessage`: said when the send fails (no network, the server down). */
export function useFormSend(failedMessage: string): FormSend {
  const [errors, setErrors] = useState<ServerError[]>([]);
  const [working, setWorking] = useState(false);
  const submit = (send: () => Promise<ServerError[]>) => async (event: Event) => {
    event.preventDefault();
    setWorking(true);
    try {
      setErrors(await send());
    } catch {
      setErrors([{ field: null, code: 'NETWORK', message: failedMessage }]);
    } finally {
      setWorking(false);
    }
  };
  return { errors, setErrors, working, submit };
}

interface ActionsProps {
  working: boolean;
  /** What the submit button says while the form is sent ("Đang lưu…"). */
  workingLabel: string;
  submitLabel: string;
  /** Leave out for a form with no Cancel. */
  onCancel?: () => void;
  small?: boolean;
}

/** Cancel, then the submit button (disabled while the form is sent). */
export function FormActions({ working, workingLabel, submitLabel, onCancel, small = false }: ActionsProps) {
  const { t } = useI18n();
  const size = small ? ' small' : '';
  return (
    <div class="actions">
      {onCancel && (
        <button type="button" class={`secondary${size}`} onClick={onCancel}>
          {t('app.cancel')}
        </button>
      )}
      <button type="submit" class={`primary${size}`} disabled={working}>
        {working ? workingLabel : submitLabel}
      </button>
    </div>
  );
}

/** The server's message for `field` (its GraphQL name), if it refused that field. */
export function fieldError(errors: ServerError[], field: string): string | null {
  return errors.find((e) => e.field === field)?.message ?? null;
}

/** Errors that name no field shown on the form (or none at all), as one message. */
export function otherErrors(errors: ServerError[], shown: string[]): string {
  return errors
    .filter((e) => !e.field || !shown.includes(e.field))
    .map((e) => e.message)
    .join(' ');
}
