/** The app's start: register the outbox's kinds (items queued earlier are sent on open), load
 * the chosen language, then render. Loaded by the bootstrap (main.tsx). */
import { render } from 'preact';
import { App } from './app';
import { registerOutboxKinds } from './data/outbox-kinds';
import { loadLanguage, storedLanguage } from './i18n';

export function start(): void {
  registerOutboxKinds();
  // English, when it was chosen on this device, before the first render (no flash of Vietnamese)
  void loadLanguage(storedLanguage())
    .catch(() => undefined)
    .then(() => render(<App />, document.getElementById('app') as HTMLElement));
}
