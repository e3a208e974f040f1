/**
 * What every screen may need from the app shell, through one context instead of props
 * threaded through app.tsx: who is signed in, the network, the outbox's sync state and
 * the actions on them. Screens read it with `useApp()`; only app.tsx provides it.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Viewer } from './data/db';
import type { FlushOutcome } from './data/outbox';

export interface SyncState {
  running: boolean;
  outcome: FlushOutcome | null;
}

export interface AppState {
  /** The signed-in account, or null for a visitor (screens open once this is known). */
  viewer: Viewer | null;
  online: boolean;
  sync: SyncState;
  /** Items waiting in the outbox (the badge). */
  pending: number;
  /** Flush the outbox now (or join the flush running). */
  syncNow: () => Promise<FlushOutcome>;
  signedIn: (viewer: Viewer) => Promise<void>;
  signOut: () => Promise<void>;
}

export const AppContext = createContext<AppState | null>(null);

export function useApp(): AppState {
  const state = useContext(AppContext);
  if (!state) throw new Error('useApp() outside <AppContext.Provider>');
  return state;
}
