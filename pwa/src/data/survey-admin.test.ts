import { describe, expect, it } from 'vitest';
import { type ManagedSurvey, exportUrl, mayEdit, surveyNumber } from './survey-admin';

describe('the export address', () => {
  it('takes the number inside a survey global id, and the unit when one is chosen', () => {
    expect(surveyNumber(btoa('Survey:12'))).toBe('12');
    expect(exportUrl(btoa('Survey:12'), 'csv', null)).toBe('/exports/survey-responses/12.csv');
    expect(exportUrl(btoa('Survey:7'), 'xlsx', '31825')).toBe('/exports/survey-responses/7.xlsx?adminUnitCode=31825');
  });

  it('passes anything else through encoded, for the server to refuse', () => {
    expect(surveyNumber(btoa('Member:3'))).toBe(encodeURIComponent(btoa('Member:3')));
    expect(surveyNumber('not base64 ✓')).toBe(encodeURIComponent('not base64 ✓'));
  });
});

describe('mayEdit', () => {
  const survey = (path: string) => ({ adminUnit: { code: 'x', name: 'x', path } }) as ManagedSurvey;
  it('allows surveys of the viewer’s unit and below, not above', () => {
    expect(mayEdit(survey('/96/31825/'), '/96/31825/')).toBe(true);
    expect(mayEdit(survey('/96/31825/31825-K01/'), '/96/31825/')).toBe(true);
    expect(mayEdit(survey('/96/'), '/96/31825/')).toBe(false);
    expect(mayEdit(survey('/96/31825/'), null)).toBe(false);
  });
});
