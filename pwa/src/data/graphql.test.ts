import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { batchOperations, graphql, operation, registeredOperations } from './graphql';

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

describe('trusted documents in the client', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends the document with its SHA-256, persisted-query style', async () => {
    const VIEWER_TEST = operation('query ViewerTest { viewer { username } }');
    const fetch = vi.fn(async () => new Response(JSON.stringify({ data: { viewer: null } }), { status: 200 }));
    vi.stubGlobal('fetch', fetch);

    await graphql(VIEWER_TEST, { a: 1 });

    const init = (fetch.mock.calls[0] as unknown as [string, RequestInit])[1];
    expect(JSON.parse(String(init.body))).toEqual({
      query: 'query ViewerTest { viewer { username } }',
      variables: { a: 1 },
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256('query ViewerTest { viewer { username } }') } },
    });
  });

  it('registers a document for every batch size, and refuses other sizes', () => {
    const documentFor = batchOperations(3, (n) => `mutation Batch${n} { ${'a: viewer '.repeat(n)} }`);
    expect(documentFor(2)).toBe('mutation Batch2 { a: viewer a: viewer  }');
    for (const n of [1, 2, 3]) expect(registeredOperations()).toContain(documentFor(n));
    expect(() => documentFor(0)).toThrow(RangeError);
    expect(() => documentFor(4)).toThrow(RangeError);
  });
});
