import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { authTokens, type Tx } from '@shequ/db';
import { newToken, hashToken } from './token.ts';

type Purpose = 'password_reset' | 'invitation';

/**
 * Issues a single-use link of one purpose for a user. A password reset voids the person's earlier unused reset links,
 * whoever issued them (through void_one_time_links: the issuer's scope sees only the links it issued, decision 019).
 * An invitation's link (invitationId) replaces only that invitation's earlier links (those this scope sees: the
 * issuer's own, or all under the authentication and maintenance scopes), so invitations to different places stay
 * open side by side (decision 029).
 */
export async function issueOneTimeLink(tx: Tx, purpose: Purpose, userId: string, issuedBy: string, ttlMs: number, now = new Date(), invitationId: string | null = null) {
  if (invitationId) {
    await tx.update(authTokens).set({ usedAt: now }).where(and(eq(authTokens.invitationId, invitationId), isNull(authTokens.usedAt)));
  } else {
    await tx.execute(sql`select void_one_time_links(${userId}::uuid, ${purpose}::auth_token_purpose, ${now.toISOString()}::timestamptz)`);
  }
  const { token, hash } = newToken();
  const expiresAt = new Date(now.getTime() + ttlMs);
  await tx.insert(authTokens).values({ id: hash, purpose, userId, issuedBy, expiresAt, invitationId });
  return { token, expiresAt };
}

/** Spends a link if it is of that purpose, unused and unexpired; returns whose it was, or null. Atomic: spent once. */
export async function claimOneTimeLink(tx: Tx, purpose: Purpose, token: string, now = new Date()): Promise<{ userId: string } | null> {
  if (!token || token.length > 100) return null;
  const [claimed] = await tx
    .update(authTokens)
    .set({ usedAt: now })
    .where(and(eq(authTokens.id, hashToken(token)), eq(authTokens.purpose, purpose), isNull(authTokens.usedAt), gt(authTokens.expiresAt, now)))
    .returning({ userId: authTokens.userId });
  return claimed ?? null;
}
