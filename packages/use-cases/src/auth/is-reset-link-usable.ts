import { and, eq, gt, isNull } from 'drizzle-orm';
import { authTokens, type Tx } from '@shequ/db';
import type { Caller } from '../caller.ts';
import { hashToken } from '../security/token.ts';

/** Whether a reset link (input `token`) can still be used (the page shows the form only then). Does not spend it. */
export async function isResetLinkUsable(tx: Tx, _caller: Caller, input: { token: string }, now = new Date()): Promise<boolean> {
  const { token } = input;
  if (!token || token.length > 100) return false;
  const [row] = await tx
    .select({ id: authTokens.id })
    .from(authTokens)
    .where(and(eq(authTokens.id, hashToken(token)), eq(authTokens.purpose, 'password_reset'), isNull(authTokens.usedAt), gt(authTokens.expiresAt, now)))
    .limit(1);
  return Boolean(row);
}
