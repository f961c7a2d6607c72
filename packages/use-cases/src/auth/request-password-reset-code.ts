import { parseInput } from '../parse-input.ts';
import { and, asc, desc, eq, gt, isNull, isNotNull } from 'drizzle-orm';
import { normalizeMobile } from '@shequ/domain';
import { memberships, orgUnits, outbox, passwordResetCodes, users, type Tx } from '@shequ/db';
import type { AnonymousCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { messageParams, notificationText } from '../notifications/notify.ts';
import type { PersonalDataCipher } from '../security/personal-data.ts';
import { hashResetCode, newResetCode } from './password-reset-code.ts';
import { requestPasswordResetCodeSchema } from './request-password-reset-code.schema.ts';
export { requestPasswordResetCodeSchema };

export const RESET_CODE_TTL_MS = 10 * 60 * 1000;
/** A mobile gets at most one code a minute and five an hour, whoever asks (the web also throttles per IP). */
export const RESET_CODE_INTERVAL_MS = 60 * 1000;
export const RESET_CODES_PER_HOUR = 5;


/**
 * The account holder asks for a text-message code to reset their own password (issue 13: what no admin may do,
 * the holder does).
 *
 * Input: `{ mobile, cipher }` (requestPasswordResetCodeSchema; the personal-data cipher seals the message body, so
 * the code lies in the outbox only sealed). Caller: anonymous. Transaction: the authentication scope.
 * Output: `{ mobile, expiresAt }`, the same whether or not an account has that mobile: a code row is written
 * either way (only its scrypt hash), earlier open codes for the mobile are voided, and only for an enabled account
 * holding a place in some unit is the SMS written to the outbox (in the name of that unit: the outbox belongs to a
 * community or unit; an operator without one is reset by another operator). The code lasts 10 minutes.
 * Refusals (the same for any mobile): resetCode.tooSoon (one a minute), resetCode.tooMany (five an hour).
 */
export async function requestPasswordResetCode(tx: Tx, _caller: AnonymousCaller, input: { mobile: string; cipher: PersonalDataCipher }, now = new Date()) {
  const mobile = normalizeMobile(parseInput(requestPasswordResetCodeSchema, input).mobile)!;
  const recent = await tx
    .select({ createdAt: passwordResetCodes.createdAt })
    .from(passwordResetCodes)
    .where(and(eq(passwordResetCodes.mobile, mobile), gt(passwordResetCodes.createdAt, new Date(now.getTime() - 3600_000))))
    .orderBy(desc(passwordResetCodes.createdAt));
  if (recent[0] && now.getTime() - recent[0].createdAt.getTime() < RESET_CODE_INTERVAL_MS) throw new UseCaseError('resetCode.tooSoon');
  if (recent.length >= RESET_CODES_PER_HOUR) throw new UseCaseError('resetCode.tooMany');

  const [user] = await tx.select({ id: users.id, disabledAt: users.disabledAt }).from(users).where(eq(users.mobile, mobile)).limit(1);
  const account = user && !user.disabledAt ? user : null;
  const code = newResetCode();
  await tx.update(passwordResetCodes).set({ usedAt: now }).where(and(eq(passwordResetCodes.mobile, mobile), isNull(passwordResetCodes.usedAt)));
  const expiresAt = new Date(now.getTime() + RESET_CODE_TTL_MS);
  await tx.insert(passwordResetCodes).values({ mobile, userId: account?.id ?? null, codeHash: await hashResetCode(code), expiresAt, createdAt: now });

  if (account) {
    // The unit the message is written in the name of: a community first, else any unit the person works in.
    const [unit] = await tx
      .select({ id: memberships.orgUnitId })
      .from(memberships)
      .innerJoin(orgUnits, eq(orgUnits.id, memberships.orgUnitId))
      .where(and(eq(memberships.userId, account.id), isNotNull(memberships.orgUnitId)))
      .orderBy(desc(eq(orgUnits.kind, 'community')), asc(memberships.createdAt))
      .limit(1);
    if (unit?.id) {
      const data = { code, minutes: RESET_CODE_TTL_MS / 60_000 };
      const { subject, body } = notificationText('password_reset_code', data);
      await tx.insert(outbox).values({
        tenantId: unit.id,
        channel: 'sms',
        kind: 'password_reset_code',
        userId: account.id,
        recipient: mobile,
        subject,
        body: `sealed:${input.cipher.encrypt(body)}`,
        params: messageParams(data, input.cipher),
      });
    }
  }
  return { mobile, expiresAt };
}
