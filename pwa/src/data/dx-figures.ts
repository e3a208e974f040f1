/**
 * The office dashboard's DX figures for a unit's subtree (issue 18): its projects by status,
 * late, at risk and due a report, and expert support (requests met, hours to match,
 * person-days delivered, people helped, rating). One request for both, whatever the number
 * of projects or engagements (`projectPortfolio` and `supportFigures` cost a fixed number
 * of queries on the server).
 */
import { graphql, operation } from './graphql';
import type { ProjectStatus } from './projects';

export interface ProjectCounts {
  count: number;
  budget: number;
  late: number;
  atRisk: number;
  reportDue: number;
}

export interface DxFigures {
  projects: { total: ProjectCounts; byStatus: { status: ProjectStatus; figures: { count: number } }[] };
  support: {
    requests: number;
    requestsMet: number;
    averageHoursToMatch: number | null;
    personDaysDelivered: number;
    peopleHelped: number;
    averageRating: number | null;
  };
}

export const DX_FIGURES = operation(`query DashDx($code: String!) {
  projectPortfolio(adminUnitCode: $code) { total { count budget late atRisk reportDue } byStatus { status figures { count } } }
  supportFigures(adminUnitCode: $code) { total { requests requestsMet averageHoursToMatch personDaysDelivered peopleHelped averageRating } }
}`);

export async function fetchDxFigures(code: string): Promise<DxFigures> {
  const data = await graphql<{ projectPortfolio: DxFigures['projects']; supportFigures: { total: DxFigures['support'] } }>(DX_FIGURES, { code });
  return { projects: data.projectPortfolio, support: data.supportFigures.total };
}
