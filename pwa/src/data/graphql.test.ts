import { afterEach, describe, expect, it, vi } from 'vitest';
import { type BatchMutation, batchDocument, sendBatch } from './graphql';

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

  it('sends the inputs as $i0… and returns the payloads in the inputs’ order', async () => {
    const sent: { query: string; variables: Record<string, unknown> }[] = [];
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      sent.push(JSON.parse(String(init.body)) as (typeof sent)[number]);
      // the server's JSON keeps no promised order: answer the aliases backwards
      return new Response(JSON.stringify({ data: { m1: { result: 'DUPLICATE' }, m0: { result: 'CREATED' } } }), { status: 200 });
    });
    const payloads = await sendBatch<{ result: string }>(CHECK_IN, [{ clientId: 'a' }, { clientId: 'b' }]);
    expect(payloads).toEqual([{ result: 'CREATED' }, { result: 'DUPLICATE' }]);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.variables).toEqual({ i0: { clientId: 'a' }, i1: { clientId: 'b' } });
    expect(sent[0]?.query).toBe(batchDocument(CHECK_IN, 2));
  });
});
