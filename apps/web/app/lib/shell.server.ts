import { packRules } from '@casl/ability/extra';
import type { ActorContext } from './session.server.ts';

/** What the AppShell needs: never more than the user's own name and workspaces. */
export function shellData({ session, ability }: ActorContext) {
  const pick = (w: (typeof session.workspaces)[number]) => ({ membershipId: w.membershipId, role: w.role, orgUnitName: w.orgUnitName });
  return {
    user: { displayName: session.user.displayName },
    workspace: pick(session.active!),
    workspaces: session.workspaces.map(pick),
    rules: packRules(ability.rules),
  };
}
