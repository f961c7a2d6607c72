import { eq } from 'drizzle-orm';
import { sessions, type Tx } from '@shequ/db';
import { UseCaseError } from '../errors.ts';
import type { ResolvedSession } from './resolve-session.ts';

/** Makes one of the user's own memberships the session's workspace. Someone else's membership id is refused (auth.notYourWorkspace). */
export async function switchWorkspace(tx: Tx, session: ResolvedSession, membershipId: string) {
  const target = session.workspaces.find((w) => w.membershipId === membershipId);
  if (!target) throw new UseCaseError('auth.notYourWorkspace');
  await tx.update(sessions).set({ membershipId }).where(eq(sessions.id, session.sessionId));
  return target;
}
