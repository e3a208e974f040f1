import { describe, expect, it } from 'vitest';
import type { Translate } from '../../i18n';
import { type Definition, checkAnswers, parseForm } from '../../rules/form';
import { piping } from './answers';

const t = ((key: string) => `<${key}>`) as Translate;

const DEFINITION: Definition = {
  pages: [
    {
      questions: [
        { key: 'name', kind: 'TEXT', labelVi: 'Tên chủ hộ' },
        {
          key: 'water',
          kind: 'SINGLE_CHOICE',
          labelVi: 'Nguồn nước của ${name}',
          choices: [
            { value: 'well', labelVi: 'Giếng khoan', labelEn: 'Borehole' },
            { value: 'tap', labelVi: 'Nước máy', labelEn: 'Tap water' },
          ],
        },
        { key: 'adults', kind: 'INTEGER', labelVi: 'Người lớn' },
        { key: 'children', kind: 'INTEGER', labelVi: 'Trẻ em' },
        { key: 'total', kind: 'CALCULATE', labelVi: '', calculation: '${adults} + coalesce(${children}, 0)' },
        { key: 'shown', kind: 'CALCULATE', labelVi: 'Cỡ hộ', calculation: "if(${total} > 4, 'lớn', 'nhỏ')", appearance: 'show' },
        { key: 'rooms', kind: 'INTEGER', labelVi: 'Phòng', constraint: '. <= ${total}' },
        { key: 'note', kind: 'NOTE', labelVi: '${name} dùng ${water}: ${total} người, ${nope}' },
      ],
    },
  ],
};

describe('calculations on the device', () => {
  const form = parseForm(DEFINITION);

  it('computes live, keeps hidden calculations out of sight, and feeds later constraints', () => {
    const checked = checkAnswers(form, { adults: 2, children: 1, rooms: 4 }, '2025-07-01');
    expect(checked.answers.total).toBe(3);
    expect(checked.answers.shown).toBe('nhỏ');
    expect(checked.visible.has('total')).toBe(false);
    expect(checked.visible.has('shown')).toBe(true);
    expect(checked.problems.get('rooms')?.code).toBe('CONSTRAINT');
    const more = checkAnswers(form, { adults: 4, children: 1, rooms: 4 }, '2025-07-01');
    expect(more.answers).toMatchObject({ total: 5, shown: 'lớn', rooms: 4 });
  });

  it('leaves a calculation that fails empty', () => {
    const checked = checkAnswers(form, {}, '2025-07-01');
    expect(checked.answers.total).toBeUndefined();
  });
});

describe('piping', () => {
  const form = parseForm(DEFINITION);

  it('puts answers in labels: choice labels in the language shown, unanswered as nothing, unknown names as written', () => {
    const checked = checkAnswers(form, { name: 'Bà Lan', water: 'well', adults: 2 }, '2025-07-01');
    const vi = piping(form, checked.answers, 'vi', t);
    const en = piping(form, checked.answers, 'en', t);
    expect(vi('${name} dùng ${water}: ${total} người, ${nope}')).toBe('Bà Lan dùng Giếng khoan: 2 người, ${nope}');
    expect(en('${water}')).toBe('Borehole');
    expect(vi('Trẻ em: ${children}.')).toBe('Trẻ em: .');
    expect(vi('Không có tham chiếu')).toBe('Không có tham chiếu');
  });
});

describe('leaving a form that still holds only its defaults', () => {
  it('asks nothing while every answer is empty or its default, and asks once one changed', async () => {
    const { untouched } = await import('./answers');
    const defaults = { visited: '2026-11-30', crops: ['rice'] };
    expect(untouched({ visited: '2026-11-30', crops: ['rice'], note: '' }, defaults)).toBe(true);
    expect(untouched({}, defaults)).toBe(true);
    expect(untouched({ visited: '2026-11-29', crops: ['rice'] }, defaults)).toBe(false);
    expect(untouched({ visited: '2026-11-30', crops: ['rice', 'shrimp'] }, defaults)).toBe(false);
    expect(untouched({ name: 'Lan' }, defaults)).toBe(false);
  });
});
