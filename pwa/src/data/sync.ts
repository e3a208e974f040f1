/**
 * When the outbox is flushed: on start, on `online`, when the app becomes visible, every
 * minute (doubling up to 16 minutes after failures) and when asked. Background Sync is
 * not relied on: only Chromium has it.
 */
import { type FlushOutcome, flush } from './outbox';

const INTERVAL_MS = 60_000;
const MAX_BACKOFF = 16;

/**
 * Flushes on start, on `online`, when the app becomes visible, every minute (doubling
 * up to 16 minutes after failures) and when asked. Background Sync is not relied on:
 * only Chromium has it.
 */
export class SyncScheduler {
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<FlushOutcome> | null = null;
  private stopped = false;

  constructor(
    private readonly owner: () => string | null,
    private readonly report: (outcome: FlushOutcome | null) => void,
  ) {}

  private readonly onOnline = (): void => void this.kick();
  private readonly onVisible = (): void => {
    if (document.visibilityState === 'visible') void this.kick();
  };

  start(): void {
    this.stopped = false;
    window.addEventListener('online', this.onOnline);
    document.addEventListener('visibilitychange', this.onVisible);
    void this.kick();
  }

  stop(): void {
    this.stopped = true;
    window.removeEventListener('online', this.onOnline);
    document.removeEventListener('visibilitychange', this.onVisible);
    if (this.timer) clearTimeout(this.timer);
  }

  /** Flush now (or join the flush already running in this tab). */
  kick(): Promise<FlushOutcome> {
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(): Promise<FlushOutcome> {
    if (this.timer) clearTimeout(this.timer);
    const owner = this.owner();
    let outcome: FlushOutcome;
    if (owner === null) {
      outcome = { ok: true, sent: 0 }; // still finding out who is signed in
    } else {
      this.report(null);
      try {
        outcome = await flush(owner);
      } catch {
        outcome = { ok: false, reason: 'offline' };
      }
    }
    this.failures = outcome.ok || outcome.reason === 'busy' ? 0 : Math.min(this.failures + 1, 10);
    this.report(outcome);
    if (!this.stopped) {
      const delay = INTERVAL_MS * Math.min(2 ** this.failures, MAX_BACKOFF);
      this.timer = setTimeout(() => void this.kick(), delay);
    }
    return outcome;
  }
}
