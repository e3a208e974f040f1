import { describe, expect, it } from 'vitest';
import { fieldErrors, unitOptions, wholeNumber } from './parts';

describe('the office forms’ helpers', () => {
  it('puts each server error on its field and says the others once', () => {
    const shown = fieldErrors(
      [
        { field: 'title', code: 'INVALID_LENGTH', message: 'Độ dài phải từ 3 đến 255 ký tự.' },
        { field: 'targets', code: 'OUT_OF_SCOPE', message: 'Ngoài phạm vi.' },
        { field: 'targets', code: 'DUPLICATE_TARGET', message: 'Trùng đơn vị.' },
        { field: 'id', code: 'OUT_OF_SCOPE', message: 'Không thuộc địa bàn.' },
        { field: null, code: 'RATE_LIMITED', message: 'Thử lại sau.' },
      ],
      ['title', 'targets'],
    );
    expect(shown.on('title')).toBe('Độ dài phải từ 3 đến 255 ký tự.');
    expect(shown.on('targets')).toBe('Ngoài phạm vi. Trùng đơn vị.');
    expect(shown.on('place')).toBeNull();
    expect(shown.rest).toEqual(['Không thuộc địa bàn.', 'Thử lại sau.']);
  });

  it('reads whole numbers typed in a form', () => {
    expect(wholeNumber('')).toBeNull();
    expect(wholeNumber(' 40 ')).toBe(40);
    expect(wholeNumber('4,5')).toBeNaN();
    expect(wholeNumber('abc')).toBeNaN();
  });

  it('indents the units below the first', () => {
    const units = [
      { code: '31825', name: 'Phường Bạc Liêu', kind: 'WARD', path: '/96/31825/' },
      { code: '31825-K01', name: 'Khóm 1', kind: 'HAMLET', path: '/96/31825/31825-K01/' },
    ];
    expect(unitOptions(units)).toEqual([
      { value: '31825', label: 'Phường Bạc Liêu' },
      { value: '31825-K01', label: '— Khóm 1' },
    ]);
  });
});
