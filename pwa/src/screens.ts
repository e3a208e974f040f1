/**
 * Which screen each route opens. Every screen is its own chunk, fetched with import()
 * the first time its route is opened or when the app is idle after start-up, whichever
 * comes first (the service worker precaches every chunk, so they all open offline). A screen takes its route (with its parameters) as `route`
 * and reads the shell's state with `useApp()`.
 */
import { type ComponentType, h } from 'preact';
import { type LazyComponent, lazy } from './components/lazy';
import { loadOfficeMessages } from './i18n';
import type { RouteName, ScreenProps } from './router';

/** An office screen: its chunk and the office's Vietnamese strings (i18n/vi-office.ts), together. */
function office<P extends object>(load: () => Promise<ComponentType<P>>): LazyComponent<P> {
  return lazy(() => Promise.all([load(), loadOfficeMessages()]).then(([screen]) => screen));
}

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
  office: office(() => import('./screens/office/hub').then((m) => m.OfficeHub)),
  // the knowledge base and the assistant (issue 17)
  kb: lazy(() => import('./screens/kb/index').then((m) => m.KnowledgeBase)),
  kbSearch: lazy(() => import('./screens/kb/index').then((m) => m.KnowledgeBase)),
  kbArticle: lazy(() => import('./screens/kb/article').then((m) => m.ArticleScreen)),
  kbEdit: office(() => import('./screens/kb/edit').then((m) => m.ArticleEditor)),
  assistant: lazy(() => import('./screens/kb/assistant').then((m) => m.AssistantScreen)),
  dashboard: office(() => import('./screens/office/dashboard').then((m) => m.Dashboard)),
  dashboardUnit: office(() => import('./screens/office/dashboard').then((m) => m.Dashboard)),
  surveyManage: office(() => import('./screens/office/surveys/manage').then((m) => m.SurveyManage)),
  surveyNew: office(() => import('./screens/office/surveys/edit').then((m) => m.SurveyNew)),
  surveyEdit: office(() => import('./screens/office/surveys/edit').then((m) => m.SurveyEdit)),
  surveyResults: office(() => import('./screens/office/surveys/results').then((m) => m.SurveyResultsScreen)),
  adminUsers: office(() => import('./screens/office/admin/users').then((m) => m.UsersScreen)),
  adminApiKeys: office(() => import('./screens/office/admin/api-keys').then((m) => m.ApiKeysScreen)),
  adminAudit: office(() => import('./screens/office/admin/audit').then((m) => m.AuditScreen)),
  // citizens (issue 13)
  initiativeNew: lazy(() => import('./screens/initiatives/new').then((m) => m.InitiativeForm)),
  track: lazy(() => import('./screens/initiatives/track').then((m) => m.TrackHub)),
  trackCode: lazy(() => import('./screens/initiatives/tracking').then((m) => m.TrackingScreen)),
  showcase: lazy(() => import('./screens/showcase').then((m) => m.Showcase)),
  showcaseItem: lazy(() => import('./screens/showcase/item').then((m) => m.ShowcaseItemScreen)),
  eventsManage: office(() => import('./screens/office/events/list').then((m) => m.EventsManage)),
  eventCreate: office(() => import('./screens/office/events/create').then((m) => m.EventCreate)),
  eventManage: office(() => import('./screens/office/events/event').then((m) => m.EventManage)),
  campaignsManage: office(() => import('./screens/office/events/campaigns').then((m) => m.CampaignsManage)),
  campaignCreate: office(() => import('./screens/office/events/campaign-create').then((m) => m.CampaignCreate)),
  campaignManage: office(() => import('./screens/office/events/campaign').then((m) => m.CampaignManage)),
  registryOrganizations: office(() => import('./screens/office/registry/organizations').then((m) => m.OrganizationList)),
  registryOrganization: office(() => import('./screens/office/registry/organization').then((m) => m.OrganizationScreen)),
  registryMembers: office(() => import('./screens/office/registry/members').then((m) => m.MemberList)),
  registryMember: office(() => import('./screens/office/registry/member').then((m) => m.MemberScreen)),
  registryImport: office(() => import('./screens/office/registry/import').then((m) => m.ImportScreen)),
  // DX projects (issue 18)
  projects: lazy(() => import('./screens/projects/list').then((m) => m.ProjectList)),
  project: lazy(() => import('./screens/projects/project').then((m) => m.ProjectScreen)),
  projectNew: office(() => import('./screens/projects/form').then((m) => m.ProjectNew)),
  projectEdit: office(() => import('./screens/projects/form').then((m) => m.ProjectEdit)),
  // expert support (issue 18)
  supportRequests: lazy(() => import('./screens/support/requests').then((m) => m.SupportRequests)),
  supportOffers: lazy(() => import('./screens/support/offers').then((m) => m.SupportOffers)),
  supportEngagement: lazy(() => import('./screens/support/engagement').then((m) => m.SupportEngagementScreen)),
};

/**
 * Load every screen's chunk once the first screen is up: from the precache when the
 * service worker controls the page, so the initial bundle stays small and no byte is
 * fetched twice, and in memory before the network may drop. One chunk at a time, when
 * the page is idle: on a slow 3G line a burst of twenty chunks would hold every
 * connection and delay the first screen's own GraphQL answers by seconds.
 */
export function warmScreens(): void {
  const idle = (): Promise<void> =>
    new Promise((resolve) => {
      if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 1000 });
      else setTimeout(resolve, 50);
    });
  void (async () => {
    for (const screen of Object.values(SCREENS)) {
      await idle();
      await screen.preload().catch(() => undefined);
    }
  })();
}

/** Start fetching the chunk of the screen the app opens on, while it asks who is signed in. */
export function preloadScreen(name: RouteName): void {
  void SCREENS[name].preload().catch(() => undefined);
}
