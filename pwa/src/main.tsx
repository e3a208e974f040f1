/** Start-up: register the outbox's kinds (items queued earlier are sent on open), then render. */
import { render } from 'preact';
import { App } from './app';
import { registerOutboxKinds } from './data/outbox-kinds';
import './styles.css';

registerOutboxKinds();
render(<App />, document.getElementById('app') as HTMLElement);
