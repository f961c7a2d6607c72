import { and, isNotNull, lt, or } from 'drizzle-orm';
import { authTokens, passwordResetCodes, sessions, type Tx } from '@shequ/db';
import type { Caller } from '../caller.ts';

/**
 * Deletes expired sessions, spent or expired one-time links and text-message codes. Safe to run any number of times.
 * Caller: the worker's sweep (nobody in particular; the session-purge system scope). No input.
 */
export async function purgeExpiredSessions(tx: Tx, _caller: Caller, _input: Record<string, never> = {}, now = new Date()) {
  const deletedSessions = await tx.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ id: sessions.id });
  const weekAgo = new Date(now.getTime() - 7 * 24 * 60 * 60 * 1000);
  const deletedTokens = await tx
    .delete(authTokens)
    .where(or(lt(authTokens.expiresAt, weekAgo), and(isNotNull(authTokens.usedAt), lt(authTokens.usedAt, weekAgo))))
    .returning({ id: authTokens.id });
  const deletedCodes = await tx.delete(passwordResetCodes).where(lt(passwordResetCodes.expiresAt, weekAgo)).returning({ id: passwordResetCodes.id });
  return { sessions: deletedSessions.length, tokens: deletedTokens.length + deletedCodes.length };
}
