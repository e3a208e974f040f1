/**
 * The accounts domain: who is signed in (viewer), signing in and out.
 *
 * Signing out offline cannot reach the server, so the session cookie stays valid there:
 * the sign-out is remembered and finished before anything else is sent, so work
 * collected after it (a visitor's) never goes out under that account.
 */
import { type ServerError, type Viewer, getMeta, setMeta } from './db';
import { graphql, operation } from './graphql';

const VIEWER_FIELDS = 'username displayName roles scope { code name kind }';

const VIEWER = operation(`query Viewer { viewer { ${VIEWER_FIELDS} } }`);
const LOGIN = operation(`mutation Login($input: LoginInput!) { login(input: $input) { viewer { ${VIEWER_FIELDS} } errors { field code message } } }`);
const LOGOUT = operation('mutation Logout { logout { ok errors { code } } }');

/**
 * Whether a session was opened in this browser: the server sets a readable cookie holding
 * no secret beside the session's (decision 0036). A hint only: the server's viewer decides.
 */
export function signedInHere(cookies = document.cookie): boolean {
  return cookies.split(/;\s*/).includes('dxnet_signed_in=1');
}

export async function fetchViewer(): Promise<Viewer | null> {
  const data = await graphql<{ viewer: Viewer | null }>(VIEWER);
  return data.viewer;
}

export interface LoginResult {
  viewer: Viewer | null;
  errors: ServerError[];
}

export async function login(username: string, password: string): Promise<LoginResult> {
  const data = await graphql<{ login: LoginResult }>(LOGIN, { input: { username, password } });
  return data.login;
}

async function logout(): Promise<void> {
  await graphql<{ logout: { ok: boolean } }>(LOGOUT);
}

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
