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
