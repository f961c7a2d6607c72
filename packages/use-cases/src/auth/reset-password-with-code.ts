import { and, desc, eq, isNull } from 'drizzle-orm';
import { checkNewPassword, normalizeMobile } from '@shequ/domain';
import { passwordResetCodes, sessions, users, type Tx } from '@shequ/db';
import type { AnonymousCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { hashResetCode, verifyResetCode } from './password-reset-code.ts';
import { storePassword } from './stored-password.ts';
import { resetPasswordWithCodeSchema, type ResetPasswordWithCodeInput } from './reset-password-with-code.schema.ts';
export { resetPasswordWithCodeSchema, type ResetPasswordWithCodeInput };

/** Wrong codes a code survives: the fifth wrong one ends it. */
export const RESET_CODE_MAX_ATTEMPTS = 5;


export type CodeRefusal = 'invalid' | 'expired' | 'tooManyAttempts';

let dummy: Promise<string> | undefined;

/**
 * The account holder sets a new password with the code sent to their mobile (requestPasswordResetCode).
 *
 * Input: resetPasswordWithCodeSchema (mobile, 6-digit code, new password checked against the policy and the
 * breached-password list, and its repetition). Caller: anonymous. Transaction: the authentication scope.
 * Output: `{ ok: true, userId }` (password replaced, every session of the account signed out, the code spent), or
 * `{ ok: false, reason }` — returned, not thrown, so the counted attempt commits with the transaction:
 * 'invalid' (no code for that mobile, a wrong code, or a mobile without an account: alike), 'expired' (after 10
 * minutes), 'tooManyAttempts' (the fifth wrong code ends the code; a new one must be asked for).
 * The latest open code of the mobile is locked while it is checked, so parallel guesses count one by one.
 * Refusals (thrown): password.<problem> when the schema was bypassed or the password is a common one.
 */
export async function resetPasswordWithCode(tx: Tx, _caller: AnonymousCaller, input: ResetPasswordWithCodeInput, now = new Date()): Promise<{ ok: true; userId: string } | { ok: false; reason: CodeRefusal }> {
  // The form's schema again (issue 12): its password messages (reset.errors.<problem>) are the refusals
  // password.<problem>; a mobile, code or repetition of the wrong shape is the caller's bug (TypeError).
  input = parseInput(resetPasswordWithCodeSchema, input, (message) => (message.startsWith('reset.errors.') ? `password.${message.slice('reset.errors.'.length)}` : null));
  const problem = checkNewPassword(input.password);
  if (problem) throw new UseCaseError(`password.${problem}`);
  const mobile = normalizeMobile(input.mobile);
  const [row] = mobile
    ? await tx
        .select()
        .from(passwordResetCodes)
        .where(and(eq(passwordResetCodes.mobile, mobile), isNull(passwordResetCodes.usedAt)))
        .orderBy(desc(passwordResetCodes.createdAt))
        .limit(1)
        .for('update')
    : [];
  if (!row) {
    // The same work as a real check, so the answer takes as long.
    await verifyResetCode(await (dummy ??= hashResetCode('000000')), input.code);
    return { ok: false, reason: 'invalid' };
  }
  if (row.expiresAt <= now) return { ok: false, reason: 'expired' };
  if (row.attempts >= RESET_CODE_MAX_ATTEMPTS) return { ok: false, reason: 'tooManyAttempts' };
  const right = await verifyResetCode(row.codeHash, input.code.trim());
  if (!right || !row.userId) {
    const attempts = row.attempts + 1;
    await tx
      .update(passwordResetCodes)
      .set({ attempts, usedAt: attempts >= RESET_CODE_MAX_ATTEMPTS ? now : null })
      .where(eq(passwordResetCodes.id, row.id));
    return { ok: false, reason: attempts >= RESET_CODE_MAX_ATTEMPTS ? 'tooManyAttempts' : 'invalid' };
  }
  await tx.update(passwordResetCodes).set({ usedAt: now, attempts: row.attempts + 1 }).where(eq(passwordResetCodes.id, row.id));
  const [user] = await tx.select({ id: users.id }).from(users).where(and(eq(users.id, row.userId), isNull(users.disabledAt)));
  if (!user) return { ok: false, reason: 'invalid' };
  await storePassword(tx, user.id, input.password);
  await tx.delete(sessions).where(eq(sessions.userId, user.id));
  return { ok: true, userId: user.id };
}
