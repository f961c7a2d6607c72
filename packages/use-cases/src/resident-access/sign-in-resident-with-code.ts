import { and, desc, eq, isNull } from 'drizzle-orm';
import { normalizeMobile } from '@shequ/domain';
import { residentSignInCodes, type Tx } from '@shequ/db';
import type { AnonymousCaller } from '../caller.ts';
import { hashResetCode, verifyResetCode } from '../auth/password-reset-code.ts';
import type { PersonalDataCipher } from '../security/personal-data.ts';
import { otherCommunitiesOf, type OtherCommunity, startResidentSession } from './resident-session.ts';
import { signInResidentWithCodeSchema, type SignInResidentWithCodeInput } from './resident-sign-in.schema.ts';

/** Wrong codes a code survives: the fifth wrong one ends it (as reset codes, decision 033). */
export const RESIDENT_CODE_MAX_ATTEMPTS = 5;
export { RESIDENT_SESSION_TTL_MS, type OtherCommunity } from './resident-session.ts';

export type ResidentCodeRefusal = 'invalid' | 'expired' | 'tooManyAttempts' | 'used';
export type ResidentSignedIn = {
  ok: true;
  token: string;
  expiresAt: Date;
  residentId: string | null;
  /** True when the register did not know the number: a sign-up waits for staff to confirm. */
  pending: boolean;
  /** Other communities whose register knows the number: the resident may choose one of them instead. */
  otherCommunities: OtherCommunity[];
};

let dummy: Promise<string> | undefined;

/**
 * A resident signs in with the code sent to their mobile (requestResidentSignInCode), in the community they asked in.
 *
 * Input: `{ tenantId, mobile, code, cipher }` (signInResidentWithCodeSchema). Caller: anonymous. Transaction: the
 * community's tenant scope. Output: `{ ok: true, token, … }` (the cookie's token; the session row holds its SHA-256)
 * or `{ ok: false, reason }`, returned rather than thrown so that the counted attempt commits:
 * 'invalid' (no code for the number, or a wrong one), 'expired' (after five minutes), 'tooManyAttempts' (the
 * fifth wrong code ends it, and whatever is typed after it says so), 'used' (the number's last code was spent by a
 * sign-in: get a new one). A right code is spent at once (single use).
 * The first sign-in links the number to the register: the session carries the earliest active entry of the
 * community with that mobile's keyed hash; when there is none, an entry waits for staff (resident_sign_ups, one per
 * number) and the session carries it. `otherCommunities` lists the other communities whose register knows the
 * number (resident_communities, a SECURITY DEFINER function answering ids only), so the resident may choose one.
 */
export async function signInResidentWithCode(
  tx: Tx,
  _caller: AnonymousCaller,
  input: SignInResidentWithCodeInput & { tenantId: string; cipher: PersonalDataCipher },
  now = new Date(),
): Promise<ResidentSignedIn | { ok: false; reason: ResidentCodeRefusal }> {
  const parsed = signInResidentWithCodeSchema.parse(input);
  const mobile = normalizeMobile(parsed.mobile)!;
  const mobileIndex = input.cipher.blindIndex('mobile', mobile);
  const [row] = await tx
    .select()
    .from(residentSignInCodes)
    .where(and(eq(residentSignInCodes.tenantId, input.tenantId), eq(residentSignInCodes.mobileIndex, mobileIndex), isNull(residentSignInCodes.usedAt)))
    .orderBy(desc(residentSignInCodes.createdAt))
    .limit(1)
    .for('update');
  if (!row) {
    // The same work as a real check, so the answer takes as long.
    await verifyResetCode(await (dummy ??= hashResetCode('000000')), parsed.code);
    // No open code: say why when the number's last one was ended, rather than "not right" to a code that was right.
    const [last] = await tx
      .select({ attempts: residentSignInCodes.attempts, expiresAt: residentSignInCodes.expiresAt })
      .from(residentSignInCodes)
      .where(and(eq(residentSignInCodes.tenantId, input.tenantId), eq(residentSignInCodes.mobileIndex, mobileIndex)))
      .orderBy(desc(residentSignInCodes.createdAt))
      .limit(1);
    if (!last) return { ok: false, reason: 'invalid' };
    if (last.attempts >= RESIDENT_CODE_MAX_ATTEMPTS) return { ok: false, reason: 'tooManyAttempts' };
    if (last.expiresAt <= now) return { ok: false, reason: 'expired' };
    return { ok: false, reason: 'used' };
  }
  if (row.expiresAt <= now) return { ok: false, reason: 'expired' };
  if (row.attempts >= RESIDENT_CODE_MAX_ATTEMPTS) return { ok: false, reason: 'tooManyAttempts' };
  const codeMatches = await verifyResetCode(row.codeHash, parsed.code);
  const spent = and(eq(residentSignInCodes.tenantId, input.tenantId), eq(residentSignInCodes.id, row.id));
  if (!codeMatches) {
    const attempts = row.attempts + 1;
    await tx.update(residentSignInCodes).set({ attempts, usedAt: attempts >= RESIDENT_CODE_MAX_ATTEMPTS ? now : null }).where(spent);
    return { ok: false, reason: attempts >= RESIDENT_CODE_MAX_ATTEMPTS ? 'tooManyAttempts' : 'invalid' };
  }
  await tx.update(residentSignInCodes).set({ usedAt: now, attempts: row.attempts + 1 }).where(spent);
  const session = await startResidentSession(tx, { tenantId: input.tenantId, mobileIndex, mobile, cipher: input.cipher, now });
  // With the mobile given, a session always starts (linked, or waiting for staff).
  return { ok: true, ...session!, otherCommunities: await otherCommunitiesOf(tx, input.tenantId, mobileIndex) };
}
