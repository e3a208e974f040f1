/** A unit's figures for the dashboard's tests (imported by tests only). */
import type { UnitKpis } from '../../../data/kpis';

/** A commune under province 96 with no figures but `figures`. */
export function unitKpis(code: string, name: string, figures: Partial<UnitKpis> = {}): UnitKpis {
  return {
    adminUnit: { code, name, kind: 'COMMUNE', path: `/96/${code}/` },
    organizations: 0,
    focalPointRequired: 0,
    focalPointQualified: 0,
    focalPointRate: null,
    members: 0,
    membersOnAllCorePlatforms: 0,
    platformAdoptionRate: null,
    trainedRate: null,
    dxRoleMembers: null,
    trainedMembers: null,
    ...figures,
  };
}
