/**
 * The office's screens (issue 14) as a table: the hub (`#/office`) lists them, the header
 * shows its "Office" link only to a viewer with at least one. Kept apart from the hub so
 * the header (in the initial bundle) does not pull the hub's chunk.
 *
 * A new office screen adds its route to router.ts, its screen to screens.ts, and one row
 * here.
 */
import type { Viewer } from '../../data/db';
import type { MessageKey } from '../../i18n';
import type { Route } from '../../router';

export const EDITORS = ['PROVINCE_ADMIN', 'UNIT_MANAGER'];
export const ADMINS = ['PROVINCE_ADMIN'];

export interface OfficeLink {
  route: Route;
  label: MessageKey;
  hint: MessageKey;
  roles: string[];
}

/** Every office screen, in the order the hub lists them. */
export const OFFICE_LINKS: OfficeLink[] = [
  { route: { name: 'dashboard' }, label: 'dash.title', hint: 'dash.hint', roles: EDITORS },
  { route: { name: 'surveyManage' }, label: 'svy.manageTitle', hint: 'svy.manageHint', roles: EDITORS },
  { route: { name: 'adminUsers' }, label: 'acct.users.title', hint: 'acct.users.hint', roles: ADMINS },
  { route: { name: 'adminApiKeys' }, label: 'acct.keys.title', hint: 'acct.keys.hint', roles: ADMINS },
  { route: { name: 'adminAudit' }, label: 'acct.audit.title', hint: 'acct.audit.hint', roles: ADMINS },
  { route: { name: 'eventsManage' }, label: 'evm.title', hint: 'evm.hint', roles: EDITORS },
  { route: { name: 'campaignsManage' }, label: 'cpm.title', hint: 'cpm.hint', roles: EDITORS },
  { route: { name: 'registryMembers' }, label: 'reg.member.title', hint: 'reg.member.hint', roles: EDITORS },
  { route: { name: 'registryOrganizations' }, label: 'reg.org.title', hint: 'reg.org.hint', roles: EDITORS },
  { route: { name: 'registryImport' }, label: 'reg.import.title', hint: 'reg.import.hint', roles: EDITORS },
  { route: { name: 'projects' }, label: 'prj.title', hint: 'prj.hint', roles: EDITORS },
  { route: { name: 'supportRequests' }, label: 'sup.title', hint: 'sup.hint', roles: EDITORS },
];

/**
 * Every route inside the office (each hub row's screen and the pages it opens), so the
 * header's "Office" link is marked current on all of them.
 */
const OFFICE_ROUTES: ReadonlySet<Route['name']> = new Set<Route['name']>([
  'office',
  'dashboard',
  'dashboardUnit',
  'surveyManage',
  'surveyNew',
  'surveyEdit',
  'surveyResults',
  'adminUsers',
  'adminApiKeys',
  'adminAudit',
  'eventsManage',
  'eventCreate',
  'eventManage',
  'campaignsManage',
  'campaignCreate',
  'campaignManage',
  'registryMembers',
  'registryMember',
  'registryOrganizations',
  'registryOrganization',
  'registryImport',
  // listed on the hub for editors (partners reach support from their own header link)
  'projects',
  'project',
  'projectNew',
  'projectEdit',
  'supportRequests',
  'supportOffers',
  'supportEngagement',
]);

export function isOfficeRoute(name: Route['name']): boolean {
  return OFFICE_ROUTES.has(name);
}

export function officeLinksFor(viewer: Viewer | null): OfficeLink[] {
  if (!viewer) return [];
  return OFFICE_LINKS.filter((link) => link.roles.some((role) => viewer.roles.includes(role)));
}
