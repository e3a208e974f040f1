import { describe, expect, it } from 'vitest';
import { checkAnswers, parseForm } from '../../rules/form';
import { typedAnswers } from './answers';
import { appendInstance, removeInstance, settle } from './instances';

const form = parseForm({
  pages: [
    {
      questions: [
        { key: 'village', kind: 'TEXT', labelVi: 'Bản', default: 'Bản Phố' },
        { key: 'hh_size', kind: 'INTEGER', labelVi: 'Số người' },
        {
          key: 'members',
          kind: 'REPEAT',
          labelVi: 'Thành viên',
          repeatCount: '${hh_size}',
          questions: [
            { key: 'name', kind: 'TEXT', labelVi: 'Tên' },
            { key: 'home', kind: 'TEXT', labelVi: 'Nơi ở', default: '${village}' },
            { key: 'stamp', kind: 'CALCULATE', labelVi: '', calculation: 'once(today())' },
            { key: 'plots', kind: 'REPEAT', labelVi: 'Thửa', minCount: 1, questions: [{ key: 'area', kind: 'DECIMAL', labelVi: 'Diện tích', default: '1' }] },
          ],
        },
      ],
    },
  ],
});
const TODAY = '2026-11-30';
const settled = (raw: Record<string, unknown>) => settle(form, raw, checkAnswers(form, typedAnswers(form, raw), TODAY), TODAY);

describe('a computed count in the form', () => {
  it('makes the instances it asks for, each with its defaults and its nested minCount, and keeps once() values', () => {
    const first = settled({ village: 'Bản Mới', hh_size: '2' });
    // the check that asked for them computed their once() calculations as empty instances
    expect(first).toEqual({
      village: 'Bản Mới',
      hh_size: '2',
      members: [
        { home: 'Bản Mới', plots: [{ area: '1' }], stamp: TODAY },
        { home: 'Bản Mới', plots: [{ area: '1' }], stamp: TODAY },
      ],
    });
    expect(settled(first!)).toBeNull();
  });

  it('leaves the instances it no longer asks for in the form, unsent', () => {
    const raw = { hh_size: '1', members: [{ name: 'Lan' }, { name: 'Minh' }] };
    // (and gives an instance its nested repeat's fewest instances)
    expect(settled(raw)?.members).toEqual([{ name: 'Lan', stamp: TODAY, plots: [{ area: '1' }] }, { name: 'Minh' }]);
    expect(checkAnswers(form, typedAnswers(form, raw), TODAY).answers.members).toEqual([{ name: 'Lan', stamp: TODAY }]);
  });
});

describe('instances added and removed by hand', () => {
  const members = form.byKey.get('members')!;
  const plots = form.byKey.get('plots')!;

  it('append one with its defaults, in the instance given', () => {
    const raw = { village: 'Bản Phố', members: [{ name: 'Lan', plots: [{ area: '2' }] }] };
    expect(appendInstance(form, raw, plots, [['members', 0]], TODAY).members).toEqual([{ name: 'Lan', plots: [{ area: '2' }, { area: '1' }] }]);
    expect(appendInstance(form, raw, members, [], TODAY).members).toEqual([
      { name: 'Lan', plots: [{ area: '2' }] },
      { home: 'Bản Phố', plots: [{ area: '1' }] },
    ]);
  });

  it('remove one, the later ones moving up', () => {
    const raw = { members: [{ name: 'A' }, { name: 'B' }, { name: 'C' }] };
    expect(removeInstance(raw, [], 'members', 1)).toEqual({ members: [{ name: 'A' }, { name: 'C' }] });
    expect(raw.members).toHaveLength(3);
  });
});
