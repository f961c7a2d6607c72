import { eq } from 'drizzle-orm';
import { sessions, type Tx } from '@shequ/db';
import { UseCaseError } from '../errors.ts';
import type { ResolvedSession } from './resolve-session.ts';

/**
 * Makes one of the user's own memberships the session's workspace. The caller is the resolved session; input
 * `{ membershipId }`. Output: the workspace switched to. Someone else's membership id is refused
 * (auth.notYourWorkspace).
 */
export async function switchWorkspace(tx: Tx, caller: ResolvedSession, input: { membershipId: string }) {
  const target = caller.workspaces.find((w) => w.membershipId === input.membershipId);
  if (!target) throw new UseCaseError('auth.notYourWorkspace');
  await tx.update(sessions).set({ membershipId: input.membershipId }).where(eq(sessions.id, caller.sessionId));
  return target;
}
