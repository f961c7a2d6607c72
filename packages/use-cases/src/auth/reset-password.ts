import { and, eq, gt, isNull } from 'drizzle-orm';
import { checkPassword } from '@shequ/domain';
import { authTokens, sessions, users, type Tx } from '@shequ/db';
import { UseCaseError } from '../errors.ts';
import { hashPassword } from '../security/password.ts';
import { hashToken } from '../security/token.ts';

/** Spends a one-time link: sets the new password and signs the user out everywhere. */
export async function resetPassword(tx: Tx, token: string, newPassword: string, now = new Date()) {
  const problem = checkPassword(newPassword);
  if (problem) throw new UseCaseError(`password.${problem}`);
  const [claimed] = await tx
    .update(authTokens)
    .set({ usedAt: now })
    .where(and(eq(authTokens.id, hashToken(token)), isNull(authTokens.usedAt), gt(authTokens.expiresAt, now)))
    .returning({ userId: authTokens.userId });
  if (!claimed) throw new UseCaseError('linkInvalid');
  await tx.update(users).set({ passwordHash: await hashPassword(newPassword) }).where(eq(users.id, claimed.userId));
  await tx.delete(sessions).where(eq(sessions.userId, claimed.userId));
  return { userId: claimed.userId };
}
