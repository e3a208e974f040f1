import { describe, expect, it } from 'vitest';
import { lineDiff } from './diff';

describe('the diff between two versions of an article', () => {
  it('keeps common lines and marks the changed ones', () => {
    expect(lineDiff('# VNeID\nBước 1\nBước 2', '# VNeID\nBước 1: mở ứng dụng\nBước 2\nBước 3')).toEqual([
      { kind: 'same', text: '# VNeID' },
      { kind: 'removed', text: 'Bước 1' },
      { kind: 'added', text: 'Bước 1: mở ứng dụng' },
      { kind: 'same', text: 'Bước 2' },
      { kind: 'added', text: 'Bước 3' },
    ]);
  });

  it('says nothing changed when nothing did', () => {
    expect(lineDiff('a\nb', 'a\nb').every((line) => line.kind === 'same')).toBe(true);
  });
});
