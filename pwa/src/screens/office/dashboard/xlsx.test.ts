import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { UnitKpis } from '../../../data/kpis';
import type { MessageKey } from '../../../i18n';
import { vi } from '../../../i18n/vi';
import { viOffice } from '../../../i18n/vi-office';
import { sheetRows } from './table';
import { unitKpis } from './unit-fixture';
import { columnName, escapeXml, xlsxBytes } from './xlsx';

const catalogue: Record<MessageKey, string> = { ...vi, ...viOffice };
const t = (key: MessageKey): string => catalogue[key];

function unit(code: string, name: string, rate: number | null): UnitKpis {
  const figures = { organizations: 3, focalPointRequired: 2, focalPointQualified: 1, focalPointRate: rate, members: 40, membersOnAllCorePlatforms: 10, platformAdoptionRate: 0.25 };
  return unitKpis(code, name, { ...figures, dxRoleMembers: 0, trainedMembers: 0 });
}

describe('columnName', () => {
  it('names spreadsheet columns', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnName)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});

describe('escapeXml', () => {
  it('escapes markup and drops characters XML cannot hold', () => {
    expect(escapeXml('A & <b> "c"\u0001')).toBe('A &amp; &lt;b&gt; &quot;c&quot;');
  });
});

describe('xlsxBytes', () => {
  it('writes a workbook whose sheet holds the table: names as text, figures and rates as numbers', () => {
    const { header, rows, rateColumns } = sheetRows([unit('31825', 'Phường Bạc Liêu', 0.5), unit('31843', 'Xã Hồng Dân <A&B>', null)], unit('96', 'Tỉnh Cà Mau', 0.5), t);
    const files = unzipSync(xlsxBytes('Tỉnh Cà Mau', header, rows, rateColumns));
    expect(Object.keys(files).sort()).toEqual(
      ['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml'].sort(),
    );
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml'] as Uint8Array);
    expect(sheet).toContain('<c r="A1" s="1" t="inlineStr"><is><t xml:space="preserve">Đơn vị</t></is></c>');
    expect(sheet).toContain('<t xml:space="preserve">Xã Hồng Dân &lt;A&amp;B&gt;</t>');
    // the focal point rate (column G) with the percent style, the empty rate left out
    expect(sheet).toContain('<c r="G2" s="2"><v>0.5</v></c>');
    expect(sheet).not.toContain('r="G3"');
    expect(sheet).toContain('<c r="C2"><v>3</v></c>');
    expect(sheet).toContain('<t xml:space="preserve">Tổng: Tỉnh Cà Mau</t>');
    expect(strFromU8(files['xl/workbook.xml'] as Uint8Array)).toContain('<sheet name="Tỉnh Cà Mau"');
  });
});
