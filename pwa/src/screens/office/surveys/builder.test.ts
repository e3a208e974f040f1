import { describe, expect, it } from 'vitest';
import type { Definition } from '../../../rules/form';
import { addPage, addQuestion, cleanDefinition, emptyDefinition, moveQuestion, removePage, updateQuestion } from './definition-edit';
import { checkDefinition, checkKey, checkRule } from './rule-check';

const EARLIER = ['has_vneid', 'people'];
const ALL = [...EARLIER, 'why', 'later_one'];

describe('checkRule (live, with the PWA rule evaluator)', () => {
  it.each([
    ['${has_vneid} = true()', false, null],
    ['. <= ${people}', true, null],
    ['', false, null],
    ['${has_vneid} = ', false, 'syntax'],
    ['${has_vneid} # 1', false, 'syntax'],
    ['unknown-fn(1)', false, 'syntax'],
    ['${nobody} = 1', false, 'unknown'],
    ['${later_one} > 2', false, 'later'],
    ['. > 1', false, 'current'],
  ])('%s (constraint: %s) → %s', (rule, allowCurrent, code) => {
    const problem = checkRule(rule, EARLIER, ALL, allowCurrent);
    expect(problem?.code ?? null).toBe(code);
  });

  it('names the key it does not know', () => {
    expect(checkRule('${people} > 1 and ${nobody} = 2', EARLIER, ALL, false)).toEqual({ code: 'unknown', key: 'nobody' });
    expect(checkRule('${later_one} > 2', EARLIER, ALL, false)).toEqual({ code: 'later', key: 'later_one' });
  });
});

describe('checkKey', () => {
  it.each([
    ['has_vneid', null],
    ['Has', 'invalid'],
    ['1abc', 'invalid'],
    ['x_other', 'invalid'],
    ['people', 'duplicate'],
  ])('%s → %s', (key, problem) => {
    expect(checkKey(key, ['has_vneid', 'people', 'people'])).toBe(problem);
  });
});

const FORM: Definition = {
  pages: [
    {
      key: 'p1',
      questions: [
        { key: 'has_vneid', kind: 'YES_NO', labelVi: 'Có VNeID?' },
        { key: 'level', kind: 'SINGLE_CHOICE', labelVi: 'Mức', choices: [{ value: 'Bad Value', labelVi: 'x' }] },
        { key: 'people', kind: 'INTEGER', labelVi: '', min: 5, max: 1, relevant: '${why} = 1' },
      ],
    },
    { key: 'p2', questions: [{ key: 'why', kind: 'TEXT', labelVi: 'Vì sao?', relevant: '${has_vneid} = false()', pattern: '(' }] },
  ],
};

describe('checkDefinition', () => {
  it('finds each question problem at its place, in the order the server reads', () => {
    const found = checkDefinition(FORM);
    expect([...found.keys()]).toEqual(['0.1', '0.2', '1.0']);
    expect(found.get('0.1')?.choices).toBe(true);
    expect(found.get('0.2')).toMatchObject({ label: true, range: true, relevant: { code: 'later', key: 'why' } });
    expect(found.get('1.0')).toMatchObject({ pattern: true, relevant: null });
  });
});

describe('editing a definition', () => {
  it('adds questions with free keys and pages, moves across pages, removes a page keeping its questions', () => {
    let form = addQuestion(emptyDefinition(), 0, 'TEXT');
    form = addQuestion(form, 0, 'SINGLE_CHOICE');
    form = addPage(form);
    form = moveQuestion(form, 0, 1, 1);
    expect(form.pages.map((p) => p.questions.map((q) => q.key))).toEqual([['q1'], ['q2']]);
    expect(form.pages[1]?.questions[0]?.choices).toHaveLength(1);
    expect(form.pages.map((p) => p.key)).toEqual(['p1', 'p2']);
    form = removePage(form, 1);
    expect(form.pages.map((p) => p.questions.map((q) => q.key))).toEqual([['q1', 'q2']]);
  });

  it('cleans what the kind ignores and empty settings before saving', () => {
    let form = addQuestion(emptyDefinition(), 0, 'INTEGER');
    form = updateQuestion(form, 0, 0, { labelVi: ' Số người ', labelEn: '', min: 1, pattern: 'x', choices: [], required: false, relevant: ' ' });
    expect(cleanDefinition(form)).toEqual({ pages: [{ key: 'p1', questions: [{ key: 'q1', kind: 'INTEGER', labelVi: 'Số người', min: 1 }] }] });
  });
});
