/**
 * The network's vocabulary (network/models.py OrganizationKind, NetworkRole): one list of
 * each and one set of labels (`net.kind.*`, `net.role.*`), shared by the dashboard, the
 * registry, the survey builder's audience and event invitations, so a kind or a role reads
 * the same on every screen.
 */
import type { MessageKey } from '../i18n';

export const ORGANIZATION_KINDS = [
  'PROVINCIAL_DEPARTMENT',
  'MASS_ORGANIZATION',
  'PEOPLES_COMMITTEE',
  'PUBLIC_SERVICE_UNIT',
  'ENTERPRISE',
  'TELECOM_POSTAL',
  'BANK',
  'BUSINESS_ASSOCIATION',
  'COMMUNITY_TECH_TEAM',
  'OTHER',
] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

export const NETWORK_ROLES = ['FOCAL_POINT', 'TECH_TEAM_LEADER', 'TECH_TEAM_DEPUTY', 'TECH_TEAM_MEMBER', 'EXPERT', 'TRAINER', 'MEMBER'] as const;
export type NetworkRole = (typeof NETWORK_ROLES)[number];

type Translate = (key: MessageKey) => string;

/** An organisation kind as people read it (`PEOPLES_COMMITTEE` → "Ủy ban nhân dân"). */
export function kindLabel(t: Translate, kind: string): string {
  return t(`net.kind.${kind}` as MessageKey);
}

/** A role in the network as people read it (`FOCAL_POINT` → "Cán bộ đầu mối"). */
export function roleLabel(t: Translate, role: string): string {
  return t(`net.role.${role}` as MessageKey);
}
