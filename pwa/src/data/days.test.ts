import { describe, expect, it } from 'vitest';
import { dayInVietnam, fromVietnamInput, startOfVietnamDay, todayInVietnam, vietnamInput } from './days';

describe("Vietnam's days", () => {
  it('turns the date at 17:00 UTC, when Vietnam reaches midnight', () => {
    expect(todayInVietnam(new Date('2026-11-30T16:59:59Z'))).toBe('2026-11-30');
    expect(todayInVietnam(new Date('2026-11-30T17:00:00Z'))).toBe('2026-12-01');
  });

  it("starts today at Vietnam's midnight, however late or early in UTC", () => {
    expect(startOfVietnamDay(todayInVietnam(new Date('2026-12-01T01:20:00Z')), 0)).toBe('2026-11-30T17:00:00.000Z');
    expect(startOfVietnamDay(todayInVietnam(new Date('2026-11-30T17:00:00Z')), 0)).toBe('2026-11-30T17:00:00.000Z');
    expect(startOfVietnamDay(todayInVietnam(new Date('2026-11-30T16:59:59Z')), 0)).toBe('2026-11-29T17:00:00.000Z');
  });

  it('counts days forward and back from today', () => {
    const now = new Date('2026-12-01T01:20:00Z');
    expect(startOfVietnamDay(todayInVietnam(now), 7)).toBe('2026-12-07T17:00:00.000Z');
    expect(startOfVietnamDay(todayInVietnam(now), -90)).toBe('2026-09-01T17:00:00.000Z');
  });

  it("gives days from Vietnam's today, across a month and a year", () => {
    const late = new Date('2026-12-31T18:00:00Z'); // 01:00 on 1 January in Vietnam
    expect(todayInVietnam(late)).toBe('2027-01-01');
    expect(dayInVietnam(30, late)).toBe('2027-01-31');
    expect(dayInVietnam(-1, late)).toBe('2026-12-31');
  });

  it("starts a chosen day at its midnight in Vietnam, or a later one's", () => {
    expect(startOfVietnamDay('2026-12-01')).toBe('2026-11-30T17:00:00.000Z');
    expect(startOfVietnamDay('2026-12-31', 1)).toBe('2026-12-31T17:00:00.000Z');
  });

  it("reads and fills datetime-local fields on Vietnam's wall clock", () => {
    expect(vietnamInput(new Date('2026-11-30T20:30:00Z'))).toBe('2026-12-01T03:30');
    expect(fromVietnamInput('2026-12-01T03:30')).toBe('2026-11-30T20:30:00.000Z');
    expect(fromVietnamInput('')).toBeNull();
    expect(fromVietnamInput('not a time')).toBeNull();
  });
});
