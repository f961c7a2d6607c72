import { packRules } from '@casl/ability/extra';
import { unreadNotificationCount } from '@shequ/use-cases';
import { withUser } from './db.server.ts';
import type { ActorContext } from './session.server.ts';

/** What the AppShell needs: never more than the user's own name, workspaces and unread count. */
export async function shellData({ session, ability }: ActorContext) {
  const pick = (w: (typeof session.workspaces)[number]) => ({ membershipId: w.membershipId, role: w.role, orgUnitName: w.orgUnitName });
  return {
    user: { displayName: session.user.displayName },
    workspace: pick(session.active!),
    workspaces: session.workspaces.map(pick),
    rules: packRules(ability.rules),
    unread: await withUser(session.user.id, (tx) => unreadNotificationCount(tx, session.user.id)),
    // When this page was rendered: the care app tells a page fresh from the server from a cached copy (decision 053).
    servedAt: Date.now(),
  };
}
