import { describe, expect, it } from 'vitest';
import { type FieldLogItem, fieldLogs, logDraftKey } from './campaigns';
import type { QueuedItem, StoredPhoto } from './db';
import { checkIns } from './events';
import { canReopen, registerOutboxKind } from './outbox';
import { type SurveyResponseItem, deliveryOf, surveyResponses } from './surveys';

const bookkeeping: QueuedItem = {
  clientId: 'c-1',
  owner: 'canbo.31825',
  photoKeys: ['q_photo'],
  state: 'failed',
  result: 'REJECTED',
  errors: [
    { field: 'adminUnitCode', code: 'OUT_OF_SCOPE', message: 'Ngoài phạm vi' },
    { field: 'answers.age', code: 'REQUIRED', message: 'Bắt buộc' },
  ],
  attempts: 1,
  lastAttemptAt: null,
  createdAt: '2026-11-30T01:00:00.000Z',
};
const blob = new Blob(['x']);
const photo = (clientId: string, questionKey: string): StoredPhoto => ({ clientId, questionKey, blob, sha256: `h-${questionKey}`, uploaded: false });

const response: SurveyResponseItem = {
  ...bookkeeping,
  kind: 'surveyResponse',
  surveyId: 'U3VydmV5OjE=',
  surveyTitle: 'Hộ gia đình',
  version: 2,
  answers: { age: 41, q_photo: 'h-q_photo', where: { lat: 9.3, lon: 105.7, accuracy: 12 } },
  collectedAt: '2026-11-30T00:59:00.000Z',
  adminUnitCode: '32002',
  deviceId: 'd-1',
  location: null,
  result: 'REJECTED',
};

describe('reopening a refused item as a draft', () => {
  registerOutboxKind(surveyResponses);
  registerOutboxKind(checkIns);
  registerOutboxKind(fieldLogs);

  it('turns a survey response into its form draft with the answers, photos, unit and messages', () => {
    const reopened = surveyResponses.reopen?.(response, [photo('c-1', 'q_photo')]);
    expect(reopened?.open).toEqual({ name: 'survey', id: 'U3VydmV5OjE=' });
    expect(reopened?.draft.store).toBe('drafts');
    const draft = reopened?.draft.store === 'drafts' ? reopened.draft.value : null;
    expect(draft).toMatchObject({
      owner: 'canbo.31825',
      surveyId: 'U3VydmV5OjE=',
      version: 2,
      raw: response.answers,
      unitCode: '32002',
      step: 'review',
      serverErrors: bookkeeping.errors,
    });
    expect(draft?.photos).toEqual([{ questionKey: 'q_photo', blob, sha256: 'h-q_photo' }]);
  });

  it('turns a field log into its form draft, photos in their order', () => {
    const log: FieldLogItem = {
      ...bookkeeping,
      kind: 'fieldLog',
      campaignId: 'Q2FtcGFpZ246Mw==',
      campaignTitle: 'Bình dân học vụ số',
      adminUnitCode: '31825-K1',
      unitName: 'Khóm 1',
      happenedAt: '2026-11-30T02:00:00.000Z',
      activity: 'CLASS',
      peopleReached: 12,
      householdsReached: 5,
      note: 'Lớp tối',
      location: null,
    };
    const reopened = fieldLogs.reopen?.(log, [photo('c-1', 'photo-10'), photo('c-1', 'photo-2')]);
    expect(reopened?.open).toEqual({ name: 'campaignLog', id: 'Q2FtcGFpZ246Mw==' });
    expect(reopened?.draft).toMatchObject({ store: 'kept', key: logDraftKey('canbo.31825', 'Q2FtcGFpZ246Mw==') });
    const value = reopened?.draft.store === 'kept' ? (reopened.draft.value as { photos: { sha256: string }[]; log: { peopleReached: number } }) : null;
    expect(value?.photos.map((p) => p.sha256)).toEqual(['h-photo-2', 'h-photo-10']);
    expect(value?.log.peopleReached).toBe(12);
  });

  it('offers "Open to correct" only for refused items the server did not store, of kinds that can reopen', () => {
    expect(canReopen(response)).toBe(true);
    expect(canReopen({ ...response, state: 'queued', result: null })).toBe(false);
    // stored, only a photo refused: editing would make a second response
    expect(canReopen({ ...response, result: 'CREATED' })).toBe(false);
    // a check-in has no form to go back to
    expect(canReopen({ ...bookkeeping, kind: 'checkIn' })).toBe(false);
  });

  it('tells where a saved response stands', () => {
    expect(deliveryOf(undefined)).toBe('sent');
    expect(deliveryOf({ ...response, state: 'queued', result: null })).toBe('waiting');
    expect(deliveryOf({ ...response, state: 'acknowledged', result: 'CREATED' })).toBe('photos');
    expect(deliveryOf(response)).toBe('refused');
  });
});
