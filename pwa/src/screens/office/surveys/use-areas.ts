/** The viewer's unit and the units right below it (the areas a survey may cover), once. */
import { useEffect, useState } from 'preact/hooks';
import type { Viewer } from '../../../data/db';
import { type Unit, fetchSurveyAreas } from '../../../data/survey-admin';

/** null while loading; [] when it failed or the viewer has no scope. */
export function useAreas(viewer: Viewer | null): Unit[] | null {
  const [areas, setAreas] = useState<Unit[] | null>(null);
  const code = viewer?.scope.code ?? '';
  useEffect(() => {
    if (!code) {
      setAreas([]);
      return;
    }
    let live = true;
    fetchSurveyAreas(code).then(
      (found) => live && setAreas(found),
      () => live && setAreas([]),
    );
    return () => {
      live = false;
    };
  }, [code]);
  return areas;
}
