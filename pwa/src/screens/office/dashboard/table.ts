/**
 * The dashboard's table as data: its columns (label, figure, count or rate) and rows, so
 * the screen's table and the XLSX export show exactly the same figures.
 */
import type { UnitKpis } from '../../../data/kpis';
import type { MessageKey } from '../../../i18n';

export type CellValue = string | number | null;

export interface Column {
  label: MessageKey;
  kind: 'count' | 'rate';
  value: (unit: UnitKpis) => number | null;
}

export const COLUMNS: Column[] = [
  { label: 'dash.col.organizations', kind: 'count', value: (u) => u.organizations },
  { label: 'dash.col.members', kind: 'count', value: (u) => u.members },
  { label: 'dash.col.focalRequired', kind: 'count', value: (u) => u.focalPointRequired },
  { label: 'dash.col.focalQualified', kind: 'count', value: (u) => u.focalPointQualified },
  { label: 'dash.col.focalRate', kind: 'rate', value: (u) => u.focalPointRate },
  { label: 'dash.col.adopted', kind: 'count', value: (u) => u.membersOnAllCorePlatforms },
  { label: 'dash.col.adoptionRate', kind: 'rate', value: (u) => u.platformAdoptionRate },
  { label: 'dash.col.dxRole', kind: 'count', value: (u) => u.dxRoleMembers },
  { label: 'dash.col.trained', kind: 'count', value: (u) => u.trainedMembers },
  { label: 'dash.col.trainedRate', kind: 'rate', value: (u) => u.trainedRate },
];

/**
 * The sheet: a header row, one row per child unit (name, code, figures; rates as
 * fractions, formatted as percentages by the writer), then the subtree's total.
 */
export function sheetRows(
  children: UnitKpis[],
  totals: UnitKpis,
  t: (key: MessageKey) => string,
): { header: string[]; rows: CellValue[][]; rateColumns: number[] } {
  const header = [t('dash.col.unit'), t('dash.col.code'), ...COLUMNS.map((c) => t(c.label))];
  const row = (unit: UnitKpis, name: string): CellValue[] => [name, unit.adminUnit.code, ...COLUMNS.map((c) => c.value(unit))];
  const rateColumns = COLUMNS.flatMap((c, i) => (c.kind === 'rate' ? [i + 2] : []));
  return {
    header,
    rows: [...children.map((u) => row(u, u.adminUnit.name)), row(totals, `${t('dash.total')}: ${totals.adminUnit.name}`)],
    rateColumns,
  };
}
