import { afterEach, describe, expect, it, vi } from 'vitest';
import { notTried } from './outbox';
import { type DeliveryItem, supportDeliveries } from './support';

const item = (clientId: string, peopleHelped: number): DeliveryItem => ({
  clientId,
  kind: 'supportDelivery',
  owner: 'doitac.vnpt',
  photoKeys: [],
  ...notTried(),
  createdAt: '2026-11-30T10:00:00Z',
  engagementId: 'U3VwcG9ydEVuZ2FnZW1lbnQ6MQ==',
  title: 'Kích hoạt VNeID',
  hours: 8,
  personDays: 1,
  peopleHelped,
  notes: '',
  loggedAt: '2026-11-30T10:00:00Z',
});

afterEach(() => vi.unstubAllGlobals());

describe('delivery logs in the outbox', () => {
  it('sends each log as recordEngagementDelivery and reads saved or refused', async () => {
    const sent: Record<string, unknown>[] = [];
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      const body = JSON.parse(String(init.body)) as { variables: { input: Record<string, unknown> } };
      sent.push(body.variables.input);
      const refused = (body.variables.input.peopleHelped as number) > 100000;
      const payload = refused
        ? { engagement: null, errors: [{ field: 'peopleHelped', code: 'NUMBER_OUT_OF_RANGE', message: 'Giá trị phải từ 0 đến 100000.' }] }
        : { engagement: { id: 'x' }, errors: [] };
      return new Response(JSON.stringify({ data: { recordEngagementDelivery: payload } }), { status: 200 });
    });
    const reply = await supportDeliveries.send([item('a', 40), item('b', 200000)]);
    expect(sent.map((input) => input.peopleHelped)).toEqual([40, 200000]);
    // the item's clientId goes along: the log's photos are uploaded under it afterwards
    expect(sent[0]).toEqual({ id: 'U3VwcG9ydEVuZ2FnZW1lbnQ6MQ==', hours: 8, personDays: 1, peopleHelped: 40, notes: '', clientId: 'a' });
    expect(supportDeliveries.photoUrl({ clientId: 'a b', questionKey: 'photo-1' } as never)).toBe('/uploads/delivery-photos/a%20b');
    expect(reply.results.map((r) => [r.clientId, r.result])).toEqual([
      ['a', 'SAVED'],
      ['b', 'REFUSED'],
    ]);
    expect(reply.results[1]?.errors[0]?.field).toBe('peopleHelped');
    expect(supportDeliveries.acknowledges('SAVED')).toBe(true);
    expect(supportDeliveries.acknowledges('REFUSED')).toBe(false);
  });
});
