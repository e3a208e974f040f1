import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type BatchMutation, MAX_BATCH, batchDocument, batchMutation, batchOperations, graphql, operation, registeredOperations, sendBatch } from './graphql';

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

const CHECK_IN: BatchMutation = { operation: 'CheckIns', field: 'checkIn', inputType: 'CheckInInput', selection: 'result' };

describe('batch mutations (the outbox kinds send with them)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('builds one operation with an aliased field and a variable per input', () => {
    expect(batchDocument(CHECK_IN, 2)).toBe(
      'mutation CheckIns($i0: CheckInInput!, $i1: CheckInInput!) { m0: checkIn(input: $i0) { result } m1: checkIn(input: $i1) { result } }',
    );
  });

  it('registers the document of every batch size up to the alias limit, and no larger', () => {
    const batch = batchMutation({ ...CHECK_IN, operation: 'CheckInsRegistered' });
    expect(batch.max).toBe(MAX_BATCH);
    for (let n = 1; n <= MAX_BATCH; n += 1) expect(registeredOperations()).toContain(batchDocument({ ...CHECK_IN, operation: 'CheckInsRegistered' }, n));
    expect(() => batch.documentFor(MAX_BATCH + 1)).toThrow(RangeError);
    expect(() => batchMutation(CHECK_IN, MAX_BATCH + 1)).toThrow(RangeError);
  });

  it('sends the inputs as $i0… and returns the payloads in the inputs’ order', async () => {
    const sent: { query: string; variables: Record<string, unknown> }[] = [];
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      sent.push(JSON.parse(String(init.body)) as (typeof sent)[number]);
      // the server's JSON keeps no promised order: answer the aliases backwards
      return new Response(JSON.stringify({ data: { m1: { result: 'DUPLICATE' }, m0: { result: 'CREATED' } } }), { status: 200 });
    });
    const payloads = await sendBatch<{ result: string }>(batchMutation(CHECK_IN, 3), [{ clientId: 'a' }, { clientId: 'b' }]);
    expect(payloads).toEqual([{ result: 'CREATED' }, { result: 'DUPLICATE' }]);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.variables).toEqual({ i0: { clientId: 'a' }, i1: { clientId: 'b' } });
    expect(sent[0]?.query).toBe(batchDocument(CHECK_IN, 2));
  });
});
