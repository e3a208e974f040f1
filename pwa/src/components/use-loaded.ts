import { useEffect, useState } from 'preact/hooks';

/**
 * What `load()` answers (choices of a form: tags, organisers, members…), `fallback`
 * until then and when it fails; loaded again when `deps` change. An answer that arrives
 * after the component is gone, or after a newer load began, is dropped. With `load` null
 * there is nothing to load now and the value stays as it is.
 */
export function useLoaded<T>(load: (() => Promise<T>) | null, fallback: T, deps: unknown[]): T {
  const [value, setValue] = useState<T>(fallback);
  useEffect(() => {
    if (!load) return;
    let live = true;
    load().then(
      (found) => live && setValue(found),
      () => live && setValue(fallback),
    );
    return () => {
      live = false;
    };
  }, deps);
  return value;
}

/** A record screen's load: `value` undefined until it comes, `offline` when it is the device's copy. */
export interface KeptLoad<T> {
  value: T | undefined;
  offline: boolean;
  failed: boolean;
  /** Load it again (a retry, or after a change). */
  load: () => void;
}

/** Fetch the record `id` (a data module's kept fetch) when `id` changes and at each `load()`; `pick` takes the record from the answer. */
export function useKeptRecord<F extends { offline: boolean }, T>(id: string, fetch: (id: string) => Promise<F>, pick: (found: F) => T): KeptLoad<T> {
  const [value, setValue] = useState<T | undefined>(undefined);
  const [offline, setOffline] = useState(false);
  const [failed, setFailed] = useState(false);
  const load = (): void => {
    setFailed(false);
    fetch(id).then(
      (found) => {
        setValue(pick(found));
        setOffline(found.offline);
      },
      () => setFailed(true),
    );
  };
  useEffect(load, [id]);
  return { value, offline, failed, load };
}

/** A fetch's answer: 'loading', 'error' (`load()` tries again) or the value; fetched again when `deps` change. */
export function useFetched<T>(fetch: () => Promise<T>, deps: unknown[]) {
  const [state, setState] = useState<T | 'loading' | 'error'>('loading');
  const load = (): void => {
    setState('loading');
    fetch().then(setState, () => setState('error'));
  };
  useEffect(load, deps);
  return { state, setState, load };
}

/** What `load()` answers, null until then (and again at each reload), `failed` when it failed; `retry()` loads it again. */
export function useRetried<T>(load: () => Promise<T>, deps: unknown[]) {
  const [value, setValue] = useState<T | null>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    setValue(null);
    setFailed(false);
    load().then(
      (found) => current && setValue(found),
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [...deps, attempt]);
  return { value, failed, retry: () => setAttempt((n) => n + 1) };
}
