import { describe, expect, it } from 'vitest';
import type { Definition } from '../../../rules/form';
import { addPage, addQuestion, cleanDefinition, emptyDefinition, moveQuestion, questionKeys, removePage, updateQuestion } from './definition-edit';
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
    ['hhMember', null],
    ['x_other', null],
    ['age-y.2', null],
    ['1abc', 'invalid'],
    ['has space', 'invalid'],
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

describe('a survey with a repeat group in the builder', () => {
  const withRepeat: Definition = {
    pages: [
      {
        key: 'p1',
        questions: [
          { key: 'hh_size', kind: 'INTEGER', labelVi: 'Số người', labelEn: '' },
          {
            key: 'members',
            kind: 'REPEAT',
            labelVi: 'Thành viên',
            repeatCount: '${hh_size}',
            maxCount: 20,
            questions: [
              { key: 'name', kind: 'TEXT', labelVi: ' Tên ', required: true, min: 3 },
              { key: 'plots', kind: 'REPEAT', labelVi: 'Thửa', minCount: 0, questions: [{ key: 'area', kind: 'DECIMAL', labelVi: 'Diện tích' }] },
            ],
          },
          { key: 'total', kind: 'CALCULATE', labelVi: '', calculation: 'sum(${area})' },
        ],
      },
    ],
  };

  it('keeps the repeat and its questions when the definition is cleaned, each cleaned alike', () => {
    const clean = cleanDefinition(withRepeat).pages[0]!.questions[1]!;
    // the repeat's own fields (key, label, count rule, maxCount) as they were; its questions cleaned
    const { questions: _, ...repeat } = withRepeat.pages[0]!.questions[1]!;
    expect(repeat).toEqual({ key: 'members', kind: 'REPEAT', labelVi: 'Thành viên', repeatCount: '${hh_size}', maxCount: 20 });
    expect(clean).toEqual({
      ...repeat,
      questions: [
        { key: 'name', kind: 'TEXT', labelVi: 'Tên', required: true },
        { key: 'plots', kind: 'REPEAT', labelVi: 'Thửa', minCount: 0, questions: [{ key: 'area', kind: 'DECIMAL', labelVi: 'Diện tích' }] },
      ],
    });
  });

  it('lets a later rule read a field inside the repeat, and never reuses its keys', () => {
    expect(checkDefinition(withRepeat).size).toBe(0);
    expect(questionKeys(withRepeat.pages[0]!.questions[1]!)).toEqual(['members', 'name', 'plots', 'area']);
    expect(addQuestion(withRepeat, 0, 'TEXT').pages[0]!.questions.at(-1)!.key).toBe('q7');
  });

  it('adds a new repeat with one question of its own, keys free over the whole form', () => {
    const added = addQuestion(withRepeat, 0, 'REPEAT').pages[0]!.questions.at(-1)!;
    expect(added).toEqual({ key: 'q7', kind: 'REPEAT', labelVi: '', labelEn: '', questions: [{ key: 'q8', kind: 'TEXT', labelVi: '', labelEn: '' }] });
  });
});

describe('the builder carries what decision 0038 and the choice filters add', () => {
  it('keeps languages, translations, choice columns, a range step and a file accept list; drops empty ones', async () => {
    const { cleanDefinition, parseColumns, parseLanguages, columnsText } = await import('./definition-edit');
    expect(parseLanguages('km=Khmer, vi=Việt, en=English, lo=')).toEqual([
      { code: 'km', name: 'Khmer' },
      { code: 'lo', name: 'lo' },
    ]);
    expect(parseColumns(' district = d1, zone=north, junk')).toEqual({ district: 'd1', zone: 'north' });
    expect(columnsText({ district: 'd1', zone: 'north' })).toBe('district=d1, zone=north');
    const clean = cleanDefinition({
      languages: [{ code: 'km', name: 'Khmer' }],
      pages: [
        {
          key: 'p1',
          titleVi: 'Trang',
          translations: { km: { title: 'ទំព័រ' }, lo: { title: ' ' } },
          questions: [
            { key: 'level', kind: 'RANGE', labelVi: 'Mức', min: 0, max: 10, step: 2, accept: ['pdf'] },
            { key: 'scan', kind: 'FILE', labelVi: 'Bản quét', accept: ['pdf', 'image'], step: 3, translations: { km: { label: 'ស្កេន', hint: '' } } },
            {
              key: 'commune',
              kind: 'SINGLE_CHOICE',
              labelVi: 'Xã',
              choiceFilter: 'district = ${district}',
              required: '${age} >= 18',
              choices: [{ value: 'x1', labelVi: 'Xã 1', columns: { district: 'd1' }, translations: { km: { label: 'ឃុំ ១' } } }],
            },
          ],
        },
      ],
    });
    expect(clean.languages).toEqual([{ code: 'km', name: 'Khmer' }]);
    expect(clean.pages[0]!.translations).toEqual({ km: { title: 'ទំព័រ' } });
    const [level, scan, commune] = clean.pages[0]!.questions;
    expect(level).toMatchObject({ step: 2 });
    expect(level).not.toHaveProperty('accept');
    expect(scan).toMatchObject({ accept: ['pdf', 'image'], translations: { km: { label: 'ស្កេន' } } });
    expect(scan).not.toHaveProperty('step');
    expect(commune).toMatchObject({ choiceFilter: 'district = ${district}', required: '${age} >= 18' });
    expect(commune!.choices![0]).toEqual({ value: 'x1', labelVi: 'Xã 1', columns: { district: 'd1' }, translations: { km: { label: 'ឃុំ ១' } } });
  });

  it('checks rules live inside a repeat, and a required condition', async () => {
    const { checkDefinition } = await import('./rule-check');
    const problems = checkDefinition({
      pages: [
        {
          questions: [
            { key: 'size', kind: 'INTEGER', labelVi: 'Số người', required: '${later} > 1' },
            {
              key: 'members',
              kind: 'REPEAT',
              labelVi: 'Thành viên',
              questions: [
                { key: 'age', kind: 'INTEGER', labelVi: 'Tuổi', relevant: '${size} > 0' },
                { key: 'job', kind: 'TEXT', labelVi: 'Nghề', relevant: '${nowhere} = 1' },
              ],
            },
            { key: 'later', kind: 'INTEGER', labelVi: 'Sau' },
          ],
        },
      ],
    });
    expect(problems.get('0.0')?.required).toEqual({ code: 'later', key: 'later' });
    expect(problems.has('0.1-0')).toBe(false);
    expect(problems.get('0.1-1')?.relevant).toEqual({ code: 'unknown', key: 'nowhere' });
  });
});

describe('switching a question’s kind', () => {
  it('makes a repeat with a first question, a slider with its ends, a choice list with a choice', async () => {
    const { kindPatch, cleanDefinition } = await import('./definition-edit');
    const text = { key: 'member', kind: 'TEXT' as const, labelVi: 'Thành viên' };
    const repeat = { ...text, ...kindPatch(text, 'REPEAT') };
    expect(repeat.questions).toEqual([{ key: 'member_1', kind: 'TEXT', labelVi: '', labelEn: '' }]);
    expect(cleanDefinition({ pages: [{ questions: [repeat] }] }).pages[0]!.questions[0]).toMatchObject({ kind: 'REPEAT', questions: [{ key: 'member_1', kind: 'TEXT' }] });
    expect(kindPatch({ ...repeat }, 'REPEAT').questions).toBeUndefined(); // its questions stay
    expect(kindPatch(text, 'RANGE')).toEqual({ kind: 'RANGE', min: 0, max: 10 });
    expect(kindPatch(text, 'SINGLE_CHOICE').choices).toHaveLength(1);
    expect(kindPatch(text, 'AUDIO')).toEqual({ kind: 'AUDIO' });
  });
});
