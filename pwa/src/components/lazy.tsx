/**
 * Route-level code splitting without preact/compat: `lazy(load)` is a component that
 * loads its real one with import() when first rendered, shows the loading state
 * meanwhile and an error with "Try again" if the chunk cannot be fetched. Once loaded it
 * renders at once. The service worker precaches every chunk, so this works offline too;
 * `preload()` fetches one ahead of time (the app warms every screen once it is idle, so
 * a screen still opens when the network drops before the service worker controls the page).
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import { ErrorState, LoadingState } from './states';

export type LazyComponent<P> = ComponentType<P> & { preload: () => Promise<unknown> };

export function lazy<P extends object>(load: () => Promise<ComponentType<P>>): LazyComponent<P> {
  let component: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const start = (): Promise<ComponentType<P>> => {
    loading ??= load().then((loaded) => (component = loaded));
    return loading;
  };

  function Lazy(props: P) {
    const { t } = useI18n();
    const [, rerender] = useState(0);
    const [failed, setFailed] = useState(false);
    const [attempt, setAttempt] = useState(0);
    useEffect(() => {
      // Loaded between this render and this effect (a preload won the race): render it
      // now, or the loading state would stay until something else re-rendered.
      if (component) {
        rerender((n) => n + 1);
        return;
      }
      let live = true;
      start().then(
        () => live && rerender((n) => n + 1),
        () => {
          loading = null; // the next attempt fetches again
          if (live) setFailed(true);
        },
      );
      return () => {
        live = false;
      };
    }, [attempt]);
    const Component = component;
    if (Component) return <Component {...props} />;
    if (failed) {
      const retry = (): void => {
        setFailed(false);
        setAttempt((n) => n + 1);
      };
      return <ErrorState message={t('app.screenFailed')} onRetry={retry} />;
    }
    return <LoadingState />;
  }
  Lazy.preload = (): Promise<unknown> =>
    start().catch(() => {
      loading = null; // not fetched now: the screen tries again when opened
    });
  return Lazy;
}
