/** Sign in with a username and password (online only); visitors answer public surveys without. */
import { useState } from 'preact/hooks';
import { useApp } from '../app-state';
import { TextField } from '../components/fields';
import { ErrorState } from '../components/states';
import { login } from '../data/accounts';
import { useI18n } from '../i18n';

export function SignIn() {
  const { t } = useI18n();
  const { online, signedIn: onSignedIn } = useApp();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (!online) {
      setError(t('signIn.offline'));
      return;
    }
    setWorking(true);
    setError(null);
    try {
      const result = await login(username.trim(), password);
      if (result.viewer) {
        await onSignedIn(result.viewer);
      } else {
        setError(result.errors[0]?.message ?? t('signIn.failed'));
      }
    } catch {
      setError(t('signIn.failed'));
    } finally {
      setWorking(false);
    }
  };

  return (
    <section class="card narrow">
      <h1>{t('signIn.title')}</h1>
      <form onSubmit={submit} noValidate>
        <TextField
          label={t('signIn.username')}
          name="username"
          autocomplete="username"
          autocapitalize="none"
          required
          value={username}
          onInput={(e) => setUsername(e.currentTarget.value)}
        />
        <TextField
          label={t('signIn.password')}
          name="password"
          type="password"
          autocomplete="current-password"
          required
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
        {error && <ErrorState message={error} />}
        <button type="submit" class="primary" disabled={working}>
          {working ? t('signIn.working') : t('signIn.submit')}
        </button>
      </form>
      <p class="hint">{t('signIn.publicHint')}</p>
    </section>
  );
}
