import { describe, expect, it } from 'vitest';
import { type Definition, callsOnce, checkAnswers, defaultAnswers, geoPoints, parseForm } from './form';

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
