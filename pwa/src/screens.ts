/**
 * Which screen each route opens. Every screen is its own chunk, fetched with import()
 * the first time its route is opened or when the app is idle after start-up, whichever
 * comes first (the service worker precaches every chunk, so they all open offline). A screen takes its route (with its parameters) as `route`
 * and reads the shell's state with `useApp()`.
 */
import { h } from 'preact';
import { type LazyComponent, lazy } from './components/lazy';
import type { RouteName, ScreenProps } from './router';

export const SCREENS: { [N in RouteName]: LazyComponent<ScreenProps<N>> } = {
  surveys: lazy(() => import('./screens/survey-list').then((m) => m.SurveyList)),
  signin: lazy(() => import('./screens/sign-in').then((m) => m.SignIn)),
  outbox: lazy(() => import('./screens/outbox').then((m) => m.OutboxScreen)),
  survey: lazy(() => import('./screens/survey-form').then((m) => m.SurveyForm)),
  // recognition (issue 15)
  screening: lazy(() => import('./screens/recognition/screening').then((m) => m.Screening)),
  rounds: lazy(() => import('./screens/recognition/rounds').then((m) => m.Rounds)),
  round: lazy(() => import('./screens/recognition/round').then((m) => m.RoundScreen)),
  committee: lazy(() => import('./screens/recognition/committee').then((m) => m.Committee)),
  ballot: lazy(() => import('./screens/recognition/ballot').then((m) => m.BallotScreen)),
  emulation: lazy(() => import('./screens/recognition/emulation').then((m) => m.Emulation)),
  // field work (issue 13); the home shows the survey list below the day's work
  home: lazy(() =>
    Promise.all([import('./screens/home'), import('./screens/survey-list')]).then(
      ([home, list]) =>
        function HomeWithSurveys(props: ScreenProps<'home'>) {
          return h(home.Home, { ...props, surveys: list.SurveyList });
        },
    ),
  ),
  events: lazy(() => import('./screens/events').then((m) => m.EventList)),
  event: lazy(() => import('./screens/event').then((m) => m.EventScreen)),
  checkIn: lazy(() => import('./screens/check-in').then((m) => m.CheckInScreen)),
  card: lazy(() => import('./screens/card').then((m) => m.CardScreen)),
  campaigns: lazy(() => import('./screens/campaigns').then((m) => m.CampaignList)),
  campaign: lazy(() => import('./screens/campaign').then((m) => m.CampaignScreen)),
  campaignLog: lazy(() => import('./screens/campaign-log').then((m) => m.CampaignLogScreen)),
  // the office (issue 14)
  office: lazy(() => import('./screens/office/hub').then((m) => m.OfficeHub)),
  registryOrganizations: lazy(() => import('./screens/office/registry/organizations').then((m) => m.OrganizationList)),
  registryOrganization: lazy(() => import('./screens/office/registry/organization').then((m) => m.OrganizationScreen)),
  registryMembers: lazy(() => import('./screens/office/registry/members').then((m) => m.MemberList)),
  registryMember: lazy(() => import('./screens/office/registry/member').then((m) => m.MemberScreen)),
  registryImport: lazy(() => import('./screens/office/registry/import').then((m) => m.ImportScreen)),
};

/**
 * Load every screen's chunk once the app is idle after its first screen: from the
 * precache when the service worker controls the page, so the initial bundle stays small
 * and no byte is fetched twice, and in memory before the network may drop.
 */
export function warmScreens(): void {
  const warm = (): void => {
    for (const screen of Object.values(SCREENS)) void screen.preload();
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(warm, { timeout: 1000 });
  else setTimeout(warm, 200);
}
