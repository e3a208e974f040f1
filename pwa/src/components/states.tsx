/** The loading, empty and error states every screen and list shows the same way. */
import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n';
import { href } from '../router';

/** "Đang tải…" while a screen or a list loads. */
export function LoadingState() {
  const { t } = useI18n();
  return <p class="loading">{t('app.loading')}</p>;
}

/** Nothing to show, said in words (not a blank screen). */
export function EmptyState({ children }: { children: ComponentChildren }) {
  return <p class="empty">{children}</p>;
}

/** A note on what the screen shows (kept on the device, sent, saved), announced without interrupting. */
export function StatusNotice({ children }: { children: ComponentChildren }) {
  return (
    <p class="notice" role="status">
      {children}
    </p>
  );
}

/** A screen that needs an account, shown to a visitor: its title, why, and "Sign in". */
export function SignInFirst({ title, children }: { title: string; children: ComponentChildren }) {
  const { t } = useI18n();
  return (
    <section>
      <h1>{title}</h1>
      <EmptyState>{children}</EmptyState>
      <a class="button primary" href={href({ name: 'signin' })}>
        {t('nav.signIn')}
      </a>
    </section>
  );
}

interface ErrorProps {
  message: string;
  /** Shows a "Try again" button (a 48 px target) that calls this. */
  onRetry?: () => void;
}

/** An error announced to screen readers, with a retry when one makes sense. */
export function ErrorState({ message, onRetry }: ErrorProps) {
  const { t } = useI18n();
  return (
    <p class="error" role="alert">
      {message}
      {onRetry && (
        <>
          {' '}
          <button type="button" class="secondary small" onClick={onRetry}>
            {t('app.retry')}
          </button>
        </>
      )}
    </p>
  );
}
