import { eq } from 'drizzle-orm';
import { type Db, SYSTEM_SCOPES, users, withSystem } from '@shequ/db';
import { defineAbilityFor } from '@shequ/permissions';
import { listWorkspaces } from '../auth/workspaces.ts';
import type { StaffCaller } from '../caller.ts';

/**
 * A demo user (by mobile) as the caller of use cases in their workspace of `tenantId`, with the ability the web app
 * would build for them: for tests outside this package (the worker's) that prepare data through the use cases.
 */
export async function staffCallerFor(db: Db, mobile: string, tenantId: string): Promise<StaffCaller> {
  const [user] = await withSystem(db, SYSTEM_SCOPES.maintenance, 'test caller', (tx) => tx.select({ id: users.id, displayName: users.displayName }).from(users).where(eq(users.mobile, mobile)));
  if (!user) throw new Error(`no user with mobile ${mobile}`);
  const workspace = (await withSystem(db, SYSTEM_SCOPES.maintenance, 'test caller', (tx) => listWorkspaces(tx, user.id))).find((w) => w.tenantId === tenantId);
  if (!workspace) throw new Error(`${mobile} has no workspace in ${tenantId}`);
  const actor = { userId: user.id, displayName: user.displayName, workspace };
  return { actor, ability: defineAbilityFor(actor) };
}
