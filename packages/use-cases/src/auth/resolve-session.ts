import { and, eq, gt, sql } from 'drizzle-orm';
import { sessions, users, type Tx } from '@shequ/db';
import type { Workspace } from '@shequ/permissions';
import type { Caller } from '../caller.ts';
import { hashToken } from '../security/token.ts';
import { listWorkspaces } from './workspaces.ts';

export type ResolvedSession = {
  sessionId: string;
  user: { id: string; displayName: string };
  workspaces: Workspace[];
  /** null until the user picks one (several memberships), or when the chosen one was removed. */
  active: Workspace | null;
};

/**
 * Turns a cookie's session token (input `token`) into the signed-in user and their workspaces, or null if the session
 * is gone or expired. The caller is whoever sent the cookie (not signed in yet: anonymousCaller()).
 */
export async function resolveSession(tx: Tx, _caller: Caller, input: { token: string }, now = new Date()): Promise<ResolvedSession | null> {
  const { token } = input;
  if (!token || token.length > 100) return null;
  const id = hashToken(token);
  const [row] = await tx
    .select({ sessionId: sessions.id, membershipId: sessions.membershipId, lastSeenAt: sessions.lastSeenAt, userId: users.id, displayName: users.displayName, disabledAt: users.disabledAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now)))
    .limit(1);
  if (!row || row.disabledAt) return null;

  // Touch at most every five minutes, so reads stay reads.
  if (now.getTime() - row.lastSeenAt.getTime() > 5 * 60 * 1000) {
    await tx.update(sessions).set({ lastSeenAt: sql`now()` }).where(eq(sessions.id, id));
  }
  const workspaces = await listWorkspaces(tx, row.userId);
  const active = workspaces.find((w) => w.membershipId === row.membershipId) ?? null;
  return { sessionId: row.sessionId, user: { id: row.userId, displayName: row.displayName }, workspaces, active };
}
