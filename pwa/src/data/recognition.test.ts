import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchRound } from './recognition';

const ROUND = { id: 'R1', title: 'Đợt 2026', status: 'OPEN' };

function page(ids: string[], endCursor: string | null) {
  return {
    data: {
      recognitionRound: {
        ...ROUND,
        nominations: { edges: ids.map((id) => ({ node: { id } })), pageInfo: { hasNextPage: endCursor !== null, endCursor } },
      },
    },
  };
}

afterEach(() => vi.unstubAllGlobals());

describe('a round with more nominations than one page', () => {
  it('reads every page, passing each end cursor on', async () => {
    const replies = [page(['N1', 'N2'], 'c2'), page(['N3'], null)];
    const sent: unknown[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init: RequestInit) => {
        sent.push(JSON.parse(String(init.body)).variables);
        return new Response(JSON.stringify(replies.shift()), { status: 200, headers: { 'Content-Type': 'application/json' } });
      }),
    );

    const round = await fetchRound('R1');

    expect(round?.nominations.map((n) => n.id)).toEqual(['N1', 'N2', 'N3']);
    expect(sent).toEqual([
      { id: 'R1', after: null },
      { id: 'R1', after: 'c2' },
    ]);
  });
});
