/**
 * The header's recognition links, each shown only to the roles that can use it:
 * screening, rounds and the leaderboard for province admins and unit managers, the
 * committee's screen for committee members (a chair reaches the round from there).
 */
import type { Viewer } from '../../data/db';
import { type MessageKey, useI18n } from '../../i18n';
import { type Route, href } from '../../router';

const EDITORS = ['PROVINCE_ADMIN', 'UNIT_MANAGER'];

const LINKS: { route: Route; label: MessageKey; roles: string[]; also: Route['name'][] }[] = [
  { route: { name: 'screening' }, label: 'nav.screening', roles: EDITORS, also: [] },
  { route: { name: 'rounds' }, label: 'nav.rounds', roles: EDITORS, also: ['round'] },
  { route: { name: 'committee' }, label: 'nav.committee', roles: ['COMMITTEE_MEMBER'], also: ['ballot'] },
  { route: { name: 'emulation' }, label: 'nav.emulation', roles: EDITORS, also: [] },
];

export function RecognitionLinks({ viewer, route }: { viewer: Viewer | null; route: Route }) {
  const { t } = useI18n();
  if (!viewer) return null;
  return (
    <>
      {LINKS.filter((link) => link.roles.some((role) => viewer.roles.includes(role))).map((link) => (
        <a
          key={link.route.name}
          href={href(link.route)}
          aria-current={route.name === link.route.name || link.also.includes(route.name) ? 'page' : undefined}
        >
          {t(link.label)}
        </a>
      ))}
    </>
  );
}
