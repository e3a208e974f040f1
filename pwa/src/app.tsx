import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { fetchViewer } from './data/api';
import { type Viewer, getMeta, setMeta } from './data/db';
import { setRequestLanguage } from './data/graphql';
import { type FlushOutcome, SyncScheduler, countOutbox, listOutbox, onOutboxChange } from './data/outbox';
import { endSession, finishSignOut } from './data/session';
import { I18nContext, type Language, storeLanguage, storedLanguage, translator } from './i18n';
import { Header } from './screens/header';
import { OutboxScreen } from './screens/outbox';
import { SignIn } from './screens/sign-in';
import { SurveyForm } from './screens/survey-form';
import { SurveyList } from './screens/survey-list';
import { UpdatePrompt } from './screens/update-prompt';

export type Route = { name: 'surveys' } | { name: 'signin' } | { name: 'outbox' } | { name: 'survey'; id: string };

function readRoute(): Route {
  const hash = location.hash.replace(/^#\/?/, '');
  if (hash === 'signin') return { name: 'signin' };
  if (hash === 'outbox') return { name: 'outbox' };
  const survey = /^s\/(.+)$/.exec(hash);
  if (survey?.[1]) return { name: 'survey', id: decodeURIComponent(survey[1]) };
  return { name: 'surveys' };
}

export function go(path: string): void {
  location.hash = path;
}

export interface SyncState {
  running: boolean;
  outcome: FlushOutcome | null;
}

export function App() {
  const [lang, setLangState] = useState<Language>(storedLanguage);
  const [viewer, setViewer] = useState<Viewer | null | undefined>(undefined);
  const [route, setRoute] = useState<Route>(readRoute);
  const [online, setOnline] = useState(navigator.onLine);
  const [sync, setSync] = useState<SyncState>({ running: false, outcome: null });
  const [pending, setPending] = useState(0);
  const viewerRef = useRef<Viewer | null | undefined>(undefined);
  viewerRef.current = viewer;

  const i18n = useMemo(() => {
    const setLang = (next: Language): void => {
      storeLanguage(next);
      setLangState(next);
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

  useEffect(() => {
    const onHash = (): void => setRoute(readRoute());
    const onOnline = (): void => setOnline(navigator.onLine);
    window.addEventListener('hashchange', onHash);
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOnline);
    // the address or the network may have changed between the first render and now
    onHash();
    onOnline();
    return () => {
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOnline);
    };
  }, []);

  // Who is signed in: the server when it answers, else the last answer kept on the device.
  useEffect(() => {
    finishSignOut()
      .then(fetchViewer)
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
      go('/');
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
    go('/');
  }, [i18n]);

  const syncNow = useCallback(() => scheduler.kick(), [scheduler]);

  let screen;
  if (viewer === undefined) {
    screen = <p class="loading">{i18n.t('app.loading')}</p>;
  } else if (route.name === 'signin') {
    screen = <SignIn onSignedIn={signedIn} online={online} />;
  } else if (route.name === 'outbox') {
    screen = <OutboxScreen viewer={viewer} sync={sync} onSync={syncNow} />;
  } else if (route.name === 'survey') {
    screen = <SurveyForm id={route.id} viewer={viewer} onSaved={syncNow} />;
  } else {
    screen = <SurveyList viewer={viewer} online={online} />;
  }

  return (
    <I18nContext.Provider value={i18n}>
      <Header viewer={viewer ?? null} pending={pending} online={online} route={route} onSignOut={signOut} />
      <main id="main">{screen}</main>
      <UpdatePrompt />
    </I18nContext.Provider>
  );
}
