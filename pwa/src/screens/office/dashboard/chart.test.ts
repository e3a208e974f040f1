import { describe, expect, it } from 'vitest';
import { barRow, barRows, domainMax, formatRate, readingOf, scale, summary } from './chart';
import { unitKpis as unit } from './unit-fixture';

describe('readingOf', () => {
  it('reads each indicator with its part and whole', () => {
    const u = unit('1', 'A', { focalPointQualified: 3, focalPointRequired: 4, focalPointRate: 0.75, members: 10, membersOnAllCorePlatforms: 2, platformAdoptionRate: 0.2, trainedRate: 0.5, dxRoleMembers: 8, trainedMembers: 4 });
    expect(readingOf(u, 'focalPoints')).toEqual({ rate: 0.75, part: 3, whole: 4 });
    expect(readingOf(u, 'adoption')).toEqual({ rate: 0.2, part: 2, whole: 10 });
    expect(readingOf(u, 'trained')).toEqual({ rate: 0.5, part: 4, whole: 8 });
  });
});

describe('barRow', () => {
  it('measures the gap to the target and calls a reached target met', () => {
    expect(barRow(unit('1', 'A', { focalPointRate: 0.3 }), 'focalPoints', 1)).toMatchObject({ gap: 0.7, met: false });
    expect(barRow(unit('1', 'A', { focalPointRate: 1 }), 'focalPoints', 1)).toMatchObject({ gap: 0, met: true });
    expect(barRow(unit('1', 'A', { focalPointRate: 0.9 }), 'focalPoints', 0.8)).toMatchObject({ gap: 0, met: true });
  });

  it('keeps the gap free of floating-point noise', () => {
    expect(barRow(unit('1', 'A', { platformAdoptionRate: 0.7 }), 'adoption', 0.9).gap).toBe(0.2);
  });

  it('never calls a unit with nothing to measure met', () => {
    expect(barRow(unit('1', 'A'), 'trained', 1)).toMatchObject({ rate: null, gap: 0, met: false });
  });
});

describe('barRows', () => {
  it('puts the worst first, ties by Vietnamese name, units without data last', () => {
    const rows = barRows(
      [
        unit('1', 'Xã Đông', { focalPointRate: 0.5 }),
        unit('2', 'Phường Bạc Liêu', { focalPointRate: 1 }),
        unit('3', 'Xã Ân', { focalPointRate: null }),
        unit('4', 'Xã Đá Bạc', { focalPointRate: 0.5 }),
        unit('5', 'Xã Hồng Dân', { focalPointRate: 0.25 }),
        unit('6', 'Xã Biển Bạch', { focalPointRate: null }),
      ],
      'focalPoints',
      1,
    );
    expect(rows.map((r) => r.code)).toEqual(['5', '4', '1', '2', '3', '6']);
  });

  it('leaves the input in its order', () => {
    const children = [unit('1', 'B', { trainedRate: 0.9 }), unit('2', 'A', { trainedRate: 0.1 })];
    barRows(children, 'trained', 1);
    expect(children.map((c) => c.adminUnit.code)).toEqual(['1', '2']);
  });
});

describe('scale', () => {
  it('maps a rate onto the bar and clamps it', () => {
    expect(scale(0.25, 1)).toBe(25);
    expect(scale(0.5, 1, 300)).toBe(150);
    expect(scale(1.5, 1)).toBe(100);
    expect(scale(-0.1, 1)).toBe(0);
    expect(scale(0.5, 0)).toBe(0);
    expect(scale(Number.NaN, 1)).toBe(0);
  });

  it('ends the bar at 100 % or at a target set above it', () => {
    expect(domainMax(1)).toBe(1);
    expect(domainMax(0.8)).toBe(1);
    expect(domainMax(1.2)).toBe(1.2);
  });
});

describe('formatRate', () => {
  it('writes rates in the reader’s language', () => {
    expect(formatRate(0.4567, 'en')).toBe('45.7%');
    expect(formatRate(0.4567, 'vi')).toMatch(/^45,7\s?%$/);
    expect(formatRate(null, 'vi')).toBe('—');
  });
});

describe('summary', () => {
  it('counts units meeting the target among those with data', () => {
    const rows = barRows([unit('1', 'A', { focalPointRate: 1 }), unit('2', 'B', { focalPointRate: 0.4 }), unit('3', 'C')], 'focalPoints', 1);
    expect(summary(rows)).toEqual({ met: 1, measured: 2 });
  });
});
