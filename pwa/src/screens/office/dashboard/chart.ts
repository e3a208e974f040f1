/**
 * The dashboard's pure logic: which figure each indicator reads, the bar rows sorted
 * worst first (the largest gap to the target on top), the scale from a rate to a bar's
 * width, and rates written for people. No Preact here, so vitest checks it directly.
 */
import type { KpiTargets, UnitKpis } from '../../../data/kpis';

export type Indicator = 'focalPoints' | 'adoption' | 'trained';
export const INDICATORS: Indicator[] = ['focalPoints', 'adoption', 'trained'];

/** A unit's reading of one indicator: the rate and, where known, its part and whole. */
export interface Reading {
  rate: number | null;
  part: number | null;
  whole: number | null;
}

export function readingOf(unit: UnitKpis, indicator: Indicator): Reading {
  switch (indicator) {
    case 'focalPoints':
      return { rate: unit.focalPointRate, part: unit.focalPointQualified, whole: unit.focalPointRequired };
    case 'adoption':
      return { rate: unit.platformAdoptionRate, part: unit.membersOnAllCorePlatforms, whole: unit.members };
    case 'trained':
      return { rate: unit.trainedRate, part: unit.trainedMembers, whole: unit.dxRoleMembers };
  }
}

export function targetOf(targets: KpiTargets, indicator: Indicator): number {
  switch (indicator) {
    case 'focalPoints':
      return targets.focalPointRate;
    case 'adoption':
      return targets.platformAdoptionRate;
    case 'trained':
      return targets.trainedRate;
  }
}

export interface BarRow extends Reading {
  code: string;
  name: string;
  target: number;
  /** How far below the target (0 once reached; 0 when there is nothing to measure). */
  gap: number;
  met: boolean;
}

export function barRow(unit: UnitKpis, indicator: Indicator, target: number): BarRow {
  const reading = readingOf(unit, indicator);
  const rate = reading.rate;
  const gap = rate === null ? 0 : Math.max(0, round4(target - rate));
  return { ...reading, code: unit.adminUnit.code, name: unit.adminUnit.name, target, gap, met: rate !== null && gap === 0 };
}

/**
 * The child units as bars, worst first: lowest rate on top (ties by name, Vietnamese
 * order), units with nothing to measure (no organisation required, no member) last.
 */
export function barRows(children: UnitKpis[], indicator: Indicator, target: number, locale = 'vi'): BarRow[] {
  return children
    .map((unit) => barRow(unit, indicator, target))
    .sort((a, b) => {
      if (a.rate === null || b.rate === null) {
        if (a.rate !== b.rate) return a.rate === null ? 1 : -1;
      } else if (a.rate !== b.rate) {
        return a.rate - b.rate;
      }
      return a.name.localeCompare(b.name, locale);
    });
}

/** The x of a rate on a bar `width` wide whose right end is `max` (100 % or the target). */
export function scale(rate: number, max: number, width = 100): number {
  if (!(max > 0) || !Number.isFinite(rate)) return 0;
  return Math.min(width, Math.max(0, (rate / max) * width));
}

/** The right end of an indicator's bars: 100 %, or the target if it is set above. */
export function domainMax(target: number): number {
  return Math.max(1, target);
}

/** A rate as people read it: 0.4567 → "45,7 %" (vi) / "45.7%" (en); null → "—". */
export function formatRate(rate: number | null, lang: 'vi' | 'en'): string {
  if (rate === null) return '—';
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}

/** How many child units reach the target (of those with something to measure). */
export function summary(rows: BarRow[]): { met: number; measured: number } {
  const measured = rows.filter((row) => row.rate !== null);
  return { met: measured.filter((row) => row.met).length, measured: measured.length };
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
