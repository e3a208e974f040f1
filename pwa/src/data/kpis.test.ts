import { describe, expect, it } from 'vitest';
import { GraphQLError, HttpError, NetworkError } from './graphql';
import { isRefusal, pathCodes } from './kpis';

describe('pathCodes', () => {
  it('reads the codes along a materialised path', () => {
    expect(pathCodes('/96/31825/31825-k1/')).toEqual(['96', '31825', '31825-k1']);
    expect(pathCodes('/96/')).toEqual(['96']);
  });
});

describe('isRefusal', () => {
  it('is a refusal when the server says the unit is out of scope, forbidden or unknown', () => {
    expect(isRefusal(new GraphQLError(['Ngoài phạm vi'], ['OUT_OF_SCOPE']))).toBe(true);
    expect(isRefusal(new GraphQLError(['Không có quyền'], ['FORBIDDEN']))).toBe(true);
    expect(isRefusal(new GraphQLError(['Không tìm thấy'], ['NOT_FOUND']))).toBe(true);
  });

  it('is a failure to retry otherwise', () => {
    expect(isRefusal(new GraphQLError(['Lỗi'], ['INTERNAL_SERVER_ERROR']))).toBe(false);
    expect(isRefusal(new GraphQLError(['Lỗi']))).toBe(false);
    expect(isRefusal(new HttpError(503))).toBe(false);
    expect(isRefusal(new NetworkError('offline'))).toBe(false);
  });
});
