import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { residentSessions, type Tx } from '@shequ/db';
import type { AnonymousCaller, ResidentSelf } from '../caller.ts';
import { hashToken } from '../security/token.ts';

/**
 * Turns a resident's cookie token into their session in the community of the page (decision 035), or null when
 * there is none there (another community's session, expired, revoked, or signed out).
 * Input: `{ tenantId, token }`. Caller: anonymous. Transaction: the community's tenant scope.
 * Output: ResidentSelf (the session id is the token's hash). Touches last_seen_at at most every five minutes.
 */
export async function resolveResidentSession(tx: Tx, _caller: AnonymousCaller, input: { tenantId: string; token: string }, now = new Date()): Promise<ResidentSelf | null> {
  if (!input.token || input.token.length > 100) return null;
  const id = hashToken(input.token);
  const [row] = await tx
    .select()
    .from(residentSessions)
    .where(and(eq(residentSessions.tenantId, input.tenantId), eq(residentSessions.id, id), gt(residentSessions.expiresAt, now), isNull(residentSessions.revokedAt)))
    .limit(1);
  if (!row) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > 5 * 60 * 1000) {
    await tx.update(residentSessions).set({ lastSeenAt: sql`now()` }).where(and(eq(residentSessions.tenantId, input.tenantId), eq(residentSessions.id, id)));
  }
  return { tenantId: row.tenantId, sessionId: row.id, mobileIndex: row.mobileIndex, mobileHint: row.mobileHint, residentId: row.residentId, signUpId: row.signUpId };
}
