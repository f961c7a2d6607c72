import { and, eq, gt, isNull } from 'drizzle-orm';
import { checkPassword } from '@shequ/domain';
import { authTokens, users, type Tx } from '@shequ/db';
import { UseCaseError } from '../errors.ts';
import { hashPassword, verifyPassword } from '../security/password.ts';
import { hashToken } from '../security/token.ts';
import { claimOneTimeLink } from '../security/one-time-link.ts';

/**
 * Whether an invitation can still be used, and whether it is for an account that has a password already (the page
 * then asks for it). Returns the account's id for throttling, never its name or contacts: whoever holds a link
 * must not learn who owns a mobile number (issue 13). null when unknown, used or expired.
 */
export async function peekInvitation(tx: Tx, token: string, now = new Date()) {
  if (!token || token.length > 100) return null;
  const [row] = await tx
    .select({ userId: users.id, hasPassword: users.passwordHash })
    .from(authTokens)
    .innerJoin(users, eq(users.id, authTokens.userId))
    .where(and(eq(authTokens.id, hashToken(token)), eq(authTokens.purpose, 'invitation'), isNull(authTokens.usedAt), gt(authTokens.expiresAt, now)));
  return row ? { userId: row.userId, hasPassword: Boolean(row.hasPassword) } : null;
}

/**
 * Spends an invitation and returns the user, whom the caller then signs in. A new account sets its password here.
 * An account that already has one must give it (the link alone never replaces a password: whoever issued the
 * invitation must not be able to take over an existing account with it).
 */
export async function acceptInvitation(tx: Tx, token: string, password: string, now = new Date()) {
  const invited = await peekInvitation(tx, token, now);
  if (!invited) throw new UseCaseError('linkInvalid');
  if (invited.hasPassword) {
    const [user] = await tx.select({ hash: users.passwordHash }).from(users).where(eq(users.id, invited.userId));
    if (!(await verifyPassword(user!.hash!, password))) throw new UseCaseError('invalidCredentials');
  } else {
    const problem = checkPassword(password);
    if (problem) throw new UseCaseError(`password.${problem}`);
  }
  const claimed = await claimOneTimeLink(tx, 'invitation', token, now);
  if (!claimed) throw new UseCaseError('linkInvalid');
  if (!invited.hasPassword) await tx.update(users).set({ passwordHash: await hashPassword(password) }).where(eq(users.id, claimed.userId));
  return { userId: claimed.userId };
}
