/**
 * Hash routes (`#/`, `#/signin`, `#/outbox`, `#/s/<id>`, `#/events/<id>`…) as typed route objects.
 *
 * Screens import this module, never app.tsx. A route is one line in PATHS: its name and
 * its path, with `:param` segments; `Route` is derived from the table, so `href()` and
 * `go()` only accept routes that exist, with the parameters they need. A last `:param`
 * takes the rest of the path (an id with a "/" in it still opens its screen); so a longer
 * path with the same start (`events/:id/check-in`) comes before the shorter (`events/:id`).
 */
import { useEffect, useState } from 'preact/hooks';

export const PATHS = {
  home: '',
  surveys: 'surveys',
  // the office's surveys (issue 14): the list, the builder, the results
  surveyManage: 'surveys/manage',
  surveyNew: 'surveys/new',
  surveyEdit: 'surveys/:id/edit',
  surveyResults: 'surveys/:id/results',
  signin: 'signin',
  outbox: 'outbox',
  survey: 's/:id',
  // recognition (issue 15): staff screening, rounds, the committee, the leaderboard
  screening: 'initiatives/screening',
  rounds: 'recognition/rounds',
  round: 'recognition/rounds/:id',
  committee: 'committee',
  ballot: 'committee/:id',
  emulation: 'emulation',
  // field work (issue 13): events, check-in, the member's card, campaigns
  // (and the office's pages of events and campaigns, issue 14: `events/manage` comes
  // before `events/:id`, which would take "manage" for an id)
  events: 'events',
  eventCreate: 'events/manage/new',
  eventsManage: 'events/manage',
  checkIn: 'events/:id/check-in',
  eventManage: 'events/:id/manage',
  event: 'events/:id',
  card: 'card/:token',
  campaigns: 'campaigns',
  campaignCreate: 'campaigns/manage/new',
  campaignsManage: 'campaigns/manage',
  campaignLog: 'campaigns/:id/log',
  campaignManage: 'campaigns/:id/manage',
  campaign: 'campaigns/:id',
  // the office (issue 14): a hub page, then one route per desktop job
  office: 'office',
  // the knowledge base and the assistant (issue 17); `kb/search?q=…` carries its text
  kbEdit: 'kb/edit/:id',
  kbSearch: 'kb/search',
  kbArticle: 'kb/:slug',
  kb: 'kb',
  assistant: 'assistant',
  dashboardUnit: 'dashboard/:code',
  dashboard: 'dashboard',
  adminUsers: 'admin/users',
  adminApiKeys: 'admin/api-keys',
  adminAudit: 'admin/audit',
  // citizens (issue 13): submit and follow an initiative, the showcase; no account needed
  initiativeNew: 'initiatives/new',
  trackCode: 'track/:code',
  track: 'track',
  showcaseItem: 'showcase/:id',
  showcase: 'showcase',
  registryImport: 'registry/import',
  registryOrganization: 'registry/organizations/:id',
  registryOrganizations: 'registry/organizations',
  registryMember: 'registry/members/:id',
  registryMembers: 'registry/members',
  // DX projects (issue 18)
  projectNew: 'projects/new',
  projectEdit: 'projects/:id/edit',
  project: 'projects/:id',
  projects: 'projects',
  // expert support (issue 18): requests and engagements, partners' offers
  supportEngagement: 'support/engagements/:id',
  supportOffers: 'support/offers',
  supportRequests: 'support/requests',
} as const;

type Paths = typeof PATHS;
export type RouteName = keyof Paths;

/** `'s/:id'` → `{ id: string }`. */
type Params<P extends string> = P extends `${string}:${infer K}/${infer Rest}`
  ? { [key in K]: string } & Params<Rest>
  : P extends `${string}:${infer K}`
    ? { [key in K]: string }
    : unknown;

type Flat<T> = { [K in keyof T]: T[K] };

/** One route by name, e.g. `RouteOf<'survey'>` is `{ name: 'survey'; id: string }`. */
export type RouteOf<N extends RouteName> = Flat<{ name: N } & Params<Paths[N]>>;
export type Route = { [N in RouteName]: RouteOf<N> }[RouteName];

/** What a screen is given: its route, with its parameters (screens.ts). */
export interface ScreenProps<N extends RouteName> {
  route: RouteOf<N>;
}

/** The screen shown for an address nothing else matches. */
const HOME: Route = { name: 'home' };

function match(pattern: string, parts: string[]): Record<string, string> | null {
  const want = pattern === '' ? [] : pattern.split('/');
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i += 1) {
    const segment = want[i] as string;
    const last = i === want.length - 1;
    const part = last && segment.startsWith(':') ? parts.slice(i).join('/') : parts[i];
    if (part === undefined || part === '') return null;
    if (segment.startsWith(':')) {
      try {
        params[segment.slice(1)] = decodeURIComponent(part);
      } catch {
        return null;
      }
    } else if (segment !== part) {
      return null;
    }
  }
  return want.length === parts.length || want.at(-1)?.startsWith(':') ? params : null;
}

/** The route of a location hash (`#/s/abc` → `{ name: 'survey', id: 'abc' }`). */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#\/?/, '').split('?', 1)[0] ?? '';
  const parts = path === '' ? [] : path.split('/');
  for (const [name, pattern] of Object.entries(PATHS)) {
    const params = match(pattern, parts);
    if (params) return { ...params, name } as Route;
  }
  return HOME;
}

/** The `?…` part of a location hash (`#/kb/search?q=vneid` → `q=vneid`), read as parameters. */
export function hashQuery(hash: string = location.hash): URLSearchParams {
  const at = hash.indexOf('?');
  return new URLSearchParams(at < 0 ? '' : hash.slice(at + 1));
}

/** The address of a route, for `<a href>`. */
export function href(route: Route): string {
  const pattern: string = PATHS[route.name];
  const values = route as unknown as Record<string, string>;
  const path = pattern
    .split('/')
    .map((segment) => (segment.startsWith(':') ? encodeURIComponent(values[segment.slice(1)] ?? '') : segment))
    .join('/');
  return `#/${path}`;
}

/** Open a route (a new history entry, as following a link does). */
export function go(route: Route): void {
  location.hash = href(route);
}

export function currentRoute(): Route {
  return parseRoute(location.hash);
}

/** The current route; re-renders the caller when the address changes. */
export function useRoute(): Route {
  const [route, setRoute] = useState<Route>(currentRoute);
  useEffect(() => {
    const onHash = (): void => setRoute(currentRoute());
    window.addEventListener('hashchange', onHash);
    onHash(); // the address may have changed between the first render and now
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return route;
}
