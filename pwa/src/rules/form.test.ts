import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type Definition, type Problem, type QuestionDef, callsOnce, checkAnswers, computedCount, defaultAnswers, geoPoints, lastSavedAnswers, newInstance, parseForm } from './form';
import { answerAt, fieldName, parseName, shiftedName, withAnswer } from './paths';

const DEFINITION: Definition = {
  pages: [
    {
      questions: [
        { key: 'has_phone', kind: 'YES_NO', labelVi: 'Có điện thoại?', required: true },
        {
          key: 'phone_kind',
          kind: 'SINGLE_CHOICE',
          labelVi: 'Loại',
          relevant: '${has_phone} = true()',
          required: true,
          allowOther: true,
          choices: [{ value: 'smart', labelVi: 'Thông minh' }],
        },
        {
          key: 'members',
          kind: 'INTEGER',
          labelVi: 'Số người',
          constraint: '. <= 20',
          constraintMessageVi: 'Tối đa 20 người',
          constraintMessageEn: 'At most 20',
        },
      ],
    },
  ],
};

describe('checkAnswers', () => {
  const form = parseForm(DEFINITION);

  it('hides an irrelevant question and drops its answer', () => {
    const checked = checkAnswers(form, { has_phone: false, phone_kind: 'smart' }, '2026-11-27');
    expect(checked.visible.has('phone_kind')).toBe(false);
    expect(checked.answers).toEqual({ has_phone: false });
  });

  it('requires a relevant required question', () => {
    const checked = checkAnswers(form, { has_phone: true }, '2026-11-27');
    expect(checked.problems.get('phone_kind')).toEqual({ code: 'REQUIRED' });
  });

  it('keeps the other text only when "other" is chosen', () => {
    const checked = checkAnswers(form, { has_phone: true, phone_kind: 'other', phone_kind_other: ' cục gạch ' }, '2026-11-27');
    expect(checked.answers).toEqual({ has_phone: true, phone_kind: 'other', phone_kind_other: 'cục gạch' });
    const missing = checkAnswers(form, { has_phone: true, phone_kind: 'other' }, '2026-11-27');
    expect(missing.problems.get('phone_kind')).toEqual({ code: 'REQUIRED_OTHER' });
  });

  it("gives the author's message when a constraint fails", () => {
    const checked = checkAnswers(form, { has_phone: false, members: 25 }, '2026-11-27');
    expect(checked.problems.get('members')).toEqual({
      code: 'CONSTRAINT',
      messageVi: 'Tối đa 20 người',
      messageEn: 'At most 20',
    });
    expect(checked.answers).toEqual({ has_phone: false });
  });
});

describe('calculations that call once()', () => {
  const form = parseForm({
    pages: [
      {
        questions: [
          { key: 'stamp', kind: 'CALCULATE', labelVi: '', calculation: 'once(today())' },
          { key: 'plain', kind: 'CALCULATE', labelVi: '', calculation: 'today()' },
        ],
      },
    ],
  });

  it('are found, so the form keeps their first value with the answers', () => {
    expect(form.questions.map((q) => callsOnce(q.calculation))).toEqual([true, false]);
  });

  it('keep the value already computed, as the server does with what the device sent', () => {
    const kept = checkAnswers(form, { stamp: '2025-06-30' }, '2025-07-01');
    expect(kept.answers).toEqual({ stamp: '2025-06-30', plain: '2025-07-01' });
    expect(checkAnswers(form, {}, '2025-07-01').answers.stamp).toBe('2025-07-01');
  });
});

describe('cascading choices', () => {
  const place = (value: string, columns: Record<string, string>) => ({ value, labelVi: value, columns });
  const form = parseForm({
    pages: [
      {
        questions: [
          { key: 'province', kind: 'SINGLE_CHOICE', labelVi: 'Tỉnh', choices: [place('86', {}), place('89', {})] },
          {
            key: 'district',
            kind: 'SINGLE_CHOICE',
            labelVi: 'Huyện',
            required: true,
            choices: [place('855', { province: '86' }), place('857', { province: '86' }), place('883', { province: '89' })],
            choiceFilter: 'province = ${province}',
          },
          {
            key: 'crops',
            kind: 'MULTIPLE_CHOICE',
            labelVi: 'Cây',
            choices: [place('rice', { zone: 'all' }), place('mango', { zone: '86' })],
            choiceFilter: "zone = 'all' or zone = ${province}",
          },
        ],
      },
    ],
  });

  it('offers the choices whose columns the filter accepts', () => {
    const checked = checkAnswers(form, { province: '86' }, '2026-11-27');
    expect(checked.offered.get('district')?.map((c) => c.value)).toEqual(['855', '857']);
    expect(checked.offered.get('crops')?.map((c) => c.value)).toEqual(['rice', 'mango']);
    expect(checked.offered.has('province')).toBe(false);
  });

  it('drops an answer the filter no longer offers, as the server would refuse it', () => {
    const checked = checkAnswers(form, { province: '89', district: '855', crops: ['rice', 'mango'] }, '2026-11-27');
    expect(checked.answers).toEqual({ province: '89', crops: ['rice'] });
    expect(checked.problems.get('district')).toEqual({ code: 'REQUIRED' });
  });
});

describe('defaults and required messages', () => {
  const form = parseForm({
    pages: [
      {
        questions: [
          { key: 'on', kind: 'DATE', labelVi: 'Ngày', default: 'today()' },
          { key: 'n', kind: 'INTEGER', labelVi: 'Số', default: '5' },
          { key: 'crops', kind: 'MULTIPLE_CHOICE', labelVi: 'Cây', default: 'rice corn', choices: [{ value: 'rice', labelVi: 'Lúa' }, { value: 'corn', labelVi: 'Ngô' }] },
          { key: 'ok', kind: 'YES_NO', labelVi: 'Đồng ý', default: 'yes' },
          { key: 'later', kind: 'TEXT', labelVi: 'Sau', default: "concat('Số ', ${n})" },
          { key: 'bad', kind: 'INTEGER', labelVi: 'Lỗi', default: "number('x')" },
          { key: 'why', kind: 'TEXT', labelVi: 'Lý do', required: true, requiredMessageVi: 'Ghi lý do', requiredMessageEn: 'Give a reason' },
        ],
      },
    ],
  });

  it('opens the form with each default as its input holds it, a dynamic one evaluated', () => {
    expect(defaultAnswers(form, '2026-11-27')).toEqual({ on: '2026-11-27', n: '5', crops: ['rice', 'corn'], ok: true, later: 'Số 5' });
  });

  it("says the author's message for a required question left empty", () => {
    const checked = checkAnswers(form, {}, '2026-11-27');
    expect(checked.problems.get('why')).toEqual({ code: 'REQUIRED', messageVi: 'Ghi lý do', messageEn: 'Give a reason' });
  });
});

describe('a required condition', () => {
  const form = parseForm({
    pages: [
      {
        questions: [
          { key: 'training', kind: 'YES_NO', labelVi: 'Muốn học?' },
          { key: 'phone', kind: 'TEXT', labelVi: 'Điện thoại', required: '${training} = true()' },
        ],
      },
    ],
  });

  it('requires the answer while it holds', () => {
    expect(checkAnswers(form, { training: true }, '2026-11-27').problems.get('phone')).toEqual({ code: 'REQUIRED' });
    expect(checkAnswers(form, { training: true }, '2026-11-27').required.has('phone')).toBe(true);
    expect(checkAnswers(form, { training: false }, '2026-11-27').problems.has('phone')).toBe(false);
  });
});

describe('traces and shapes (as surveys/definition.py geo_points)', () => {
  it.each([
    ['9.29 105.72;9.30 105.73 0 5', 2, '9.29 105.72;9.30 105.73 0 5'],
    [' 9.29 105.72 \n 9.30 105.73 ; ', 2, '9.29 105.72;9.30 105.73'],
    ['1 1;1 2;2 2;1 1', 3, '1 1;1 2;2 2;1 1'],
    ['9.29 105.72', 2, null],
    ['1 1;1 2;1 1', 3, null],
    ['91 105;9 105', 2, null],
    ['9 105 0 -1;9 106', 2, null],
    ['9 x;9 106', 2, null],
  ] as const)('%s', (value, fewest, stored) => {
    expect(geoPoints(value, fewest)).toBe(stored);
  });
});

describe('repeat groups (decision 0035)', () => {
  const roster: Definition = {
    pages: [
      {
        questions: [
          { key: 'hh_size', kind: 'INTEGER', labelVi: 'Số người' },
          {
            key: 'members',
            kind: 'REPEAT',
            labelVi: 'Thành viên',
            minCount: 1,
            maxCount: 3,
            questions: [
              { key: 'name', kind: 'TEXT', labelVi: 'Tên', required: true, default: 'Chưa rõ' },
              { key: 'age', kind: 'INTEGER', labelVi: 'Tuổi', constraint: '. <= 120', constraintMessageVi: 'Tối đa 120' },
              { key: 'school', kind: 'YES_NO', labelVi: 'Đi học?', relevant: '${age} < 18', required: true },
              { key: 'label', kind: 'CALCULATE', labelVi: '', calculation: "concat(${name}, ' (', position(..), ')')" },
              {
                key: 'plots',
                kind: 'REPEAT',
                labelVi: 'Thửa',
                repeatCount: '${plot_count}',
                relevant: '${age} >= 18',
                questions: [{ key: 'area', kind: 'DECIMAL', labelVi: 'Diện tích', constraint: '. > 0' }],
              },
            ],
          },
          { key: 'total_age', kind: 'CALCULATE', labelVi: '', calculation: 'sum(${age})' },
          { key: 'adults', kind: 'CALCULATE', labelVi: '', calculation: 'count(${school})' },
        ],
      },
    ],
  };
  const form = parseForm(roster);

  it('knows every question by key, nested ones included', () => {
    expect([...form.byKey.keys()]).toEqual(['hh_size', 'members', 'name', 'age', 'school', 'label', 'plots', 'area', 'total_age', 'adults']);
    expect(form.questions.map((q) => q.def.key)).toEqual(['hh_size', 'members', 'total_age', 'adults']);
  });

  it('checks each instance in its own scope and names its problems by instance', () => {
    const checked = checkAnswers(form, { members: [{ name: 'Lan', age: 34 }, { name: 'Hoa', age: 8 }, { age: 130 }] }, '2026-11-30');
    expect([...checked.problems.entries()]).toEqual([
      ['members[1].school', { code: 'REQUIRED' }],
      ['members[2].name', { code: 'REQUIRED' }],
      ['members[2].age', { code: 'CONSTRAINT', messageVi: 'Tối đa 120', messageEn: 'Tối đa 120' }],
    ]);
    expect(checked.visible.has('members[0].school')).toBe(false);
    expect(checked.visible.has('members[1].school')).toBe(true);
    expect(checked.required.has('members[1].school')).toBe(true);
    // an instance's calculation is stored in it; rules outside read the repeat as a node-set
    expect(checked.answers).toEqual({
      members: [{ name: 'Lan', age: 34, label: 'Lan (1)' }, { name: 'Hoa', age: 8, label: 'Hoa (2)' }, { label: ' (3)' }],
      total_age: 42,
      adults: 0,
    });
    expect(checked.counts.get('members')).toBe(3);
  });

  it('computes a nested count in its instance and keeps only that many instances', () => {
    const answers = {
      members: [
        { name: 'Lan', age: 34, plot_count: 2, plots: [{ area: 1.5 }, { area: 0 }, { area: 9 }] },
        { name: 'Hoa', age: 8, school: true, plot_count: 1, plots: [{ area: 3 }] },
      ],
    };
    const withCount = parseForm({
      pages: [
        {
          questions: [
            {
              ...(roster.pages[0]!.questions[1] as QuestionDef),
              questions: [{ key: 'plot_count', kind: 'INTEGER', labelVi: 'Số thửa' }, ...(roster.pages[0]!.questions[1]!.questions ?? [])],
            },
          ],
        },
      ],
    });
    const checked = checkAnswers(withCount, answers, '2026-11-30');
    expect(checked.counts.get('members[0].plots')).toBe(2);
    expect(checked.counts.has('members[1].plots')).toBe(false); // not relevant for a child
    expect([...checked.problems.keys()]).toEqual(['members[0].plots[1].area']);
    expect(checked.answers.members).toEqual([
      { plot_count: 2, name: 'Lan', age: 34, label: 'Lan (1)', plots: [{ area: 1.5 }, {}] },
      { plot_count: 1, name: 'Hoa', age: 8, school: true, label: 'Hoa (2)' },
    ]);
  });

  it('refuses fewer or more instances than the repeat allows', () => {
    expect(checkAnswers(form, {}, '2026-11-30').problems.get('members')).toEqual({ code: 'TOO_FEW_INSTANCES', min: 1 });
    const four = Array.from({ length: 4 }, () => ({ name: 'A', age: 40 }));
    expect(checkAnswers(form, { members: four }, '2026-11-30').problems.get('members')).toEqual({ code: 'TOO_MANY_INSTANCES', max: 3 });
    expect(checkAnswers(form, { members: four.slice(0, 3) }, '2026-11-30').problems.has('members')).toBe(false);
  });

  it('clamps a computed count to maxCount and counts none when its rule fails', () => {
    const counted = parseForm({
      pages: [
        {
          questions: [
            { key: 'n', kind: 'TEXT', labelVi: 'n' },
            { key: 'kids', kind: 'REPEAT', labelVi: 'Con', repeatCount: '${n}', maxCount: 4, questions: [{ key: 'kid', kind: 'TEXT', labelVi: 'Tên' }] },
          ],
        },
      ],
    });
    expect(checkAnswers(counted, { n: '9' }, '2026-11-30').counts.get('kids')).toBe(4);
    expect(checkAnswers(counted, { n: 'x' }, '2026-11-30').counts.get('kids')).toBe(0);
    expect(checkAnswers(counted, { n: '2', kids: [{ kid: 'A' }] }, '2026-11-30').answers).toEqual({ n: '2', kids: [{ kid: 'A' }, {}] });
    expect(computedCount(form.byKey.get('members')!, {}, [], '2026-11-30')).toBeNull();
  });

  it('opens a repeat with its fewest instances, each with its defaults, and makes new ones alike', () => {
    expect(defaultAnswers(form, '2026-11-30')).toEqual({ members: [{ name: 'Chưa rõ' }] });
    const dynamic = parseForm({
      pages: [
        {
          questions: [
            { key: 'village', kind: 'TEXT', labelVi: 'Bản' },
            { key: 'people', kind: 'REPEAT', labelVi: 'Người', questions: [{ key: 'home', kind: 'TEXT', labelVi: 'Nơi ở', default: "concat(${village}, ' #', position(..))" }] },
          ],
        },
      ],
    });
    const people = dynamic.byKey.get('people')!;
    expect(newInstance(people, { village: 'Bản Phố', people: [{ home: 'x' }] }, [['people', 1]], '2026-11-30')).toEqual({ home: 'Bản Phố #2' });
  });
});

describe('field names inside repeats (paths.ts)', () => {
  it('name a field as the server names it, and read it back', () => {
    expect(fieldName([['members', 1], ['plots', 0]], 'area')).toBe('members[1].plots[0].area');
    expect(parseName('members[1].plots[0].area')).toEqual({ path: [['members', 1], ['plots', 0]], key: 'area' });
    expect(parseName('hh.size')).toEqual({ path: [], key: 'hh.size' });
    expect(parseName('members[1]')).toBeNull();
  });

  it('set an answer deep in a copy, making missing instances, leaving the original alone', () => {
    const raw = { members: [{ name: 'Lan' }] };
    const changed = withAnswer(raw, 'members[2].plots[0].area', '3');
    expect(changed).toEqual({ members: [{ name: 'Lan' }, {}, { plots: [{ area: '3' }] }] });
    expect(raw).toEqual({ members: [{ name: 'Lan' }] });
    expect(answerAt(changed, 'members[2].plots[0].area')).toBe('3');
    expect(answerAt(changed, 'members[5].name')).toBeUndefined();
  });

  it('move the names of later instances up when one is removed', () => {
    expect(shiftedName('members[0].photo', 'members', 1)).toBe('members[0].photo');
    expect(shiftedName('members[1].photo', 'members', 1)).toBeNull();
    expect(shiftedName('members[12].plots[3].photo', 'members', 1)).toBe('members[11].plots[3].photo');
    expect(shiftedName('members[2].plots[3].photo', 'members[2].plots', 1)).toBe('members[2].plots[2].photo');
    expect(shiftedName('head_photo', 'members', 0)).toBe('head_photo');
  });
});

interface FormVector {
  name: string;
  definition: Definition;
  answers: Record<string, unknown>;
  today: string;
  errors: { field: string; code: string }[];
  kept: Record<string, unknown>;
}

const FORM_VECTORS = fileURLToPath(new URL('../../../tests/surveys/form_vectors_repeats.json', import.meta.url));

/** The server's code for a problem the form finds (a required "other" text is named by its own field). */
function serverError(name: string, problem: Problem): { field: string; code: string } {
  const code = { WRONG_TYPE: 'WRONG_ANSWER_TYPE', CONSTRAINT: 'CONSTRAINT_FAILED' }[problem.code as string] ?? problem.code;
  if (problem.code === 'REQUIRED_OTHER') return { field: `answers.${name}_other`, code: 'REQUIRED' };
  return { field: `answers.${name}`, code };
}

/**
 * Refusals the form cannot meet: it drops an unknown or irrelevant answer rather than
 * sending it, sends a computed repeat's exact count and a repeat only as a list of dicts.
 */
const NEVER_SENT = new Set(['UNKNOWN_QUESTION', 'ANSWER_NOT_RELEVANT', 'REPEAT_COUNT_MISMATCH']);

describe('the shared repeat vectors (tests/surveys/form_vectors_repeats.json)', () => {
  const vectors = existsSync(FORM_VECTORS) ? (JSON.parse(readFileSync(FORM_VECTORS, 'utf-8')) as FormVector[]) : [];
  const sendable = vectors.filter((v) => !v.errors.some((e) => e.code === 'REPEAT_COUNT_MISMATCH' || (e.code === 'WRONG_ANSWER_TYPE' && !e.field.includes('.', 8))));

  it('are here, and most are answers the form could send', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(40);
    expect(sendable.length).toBeGreaterThanOrEqual(vectors.length - 6);
  });

  it.each(sendable.map((v) => [v.name, v] as const))('%s', (_, vector) => {
    const form = parseForm(vector.definition);
    const checked = checkAnswers(form, vector.answers, vector.today);
    const found = [...checked.problems].map(([name, problem]) => serverError(name, problem));
    // a choice its filter no longer offers is dropped by the form (never chosen), not refused
    const filtered = (e: { field: string; code: string }) => e.code === 'INVALID_CHOICE' && form.byKey.get(e.field.replace(/^.*[.]/, ''))?.choiceFilter;
    const expected = vector.errors.filter((e) => !NEVER_SENT.has(e.code) && !filtered(e));
    const sort = (errors: { field: string; code: string }[]) => [...errors].sort((a, b) => a.field.localeCompare(b.field));
    expect(sort(found)).toEqual(sort(expected));
    // an "other" text without its option is dropped by the form, which keeps the options
    if (!vector.errors.some((e) => e.code === 'ANSWER_NOT_RELEVANT' && e.field.endsWith('_other'))) expect(checked.answers).toEqual(vector.kept);
  });
});

describe('last saved answers (XLSForm ${last-saved#…})', () => {
  const form = parseForm({
    pages: [
      {
        key: 'p',
        titleVi: 'Trang',
        questions: [
          { key: 'village', kind: 'TEXT', labelVi: 'Ấp', defaultLastSaved: true },
          { key: 'visits', kind: 'INTEGER', labelVi: 'Lần', default: '1', defaultLastSaved: true },
          { key: 'name', kind: 'TEXT', labelVi: 'Tên' },
        ],
      },
    ],
  } as Definition);

  it('opens with the defaults the first time, then with what was saved last', () => {
    expect(defaultAnswers(form, '2026-11-30')).toEqual({ visits: '1' });
    expect(defaultAnswers(form, '2026-11-30', { village: 'Ấp 3', visits: '4' })).toEqual({ village: 'Ấp 3', visits: '4' });
  });

  it('keeps only the answers of the questions that open with them', () => {
    expect(lastSavedAnswers(form, { village: 'Ấp 3', visits: '', name: 'Lan' })).toEqual({ village: 'Ấp 3' });
  });
});
