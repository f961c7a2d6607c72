import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { authTokens, type Tx } from '@shequ/db';
import { newToken, hashToken } from './token.ts';

type Purpose = 'password_reset' | 'invitation';

/**
 * Issues a single-use link of one purpose for a user; the user's earlier unused links of that purpose stop working,
 * whoever issued them (through void_one_time_links: the issuer's scope sees only the links it issued, decision 019).
 */
export async function issueOneTimeLink(tx: Tx, purpose: Purpose, userId: string, issuedBy: string, ttlMs: number, now = new Date()) {
  await tx.execute(sql`select void_one_time_links(${userId}::uuid, ${purpose}::auth_token_purpose, ${now.toISOString()}::timestamptz)`);
  const { token, hash } = newToken();
  const expiresAt = new Date(now.getTime() + ttlMs);
  await tx.insert(authTokens).values({ id: hash, purpose, userId, issuedBy, expiresAt });
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
