/**
 * The staff home's data: this week's events and the campaigns covering the viewer's area
 * with their progress. Asked for at start-up when the browser holds a session
 * (data/start-up.ts), so the first home on 3G does not wait for "who is signed in" first.
 */
import { type CampaignProgress, fetchCampaigns, fetchProgress } from './campaigns';
import { startOfVietnamDay, todayInVietnam } from './days';
import { type EventSummary, fetchEvents } from './events';

export interface Summary {
  events: EventSummary[];
  campaigns: CampaignProgress[];
  at: string;
}

interface Loading {
  events: Promise<EventSummary[]>;
  summary: Promise<Summary>;
}

/**
 * This week's events (those going on now, and those starting before the seventh day from
 * today in Vietnam), then the campaigns with their progress.
 */
function startSummary(): Loading {
  const events = fetchEvents(null, { endsAfter: new Date().toISOString(), startsBefore: startOfVietnamDay(todayInVietnam(), 7), first: 10 }).then((page) => page.nodes);
  const campaigns = fetchCampaigns(null, todayInVietnam(), 5).then((page) =>
    Promise.all(page.nodes.map((c) => fetchProgress(c.id).then((p) => p.progress))),
  );
  const summary = Promise.all([events, campaigns]).then(([found, progress]) => ({ events: found, campaigns: progress, at: new Date().toISOString() }));
  summary.catch(() => undefined); // read by the home, or dropped (a visitor after all)
  return { events, summary };
}

let early: Loading | null = null;

/**
 * Ask for the home's data beside "who is signed in" when this browser holds a session
 * (data/start-up.ts): one round trip less on 3G. The first home shown uses it.
 */
export function prefetchSummary(): void {
  early ??= startSummary();
}

/** This week's events (shown as soon as they arrive), then the campaigns with their progress. */
export function loadSummary(onEvents: (events: EventSummary[]) => void): Promise<Summary> {
  const loading = early ?? startSummary();
  early = null;
  loading.events.then(onEvents, () => undefined);
  return loading.summary;
}
