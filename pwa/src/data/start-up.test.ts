import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const calls: string[] = [];
let signOutPending = false;
let hint = true;

vi.mock('./accounts', () => ({
  finishSignOut: vi.fn(async () => {
    calls.push('finishSignOut');
    if (signOutPending) throw new Error('network: offline');
  }),
  // never answers within the test: what is sent beside it must not wait for it
  fetchViewer: vi.fn(() => {
    calls.push('viewer');
    return new Promise(() => undefined);
  }),
  signedInHere: vi.fn(() => hint),
}));
vi.mock('./surveys', () => ({ prefetchSurveys: vi.fn(() => calls.push('surveys')) }));
vi.mock('./home', () => ({ prefetchSummary: vi.fn(() => calls.push('summary')) }));

async function fresh() {
  vi.resetModules();
  return import('./start-up');
}

beforeEach(() => {
  calls.length = 0;
  signOutPending = false;
  hint = true;
});
afterEach(() => vi.clearAllMocks());

describe('the first requests of a page load', () => {
  it('ask who is signed in once, however many times the bootstrap and the app ask', async () => {
    const { askViewer } = await fresh();
    const first = askViewer(false);
    expect(askViewer(false)).toBe(first);
    await vi.waitFor(() => expect(calls).toEqual(['finishSignOut', 'viewer']));
  });

  it("send the home's surveys and, with a session in this browser, its day beside the question", async () => {
    const { askViewer } = await fresh();
    void askViewer(true);
    await vi.waitFor(() => expect(calls).toEqual(['finishSignOut', 'viewer', 'surveys', 'summary']));
  });

  it("leave the staff home's data alone for a visitor", async () => {
    hint = false;
    const { askViewer } = await fresh();
    void askViewer(true);
    await vi.waitFor(() => expect(calls).toEqual(['finishSignOut', 'viewer', 'surveys']));
  });

  it('send nothing while a sign-out made offline has not reached the server', async () => {
    signOutPending = true;
    const { askViewer } = await fresh();
    await expect(askViewer(true)).rejects.toThrow('offline');
    expect(calls).toEqual(['finishSignOut']);
  });
});
