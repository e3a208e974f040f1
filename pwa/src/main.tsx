/**
 * The bootstrap: the page's first requests ("who is signed in" and, on the home, its data)
 * leave as soon as this small module has loaded, while the app's code (start.tsx, preloaded
 * from index.html) is still on its way; on 3G that saves a round trip (decision 0036).
 */
import { setRequestLanguage } from './data/graphql';
import { askViewer } from './data/start-up';
import { storedLanguage } from './i18n/stored';
import { parseRoute } from './router';
import './styles.css';

setRequestLanguage(storedLanguage());
askViewer(parseRoute(location.hash).name === 'home').catch(() => undefined); // the app reads it
void import('./start').then((app) => app.start());
