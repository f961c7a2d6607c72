import { and, count, desc, eq, gt, isNull } from 'drizzle-orm';
import { normalizeMobile } from '@shequ/domain';
import { outbox, residentSignInCodes, type Tx } from '@shequ/db';
import type { AnonymousCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { hashResetCode, newResetCode } from '../auth/password-reset-code.ts';
import { messageParams, notificationText } from '../notifications/notify.ts';
import type { PersonalDataCipher } from '../security/personal-data.ts';
import { requestResidentSignInCodeSchema } from './resident-sign-in.schema.ts';

/** A resident's sign-in code lasts five minutes (issue 16). */
export const RESIDENT_CODE_TTL_MS = 5 * 60 * 1000;
/**
 * Limits kept in the community's own rows (the web adds per-IP and per-number limits across communities in Redis,
 * apps/web/app/lib/throttle.server.ts): a number gets one code a minute and five an hour in a community; a
 * community sends at most `perCommunityHour` codes an hour (its text messages cost money; a flood from many numbers
 * stops there).
 */
export const RESIDENT_CODE_LIMITS: { intervalMs: number; perNumberHour: number; perCommunityHour: number } = { intervalMs: 60 * 1000, perNumberHour: 5, perCommunityHour: 300 };

/**
 * A resident asks for a six-digit sign-in code for their mobile, in the community whose page they are on.
 *
 * Input: `{ tenantId, mobile, cipher, limits? }` (requestResidentSignInCodeSchema; `limits` overrides
 * RESIDENT_CODE_LIMITS, for tests and configuration). Caller: anonymous. Transaction: the community's tenant scope.
 * Output: `{ mobileIndex, expiresAt }`. Anyone may sign in with a mainland mobile (the first sign-in links the number
 * to the register or leaves a pending entry for staff), so nothing here depends on the register. The mobile is kept
 * only as its keyed hash, the code only as its scrypt hash (decision 033's mechanics); earlier open codes of the
 * number in the community are voided. The text message goes through the outbox (kind `resident_sign_in_code`),
 * recipient and body sealed with the personal-data cipher, opened only at delivery.
 * Refusals: residentSignIn.tooSoon (one a minute per number), residentSignIn.tooMany (five an hour per number),
 * residentSignIn.communityBusy (the community's hourly budget of codes is spent).
 */
export async function requestResidentSignInCode(
  tx: Tx,
  _caller: AnonymousCaller,
  input: { tenantId: string; mobile: string; cipher: PersonalDataCipher; limits?: Partial<typeof RESIDENT_CODE_LIMITS> },
  now = new Date(),
) {
  const mobile = normalizeMobile(requestResidentSignInCodeSchema.parse(input).mobile)!;
  const limits = { ...RESIDENT_CODE_LIMITS, ...input.limits };
  const mobileIndex = input.cipher.blindIndex('mobile', mobile);
  const hourAgo = new Date(now.getTime() - 3600_000);
  const recent = await tx
    .select({ createdAt: residentSignInCodes.createdAt })
    .from(residentSignInCodes)
    .where(and(eq(residentSignInCodes.tenantId, input.tenantId), eq(residentSignInCodes.mobileIndex, mobileIndex), gt(residentSignInCodes.createdAt, hourAgo)))
    .orderBy(desc(residentSignInCodes.createdAt));
  if (recent[0] && now.getTime() - recent[0].createdAt.getTime() < limits.intervalMs) throw new UseCaseError('residentSignIn.tooSoon');
  if (recent.length >= limits.perNumberHour) throw new UseCaseError('residentSignIn.tooMany');
  const [sent] = await tx
    .select({ n: count() })
    .from(residentSignInCodes)
    .where(and(eq(residentSignInCodes.tenantId, input.tenantId), gt(residentSignInCodes.createdAt, hourAgo)));
  if ((sent?.n ?? 0) >= limits.perCommunityHour) throw new UseCaseError('residentSignIn.communityBusy');

  const code = newResetCode();
  await tx
    .update(residentSignInCodes)
    .set({ usedAt: now })
    .where(and(eq(residentSignInCodes.tenantId, input.tenantId), eq(residentSignInCodes.mobileIndex, mobileIndex), isNull(residentSignInCodes.usedAt)));
  const expiresAt = new Date(now.getTime() + RESIDENT_CODE_TTL_MS);
  await tx.insert(residentSignInCodes).values({ tenantId: input.tenantId, mobileIndex, codeHash: await hashResetCode(code), expiresAt, createdAt: now });
  const data = { code, minutes: RESIDENT_CODE_TTL_MS / 60_000 };
  const { subject, body } = notificationText('resident_sign_in_code', data);
  await tx.insert(outbox).values({
    tenantId: input.tenantId,
    channel: 'sms',
    kind: 'resident_sign_in_code',
    recipient: `sealed:${input.cipher.encrypt(mobile)}`,
    subject,
    body: `sealed:${input.cipher.encrypt(body)}`,
    params: messageParams(data, input.cipher),
  });
  return { mobileIndex, expiresAt };
}
