/** The survey being answered: the copy kept on the device at once, the server's when it differs. */
import { useEffect, useState } from 'preact/hooks';
import type { CachedSurvey } from '../../data/db';
import { cacheSurvey, cachedSurvey, fetchSurvey } from '../../data/surveys';

/** null while loading; 'missing' when neither the device nor the server has it. */
export type SurveyState = CachedSurvey | null | 'missing';

export function useSurveyDefinition(id: string, owner: string): SurveyState {
  const [survey, setSurvey] = useState<SurveyState>(null);
  useEffect(() => {
    let live = true;
    void (async () => {
      const kept = await cachedSurvey(id);
      if (kept && live) setSurvey(kept);
      try {
        const fresh = await fetchSurvey(id, owner);
        if (fresh) await cacheSurvey(fresh);
        if (live && (!kept || (fresh && fresh.currentVersion !== kept.currentVersion))) setSurvey(fresh ?? 'missing');
      } catch {
        if (live && !kept) setSurvey('missing');
      }
    })();
    return () => {
      live = false;
    };
  }, [id, owner]);
  return survey;
}
