import { eq } from 'drizzle-orm';
import { checkNewPassword } from '@shequ/domain';
import { sessions, type Tx } from '@shequ/db';
import type { Caller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { claimOneTimeLink } from '../security/one-time-link.ts';
import { storePassword } from './stored-password.ts';

/**
 * Spends a one-time link (someone not signed in): sets the new password and signs the user out everywhere. Input:
 * the link's `token` and the `password`. Refuses: password.* (too weak), auth.linkInvalid (used, expired or unknown).
 */
export async function resetPassword(tx: Tx, _caller: Caller, input: { token: string; password: string }, now = new Date()) {
  const { token, password: newPassword } = input;
  const problem = checkNewPassword(newPassword);
  if (problem) throw new UseCaseError(`password.${problem}`);
  const claimed = await claimOneTimeLink(tx, 'password_reset', token, now);
  if (!claimed) throw new UseCaseError('auth.linkInvalid');
  await storePassword(tx, claimed.userId, newPassword);
  await tx.delete(sessions).where(eq(sessions.userId, claimed.userId));
  return { userId: claimed.userId };
}
