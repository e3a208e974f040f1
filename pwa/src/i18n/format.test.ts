import { describe, expect, it } from 'vitest';
import { timeSpan } from '../components/field';
import { formatDate, formatTime } from './index';

// The tests run on the machine's zone (UTC here and in CI); what they show must not.
describe("moments on Vietnam's clock", () => {
  it("show an event's hours as Cà Mau lives them", () => {
    expect(timeSpan('2026-12-04T07:00:00Z', '2026-12-04T09:00:00Z', 'vi')).toContain('14:00 – 16:00');
    expect(timeSpan('2026-12-04T07:00:00Z', '2026-12-04T09:00:00Z', 'en')).toContain('14:00 – 16:00');
    expect(formatTime('2026-12-04T07:00:00Z', 'vi')).toContain('14:00');
  });

  it("give a late-evening UTC moment Vietnam's next day", () => {
    expect(formatDate('2026-11-30T18:00:00Z', 'vi')).toBe('1/12/2026');
    expect(timeSpan('2026-11-30T18:00:00Z', '2026-11-30T20:00:00Z', 'vi')).toMatch(/01\/12\/2026, 01:00 – 03:00$/);
  });

  it('leave a calendar day as written, whatever the zone', () => {
    expect(formatDate('2026-12-01', 'vi')).toBe('1/12/2026');
    expect(formatDate('2026-12-01', 'en')).toBe('01/12/2026');
  });
});
