import { and, eq, gt, isNull } from 'drizzle-orm';
import { checkNewPassword } from '@shequ/domain';
import { authTokens, sessions, type Tx } from '@shequ/db';
import { UseCaseError } from '../errors.ts';
import { hashToken } from '../security/token.ts';
import { claimOneTimeLink } from '../security/one-time-link.ts';
import { storePassword } from './stored-password.ts';

/** Spends a one-time link: sets the new password and signs the user out everywhere. */
export async function resetPassword(tx: Tx, token: string, newPassword: string, now = new Date()) {
  const problem = checkNewPassword(newPassword);
  if (problem) throw new UseCaseError(`password.${problem}`);
  const claimed = await claimOneTimeLink(tx, 'password_reset', token, now);
  if (!claimed) throw new UseCaseError('auth.linkInvalid');
  await storePassword(tx, claimed.userId, newPassword);
  await tx.delete(sessions).where(eq(sessions.userId, claimed.userId));
  return { userId: claimed.userId };
}

/** Whether a reset link can still be used (the page shows the form only then). Does not spend it. */
export async function isResetLinkUsable(tx: Tx, token: string, now = new Date()): Promise<boolean> {
  if (!token || token.length > 100) return false;
  const [row] = await tx
    .select({ id: authTokens.id })
    .from(authTokens)
    .where(and(eq(authTokens.id, hashToken(token)), eq(authTokens.purpose, 'password_reset'), isNull(authTokens.usedAt), gt(authTokens.expiresAt, now)))
    .limit(1);
  return Boolean(row);
}
