import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { maskMobile } from '@shequ/domain';
import { orgUnits, residents, residentSessions, residentSignUps, type Tx } from '@shequ/db';
import type { PersonalDataCipher } from '../security/personal-data.ts';
import { holdsMobile, holdsOwn } from '../residents/person.ts';
import { newToken } from '../security/token.ts';

// Building blocks of the residents' sign-in and community choice (not exported from the package root).

/** A resident's session lasts 30 days unless they sign out or staff revoke it. */
export const RESIDENT_SESSION_TTL_MS = 30 * 24 * 3600 * 1000;

export type OtherCommunity = { id: string; name: string; slug: string };

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
