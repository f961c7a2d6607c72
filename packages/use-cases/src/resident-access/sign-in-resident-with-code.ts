import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { maskMobile, normalizeMobile } from '@shequ/domain';
import { orgUnits, residents, residentSessions, residentSignInCodes, residentSignUps, type Tx } from '@shequ/db';
import type { AnonymousCaller } from '../caller.ts';
import { hashResetCode, verifyResetCode } from '../auth/password-reset-code.ts';
import type { PersonalDataCipher } from '../security/personal-data.ts';
import { holdsMobile, holdsOwn } from '../residents/person.ts';
import { newToken } from '../security/token.ts';
import { signInResidentWithCodeSchema, type SignInResidentWithCodeInput } from './resident-sign-in.schema.ts';

/** Wrong codes a code survives: the fifth wrong one ends it (as reset codes, decision 033). */
export const RESIDENT_CODE_MAX_ATTEMPTS = 5;
/** A resident's session lasts 30 days unless they sign out or staff revoke it. */
export const RESIDENT_SESSION_TTL_MS = 30 * 24 * 3600 * 1000;

export type ResidentCodeRefusal = 'invalid' | 'expired' | 'tooManyAttempts' | 'used';
export type OtherCommunity = { id: string; name: string; slug: string };
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

/**
 * A session in `tenantId` for the number (its keyed hash): linked to the register's earliest active entry with it
 * (or, when only a record merged into another had it, the record it was merged into),
 * or (when `mobile` is given and the register does not know it) to the number's open sign-up, created if needed.
 * Without `mobile`, a number the register does not know gets no session (null).
 */
export async function startResidentSession(tx: Tx, input: { tenantId: string; mobileIndex: string; mobile?: string; cipher?: PersonalDataCipher; now: Date }) {
  const { tenantId, mobileIndex, now } = input;
  const [person] = await tx
    .select({ id: residents.id, mobileHint: residents.mobileHint })
    .from(residents)
    .where(and(eq(residents.tenantId, tenantId), holdsMobile(tenantId, mobileIndex)))
    .orderBy(holdsOwn(mobileIndex), asc(residents.createdAt))
    .limit(1);
  let signUpId: string | null = null;
  let mobileHint = person?.mobileHint ?? (input.mobile ? maskMobile(input.mobile) : null);
  if (!person) {
    if (!input.mobile || !input.cipher) return null;
    const [open] = await tx
      .select({ id: residentSignUps.id })
      .from(residentSignUps)
      .where(and(eq(residentSignUps.tenantId, tenantId), eq(residentSignUps.mobileIndex, mobileIndex), isNull(residentSignUps.resolvedAt)))
      .limit(1);
    signUpId =
      open?.id ??
      (await tx
        .insert(residentSignUps)
        .values({ tenantId, mobileEnc: input.cipher.encrypt(input.mobile), mobileHint: maskMobile(input.mobile), mobileIndex, createdAt: now })
        .returning({ id: residentSignUps.id }))[0]!.id;
  }
  mobileHint ??= '';
  const { token, hash } = newToken();
  const expiresAt = new Date(now.getTime() + RESIDENT_SESSION_TTL_MS);
  await tx.insert(residentSessions).values({ tenantId, id: hash, mobileIndex, mobileHint, residentId: person?.id ?? null, signUpId, expiresAt, createdAt: now, lastSeenAt: now });
  return { token, expiresAt, residentId: person?.id ?? null, pending: !person };
}

/** The communities other than `tenantId` whose register knows the number (ids from resident_communities, names from the hierarchy). */
export async function otherCommunitiesOf(tx: Tx, tenantId: string, mobileIndex: string): Promise<OtherCommunity[]> {
  const rows = await tx.execute<{ community_id: string }>(sql`select community_id from resident_communities(${mobileIndex})`);
  const ids = [...rows].map((r) => r.community_id).filter((id) => id !== tenantId);
  if (!ids.length) return [];
  const units = await tx
    .select({ id: orgUnits.id, name: orgUnits.name, slug: orgUnits.slug, status: orgUnits.status })
    .from(orgUnits)
    .where(inArray(orgUnits.id, ids))
    .orderBy(asc(orgUnits.name));
  return units.filter((u) => u.status === 'active' && u.slug).map((u) => ({ id: u.id, name: u.name, slug: u.slug! }));
}
