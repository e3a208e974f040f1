/** The active members of an organisation in the registry (a project's owner, team and task assignees are chosen among them). */
import { useEffect, useState } from 'preact/hooks';
import { type Member, fetchMembers } from '../../data/registry';

export function useMembers(organizationId: string): Member[] {
  const [members, setMembers] = useState<Member[]>([]);
  useEffect(() => {
    if (!organizationId) {
      setMembers([]);
      return;
    }
    let live = true;
    fetchMembers({ organizationId }, null, 100).then(
      (page) => live && setMembers(page.nodes),
      () => live && setMembers([]),
    );
    return () => {
      live = false;
    };
  }, [organizationId]);
  return members;
}
