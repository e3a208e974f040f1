import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { newId, sha256Fallback } from './ids';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('ids in any context', () => {
  it('makes a v4 UUID without crypto.randomUUID (plain HTTP on a LAN address)', () => {
    const real = globalThis.crypto;
    vi.stubGlobal('crypto', { getRandomValues: <T extends ArrayBufferView>(a: T): T => real.getRandomValues(a as never) });
    try {
      const ids = new Set(Array.from({ length: 50 }, newId));
      expect(ids.size).toBe(50);
      for (const id of ids) expect(id).toMatch(UUID);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('uses crypto.randomUUID when there is one', () => {
    expect(newId()).toMatch(UUID);
  });

  it('hashes like Web Crypto without it', () => {
    for (const size of [0, 3, 55, 56, 63, 64, 65, 1000, 100_003]) {
      const data = new Uint8Array(size).map((_, i) => (i * 31 + 7) & 0xff);
      const ours = Buffer.from(sha256Fallback(data)).toString('hex');
      expect(ours).toBe(createHash('sha256').update(data).digest('hex'));
    }
  });
});
