/**
 * The first requests of a page load. The bootstrap (main.tsx) sends them before the app's
 * own code has arrived, so on 3G "who is signed in" and the home's data travel beside the
 * app's JavaScript instead of after it (decision 0036); the app then reads the same answers.
 *
 * A sign-out the server missed (made offline) is finished first, as before: nothing goes
 * out under an account signed out on this device.
 */
import { fetchViewer, finishSignOut, signedInHere } from './accounts';
import type { Viewer } from './db';
import { prefetchSummary } from './home';
import { prefetchSurveys } from './surveys';

let asked: Promise<Viewer | null> | null = null;

/**
 * Who is signed in, asked once per page load; beside it, on the home, the public surveys
 * and (when this browser holds a session) the staff home's data.
 */
export function askViewer(home: boolean): Promise<Viewer | null> {
  asked ??= finishSignOut().then(() => {
    const viewer = fetchViewer();
    if (home) {
      prefetchSurveys();
      if (signedInHere()) prefetchSummary();
    }
    return viewer;
  });
  return asked;
}
