import { describe, expect, it } from 'vitest';
import { type AreaUnit, parentOf, searchUnits, unitsWithin } from './network';

const unit = (code: string, name: string, kind: string, path: string): AreaUnit => ({ code, name, kind, path });
const province = unit('96', 'Tỉnh Cà Mau', 'PROVINCE', '/96/');
const ward = unit('31825', 'Phường Bạc Liêu', 'WARD', '/96/31825/');
const hamlet = unit('31825-K1', 'Khóm 1', 'RESIDENTIAL_GROUP', '/96/31825/31825-K1/');
const other = unit('32002', 'Xã Đất Mũi', 'COMMUNE', '/96/32002/');
const otherHamlet = unit('32002-A1', 'Ấp Khai Long', 'HAMLET', '/96/32002/32002-A1/');
const all = [province, ward, hamlet, other, otherHamlet];

describe('the units a form offers', () => {
  it('keeps a province survey to communes and hamlets, never the province itself', () => {
    expect(unitsWithin(all, '96').map((u) => u.code)).toEqual(['31825', '31825-K1', '32002', '32002-A1']);
  });

  it('keeps a commune survey to that commune and its hamlets', () => {
    expect(unitsWithin(all, '31825').map((u) => u.code)).toEqual(['31825', '31825-K1']);
  });

  it('offers nothing when the area lies outside the list (another commune)', () => {
    expect(unitsWithin([ward, hamlet], '32002')).toEqual([]);
  });

  it('finds a hamlet by its own name or its commune, without diacritics', () => {
    expect(searchUnits(all, 'khai long').map((u) => u.code)).toEqual(['32002-A1']);
    expect(searchUnits(all, 'dat mui').map((u) => u.code)).toEqual(['32002', '32002-A1']);
    expect(searchUnits(all, 'BAC LIEU khom').map((u) => u.code)).toEqual(['31825-K1']);
    expect(searchUnits(all, '  ')).toHaveLength(all.length);
  });

  it("names a hamlet's commune", () => {
    expect(parentOf(hamlet, all)).toBe(ward);
    expect(parentOf(province, all)).toBeUndefined();
  });
});
