/** The active members of an organisation in the registry (a project's owner, team and task assignees are chosen among them). */
import { useLoaded } from '../../components/use-loaded';
import { type Member, fetchMembers } from '../../data/registry';

export function useMembers(organizationId: string): Member[] {
  const load = async (): Promise<Member[]> => (organizationId ? (await fetchMembers({ organizationId }, null, 100)).nodes : []);
  return useLoaded(load, [], [organizationId]);
}
