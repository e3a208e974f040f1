import { describe, expect, it } from 'vitest';
import type { QueuedItem } from './db';
import { type OutboxKind, describeItem, notTried, registerOutboxKind } from './outbox';
import { surveyResponses } from './surveys';

const base: QueuedItem = {
  clientId: 'c1',
  owner: '',
  photoKeys: [],
  ...notTried(),
  createdAt: '2026-11-30T01:00:00.000Z',
};

describe('the outbox kind registry', () => {
  registerOutboxKind(surveyResponses);

  it('reads an item saved before kinds existed as a survey response', () => {
    const item = { ...base, surveyTitle: 'Hộ gia đình', collectedAt: '2026-11-30T00:59:00.000Z' };
    expect(describeItem(item)).toEqual({ title: 'Hộ gia đình', collectedAt: '2026-11-30T00:59:00.000Z' });
  });

  it('lets another domain register its kind without touching the core', () => {
    const checkIns: OutboxKind<QueuedItem & { place: string }> = {
      name: 'checkIn',
      batchSize: 50,
      send: async () => ({ results: [], errors: [] }),
      acknowledges: (result) => result === 'CREATED',
      photoUrl: (photo) => `/uploads/check-ins/${photo.clientId}`,
      describe: (item) => ({ title: item.place, collectedAt: item.createdAt }),
    };
    registerOutboxKind(checkIns);
    const item: QueuedItem & { place: string } = { ...base, kind: 'checkIn', place: 'UBND xã' };
    expect(describeItem(item)).toEqual({
      title: 'UBND xã',
      collectedAt: base.createdAt,
    });
  });

  it('shows an item of a kind this version does not know by its kind', () => {
    expect(describeItem({ ...base, kind: 'fieldLog' })).toEqual({ title: 'fieldLog', collectedAt: base.createdAt });
  });

  it('acknowledges survey responses as the server stores them', () => {
    expect(['CREATED', 'DUPLICATE', 'CONFLICT', 'REJECTED', null].map(surveyResponses.acknowledges)).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});
