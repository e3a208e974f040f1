import { describe, expect, it } from 'vitest';
import { formatVnd, reportResult, statusReports } from './projects';

describe('status reports through the outbox', () => {
  it('keeps a refused report and drops a stored or already stored one', () => {
    const error = { field: 'progress', code: 'PERCENT_OUT_OF_RANGE', message: 'Tỷ lệ phải từ 0 đến 100 %.' };
    expect(reportResult({ duplicate: false, report: null, errors: [error] })).toBe('REJECTED');
    expect(reportResult({ duplicate: false, report: { id: 3 }, errors: [] })).toBe('CREATED');
    expect(reportResult({ duplicate: true, report: { id: 3 }, errors: [] })).toBe('DUPLICATE');
    expect(statusReports.acknowledges('CREATED')).toBe(true);
    expect(statusReports.acknowledges('DUPLICATE')).toBe(true);
    expect(statusReports.acknowledges('REJECTED')).toBe(false);
  });

  it('writes amounts in đồng the Vietnamese way', () => {
    expect(formatVnd(1_500_000_000).replace(/\s/g, ' ')).toBe('1.500.000.000 ₫');
  });
});
