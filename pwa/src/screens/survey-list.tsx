/**
 * The surveys the person may answer: the kept list at once, then the server's (kept for
 * offline use with the units the forms offer); a draft in progress says so.
 */
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../app-state';
import { EmptyState, ErrorState, LoadingState } from '../components/states';
import { type CachedSurvey, draftsOf } from '../data/db';
import { answeredHere, byTitle, cacheSurveys, cachedSurveys, fetchPublishedSurveys } from '../data/surveys';
import { formatTime, useI18n } from '../i18n';
import { href } from '../router';

/** The survey list; `nested` when it is a part of the home screen (an h2, not the page's h1). */
export function SurveyList({ nested = false }: { nested?: boolean; route?: unknown }) {
  const { t, lang } = useI18n();
  const { viewer, online } = useApp();
  const owner = viewer?.username ?? '';
  const [surveys, setSurveys] = useState<CachedSurvey[] | null>(null);
  const [fromCache, setFromCache] = useState(false);
  const [error, setError] = useState(false);
  const [refreshing, setRefreshing] = useState(false);
  const [drafts, setDrafts] = useState<Map<string, string>>(new Map());
  // public surveys a visitor already answered on this device (once per device)
  const [answered, setAnswered] = useState<Set<string>>(new Set());

  const refresh = async (): Promise<void> => {
    setRefreshing(true);
    try {
      const fresh = await fetchPublishedSurveys(owner);
      await cacheSurveys(fresh, owner);
      setSurveys(fresh.sort(byTitle));
      setFromCache(false);
      setError(false);
      // the units the forms offer, kept for offline use: the viewer's own area, and the public
      // surveys' areas (a visitor on this phone later, after a sign-out with no signal)
      const areas = [...(viewer ? [viewer.scope.code] : []), ...fresh.filter((s) => s.isPublic).map((s) => s.area.code)];
      // (imported when needed: the home's first paint on 3G waits for no extra chunk)
      void import('../data/network').then(({ keepAreaUnits }) => new Set(areas).forEach(keepAreaUnits));
    } catch {
      const kept = await cachedSurveys(owner);
      setSurveys(kept);
      setFromCache(true);
      setError(kept.length === 0);
    } finally {
      setRefreshing(false);
    }
  };

  useEffect(() => {
    void cachedSurveys(owner).then((kept) => setSurveys((now) => now ?? kept));
    void draftsOf(owner)
      .then(setDrafts)
      .catch(() => undefined);
    void refresh();
  }, [owner]);

  useEffect(() => {
    if (owner !== '' || !surveys) return;
    let live = true;
    const publicOnes = surveys.filter((s) => s.isPublic);
    void Promise.all(publicOnes.map((s) => answeredHere(s.id).then((found) => (found ? s.id : null)))).then(
      (ids) => live && setAnswered(new Set(ids.filter((id): id is string => id !== null))),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [owner, surveys]);

  return (
    <section>
      <div class="row">
        {nested ? <h2>{t('surveys.title')}</h2> : <h1>{viewer ? t('surveys.title') : t('surveys.publicTitle')}</h1>}
        <button type="button" class="secondary small" onClick={() => void refresh()} disabled={refreshing || !online}>
          {t('surveys.refresh')}
        </button>
      </div>
      {fromCache && surveys && surveys.length > 0 && <p class="hint">{t('surveys.offlineCached')}</p>}
      {error && <ErrorState message={t('surveys.loadFailed')} />}
      {surveys === null ? (
        <LoadingState />
      ) : surveys.length === 0 ? (
        !error && <EmptyState>{t('surveys.empty')}</EmptyState>
      ) : (
        <ul class="cards">
          {surveys.map((survey) => {
            const draft = drafts.get(survey.id);
            const done = answered.has(survey.id);
            const action = done ? t('surveys.seeAnswered') : draft ? t('surveys.continue') : t('surveys.open');
            return (
              <li key={survey.id} class="card survey">
                <h2>{survey.title}</h2>
                {survey.description && <p>{survey.description}</p>}
                <p class="meta">
                  {survey.area.name} · {t('surveys.version', { version: survey.currentVersion })}
                  {survey.isPublic && <span class="tag">{t('surveys.public')}</span>}
                </p>
                {draft && <p class="draft">{t('surveys.draft', { time: formatTime(draft, lang) })}</p>}
                {done && <p class="meta">{t('surveys.answered')}</p>}
                <a class={`button ${done ? 'secondary' : 'primary'}`} href={href({ name: 'survey', id: survey.id })} aria-label={`${action}: ${survey.title}`}>
                  {action}
                </a>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
