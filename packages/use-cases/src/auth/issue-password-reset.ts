import { and, eq, isNull } from 'drizzle-orm';
import { authTokens, type Tx } from '@shequ/db';
import { newToken } from '../security/token.ts';

export const RESET_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * An admin issues a one-time reset link for a user (the caller has checked the admin may manage that user's
 * membership). Earlier unused links for the user stop working.
 */
export async function issuePasswordReset(tx: Tx, adminUserId: string, userId: string, now = new Date()) {
  await tx
    .update(authTokens)
    .set({ usedAt: now })
    .where(and(eq(authTokens.userId, userId), eq(authTokens.purpose, 'password_reset'), isNull(authTokens.usedAt)));
  const { token, hash } = newToken();
  const expiresAt = new Date(now.getTime() + RESET_TTL_MS);
  await tx.insert(authTokens).values({ id: hash, purpose: 'password_reset', userId, issuedBy: adminUserId, expiresAt });
  return { token, expiresAt };
}
