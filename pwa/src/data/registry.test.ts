import { describe, expect, it } from 'vitest';
import { type ImportReport, errorReportCsv, exportUrl } from './registry';

const REPORT: ImportReport = {
  totalRows: 3,
  validRows: 1,
  created: 0,
  updated: 0,
  newRows: 1,
  changedRows: 0,
  unchangedRows: 0,
  dryRun: true,
  applied: false,
  columns: ['Họ và tên', 'Số điện thoại'],
  rows: [],
  rowsTruncated: false,
  rowErrors: [
    { row: 3, column: 'Số điện thoại', code: 'INVALID_PHONE', message: 'Số điện thoại không hợp lệ (ví dụ: 0912345678, +84 912 345 678).' },
    { row: 4, column: 'Họ và tên', code: 'REQUIRED', message: '=HYPERLINK("http://x")' },
    { row: 4, column: null, code: 'INVALID', message: 'Dòng "lạ"' },
  ],
};

describe('errorReportCsv', () => {
  const csv = errorReportCsv(REPORT, ['Dòng', 'Cột', 'Mã lỗi', 'Nội dung lỗi']);

  it('starts with a BOM so Excel reads Vietnamese, one line per error', () => {
    expect(csv.startsWith('\ufeffDòng,Cột,Mã lỗi,Nội dung lỗi\r\n')).toBe(true);
    expect(csv.trimEnd().split('\r\n')).toHaveLength(4);
  });

  it('quotes commas and quotes, and neutralises formulas', () => {
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[1]).toBe('3,Số điện thoại,INVALID_PHONE,"Số điện thoại không hợp lệ (ví dụ: 0912345678, +84 912 345 678)."');
    expect(lines[2]).toBe('4,Họ và tên,REQUIRED,"\'=HYPERLINK(""http://x"")"');
    expect(lines[3]).toBe('4,,INVALID,"Dòng ""lạ"""');
  });
});

describe('exportUrl', () => {
  it('narrows to a unit only when one is chosen', () => {
    expect(exportUrl('members', 'xlsx', '')).toBe('/exports/members.xlsx');
    expect(exportUrl('organizations', 'csv', '31825-K02')).toBe('/exports/organizations.csv?adminUnitCode=31825-K02');
  });
});
