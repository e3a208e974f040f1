/**
 * The respondent's commune or ward: the survey's own when it covers one commune, else
 * one of the kept communes, the viewer's chosen by default.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { UnitOption, Viewer } from '../../data/db';
import { keptUnits } from '../../data/network';
import type { SurveyState } from './use-survey';

const COMMUNE_KINDS = new Set(['COMMUNE', 'WARD', 'SPECIAL_ZONE']);

export function useUnitChoice(survey: SurveyState, viewer: Viewer | null) {
  const [units, setUnits] = useState<UnitOption[]>([]);
  const [unitCode, setUnitCode] = useState('');

  useEffect(() => {
    void keptUnits().then(setUnits);
  }, []);

  const choices = useMemo(() => {
    if (!survey || survey === 'missing') return units;
    if (COMMUNE_KINDS.has(survey.area.kind)) return [survey.area];
    return units;
  }, [survey, units]);

  useEffect(() => {
    if (unitCode) return;
    if (choices.length === 1 && choices[0]) setUnitCode(choices[0].code);
    else if (viewer && choices.some((u) => u.code === viewer.scope.code)) setUnitCode(viewer.scope.code);
  }, [choices, viewer, unitCode]);

  return { choices, unitCode, setUnitCode };
}
