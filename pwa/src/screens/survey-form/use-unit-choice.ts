/**
 * The respondent's unit: only what the server will accept from this person. Signed-in
 * staff may name units of their own area (their commune or ward and its hamlets) that lie
 * inside the survey's area; a visitor answering a public survey, any commune or hamlet of
 * the survey's area. The units are kept on the device (data/network.ts), so the choice
 * works offline once the list was seen online. The viewer's own unit (or the only one) is
 * the default until a unit is chosen or restored from a draft.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Viewer } from '../../data/db';
import { type AreaUnit, areaUnits, unitsWithin } from '../../data/network';
import type { SurveyState } from './use-survey';

export type UnitList = 'loading' | 'failed' | AreaUnit[];

export function useUnitChoice(survey: SurveyState, viewer: Viewer | null) {
  const known = survey && survey !== 'missing' ? survey : null;
  // whose area to read: the viewer's own (the server refuses a unit outside it), or the survey's
  const base = viewer ? viewer.scope.code : (known?.area.code ?? null);
  const [units, setUnits] = useState<UnitList>('loading');
  const [unitCode, setUnitCode] = useState('');

  useEffect(() => {
    if (!base) return;
    let live = true;
    setUnits('loading');
    areaUnits(base).then(
      (found) => live && setUnits(found),
      () => live && setUnits('failed'),
    );
    return () => {
      live = false;
    };
  }, [base]);

  const choices: UnitList = useMemo(() => {
    if (!known || typeof units === 'string') return units;
    return unitsWithin(units, known.area.code);
  }, [known?.area.code, units]);

  // the default is derived, never written over a choice: a draft restored after the list
  // arrived (a reopened response naming a unit now refused) keeps its own unit
  const fallback = useMemo(() => {
    if (typeof choices === 'string') return '';
    if (choices.length === 1 && choices[0]) return choices[0].code;
    return viewer && choices.some((u) => u.code === viewer.scope.code) ? viewer.scope.code : '';
  }, [choices, viewer?.scope.code]);

  return { choices, unitCode: unitCode || fallback, setUnitCode };
}
