import { describe, expect, it } from 'vitest';
import { vietnamInput } from './days';
import { type RosterEntry, type Rsvp, globalPk, inScope, readToken, rsvpCounts } from './events';
import { fold, phoneDigits } from './text';

/** A token as activities/tokens.py signs one (the tag is not checked on the device). */
function token(purpose: string, member: number, version: number, issued: number): string {
  const payload = new Uint8Array(13);
  const view = new DataView(payload.buffer);
  payload[0] = purpose.charCodeAt(0);
  view.setUint32(1, member);
  view.setUint32(5, version);
  view.setUint32(9, issued);
  const b64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return `${b64(payload)}.${b64(new Uint8Array(16).fill(7))}`;
}

describe('QR tokens read on the device', () => {
  it('reads the member, version and issue time of a check-in code', () => {
    const claims = readToken(token('Q', 4242, 3, 1_764_000_000));
    expect(claims).toEqual({ memberPk: 4242, version: 3, issuedAt: new Date(1_764_000_000_000) });
  });

  it('refuses other purposes and garbage', () => {
    expect(readToken(token('C', 1, 1, 1))).toBeNull(); // a calendar token
    expect(readToken('khong-phai-ma-qr')).toBeNull();
    expect(readToken('abc.def')).toBeNull();
    expect(readToken('!!!.???')).toBeNull();
  });

  it('reads the integer of a global ID', () => {
    expect(globalPk(btoa('Member:12'))).toBe(12);
    expect(globalPk('not base64 at all')).toBeNull();
  });

});

describe('search without diacritics', () => {
  it('folds Vietnamese as the server does', () => {
    expect(fold('  Nguyễn  Văn ĐỨC ')).toBe('nguyen van duc');
    expect(fold('Đặng Quốc Khánh')).toBe('dang quoc khanh');
  });

  it('compares phones by their digits', () => {
    expect(phoneDigits('+84 912 345 678')).toBe('0912345678');
    expect(phoneDigits('0399.000.111')).toBe('0399000111');
  });
});

describe('the office’s event helpers', () => {
  const entry = (rsvp: Rsvp | null, attended: boolean): RosterEntry => ({ memberId: 'm', memberPk: 1, fullName: 'A', tokenVersion: 1, rsvp, attended });

  it('counts the answers and who came (a walk-in has no answer)', () => {
    const roster = [entry('ACCEPTED', true), entry('ACCEPTED', false), entry('DECLINED', false), entry('PENDING', true), entry(null, true)];
    expect(rsvpCounts(roster)).toEqual({ ACCEPTED: 2, DECLINED: 1, PENDING: 1, attended: 3 });
  });

  it('knows an event of the viewer’s area from one of a unit above it', () => {
    expect(inScope('/96/31825/31825-K01/', '31825')).toBe(true);
    expect(inScope('/96/31825/', '31825')).toBe(true);
    expect(inScope('/96/', '31825')).toBe(false); // a province training
    expect(inScope('/96/31843/', '31825')).toBe(false);
    expect(inScope('/96/318250/', '31825')).toBe(false); // a code is a whole segment
  });

  it('shows a server time as the Vietnam time a person types', () => {
    expect(vietnamInput('2026-12-01T01:00:00+00:00')).toBe('2026-12-01T08:00');
    expect(vietnamInput('2026-11-30T20:30:00Z')).toBe('2026-12-01T03:30');
  });
});
