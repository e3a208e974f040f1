import { describe, expect, it } from 'vitest';
import { signedInHere } from './accounts';

describe("the readable 'signed in here' cookie", () => {
  it('is read among the other cookies, by its exact name and value', () => {
    expect(signedInHere('dxnet.lang=vi; dxnet_signed_in=1')).toBe(true);
    expect(signedInHere('dxnet_signed_in=1')).toBe(true);
    expect(signedInHere('')).toBe(false);
    expect(signedInHere('dxnet_signed_in=10; x=1')).toBe(false);
    expect(signedInHere('not_dxnet_signed_in=1')).toBe(false);
    expect(signedInHere('dxnet_signed_in=')).toBe(false); // cleared at sign-out
  });
});
