/**
 * Signing out on the server. Signing out offline cannot reach it, so the session cookie
 * stays valid there: the sign-out is remembered and finished before anything else is
 * sent, so work collected after it (a visitor's) never goes out under that account.
 */
import { logout } from './api';
import { getMeta, setMeta } from './db';

/** Sign out on the server now, or as soon as it can be reached. */
export async function endSession(): Promise<void> {
  try {
    await logout();
    await setMeta('logoutPending', false);
  } catch {
    await setMeta('logoutPending', true);
  }
}

/** Finish a sign-out the server missed; throws (a network error) while it cannot. */
export async function finishSignOut(): Promise<void> {
  if (!(await getMeta('logoutPending'))) return;
  await logout();
  await setMeta('logoutPending', false);
}
