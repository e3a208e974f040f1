/**
 * The app shell: the language, who is signed in, the network, the outbox badge and its
 * scheduler, the header and the current route's screen (loaded on first use, screens.ts).
 * Screens never import this module: they use router.ts and app-state.ts.
 */
import type { ComponentType } from 'preact';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { type AppState, AppContext, type SyncState } from './app-state';
import { LoadingState } from './components/states';
import { endSession } from './data/accounts';
import { type Viewer, getMeta, setMeta } from './data/db';
import { setRequestLanguage } from './data/graphql';
import { countOutbox, listOutbox, onOutboxChange } from './data/outbox';
import { askViewer } from './data/start-up';
import { SyncScheduler } from './data/sync';
import { I18nContext, type Language, loadLanguage, storeLanguage, storedLanguage, translator } from './i18n';
import { type Route, type ScreenProps, go, useRoute } from './router';
import { Header } from './screens/header';
import { SCREENS, preloadScreen, warmScreens } from './screens';
import { UpdatePrompt } from './screens/update-prompt';

function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const onOnline = (): void => setOnline(navigator.onLine);
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOnline);
    onOnline(); // the network may have changed between the first render and now
    return () => {
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOnline);
    };
  }, []);
  return online;
}

function Screen({ route }: { route: Route }) {
  const Component = SCREENS[route.name] as ComponentType<ScreenProps<Route['name']>>;
  return <Component route={route} />;
}

export function App() {
  const [lang, setLangState] = useState<Language>(storedLanguage);
  const [viewer, setViewer] = useState<Viewer | null | undefined>(undefined);
  const route = useRoute();
  const online = useOnline();
  const [sync, setSync] = useState<SyncState>({ running: false, outcome: null });
  const [pending, setPending] = useState(0);
  const viewerRef = useRef<Viewer | null | undefined>(undefined);
  viewerRef.current = viewer;

  const i18n = useMemo(() => {
    const setLang = (next: Language): void => {
      storeLanguage(next);
      // the labels change once the catalogue is here (a precached chunk: offline too)
      loadLanguage(next).then(
        () => setLangState(next),
        () => setLangState('vi'),
      );
    };
    return { lang, t: translator(lang), setLang };
  }, [lang]);

  // with the DOM, not after it: the page's lang (screen readers) and the next request's
  // Accept-Language change together with the labels
  useLayoutEffect(() => {
    setRequestLanguage(lang);
    document.documentElement.lang = lang;
    document.title = i18n.t('app.name');
  }, [lang, i18n]);

  // the other screens' chunks once the first screen is up (a burst of them would slow it down on 3G)
  const started = viewer !== undefined;
  useEffect(() => {
    if (started) warmScreens();
  }, [started]);

  // Who is signed in: the answer kept on the device at once (a repeat visit shows its
  // screen without waiting for the network), then the server's when it answers.
  useEffect(() => {
    void getMeta('viewer').then((stored) => {
      if (stored !== undefined) setViewer((now) => (now === undefined ? stored : now));
    });
    const asked = askViewer(route.name === 'home');
    // right behind "who is signed in" (first: a browser opens six connections at most)
    preloadScreen(route.name);
    asked
      .then(async (fresh) => {
        await setMeta('viewer', fresh);
        setViewer(fresh);
      })
      .catch(async () => setViewer((await getMeta('viewer')) ?? null));
  }, []);

  const scheduler = useMemo(
    () =>
      new SyncScheduler(
        () => (viewerRef.current === undefined ? null : (viewerRef.current?.username ?? '')),
        (outcome) => setSync({ running: outcome === null, outcome }),
      ),
    [],
  );

  useEffect(() => {
    const count = (): void => {
      void countOutbox().then(setPending);
    };
    count();
    return onOutboxChange(count);
  }, []);

  useEffect(() => {
    if (viewer === undefined) return;
    scheduler.start();
    return () => scheduler.stop();
  }, [viewer === undefined, scheduler]);

  const signedIn = useCallback(
    async (next: Viewer) => {
      await setMeta('viewer', next);
      setViewer(next);
      go({ name: 'home' });
      void scheduler.kick();
    },
    [scheduler],
  );

  const signOut = useCallback(async () => {
    const mine = (await listOutbox()).filter((i) => i.owner === viewerRef.current?.username);
    if (mine.length > 0 && !confirm(i18n.t('signOut.pending', { count: mine.length }))) return;
    await endSession();
    await setMeta('viewer', null);
    setViewer(null);
    go({ name: 'home' });
  }, [i18n]);

  const syncNow = useCallback(() => scheduler.kick(), [scheduler]);

  const state = useMemo<AppState | null>(
    () => (viewer === undefined ? null : { viewer, online, sync, pending, syncNow, signedIn, signOut }),
    [viewer, online, sync, pending, syncNow, signedIn, signOut],
  );

  return (
    <I18nContext.Provider value={i18n}>
      <Header viewer={viewer ?? null} pending={pending} online={online} route={route} onSignOut={() => void signOut()} />
      <main id="main">
        {state ? (
          <AppContext.Provider value={state}>
            <Screen route={route} />
          </AppContext.Provider>
        ) : (
          <LoadingState />
        )}
      </main>
      <UpdatePrompt />
    </I18nContext.Provider>
  );
}
