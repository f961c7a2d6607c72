import { and, eq, isNotNull, lt, or } from 'drizzle-orm';
import { residentSessions, residentSignInCodes, type Tx } from '@shequ/db';
import type { Caller } from '../caller.ts';

/** Codes are kept a day after they are asked for: the limits per number and community look back one hour. */
export const RESIDENT_CODE_KEEP_MS = 24 * 60 * 60 * 1000;
/** Sessions ended by sign-out, staff or moving out are kept a week (what the person's page and audits may show). */
export const REVOKED_RESIDENT_SESSION_KEEP_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Deletes one community's spent resident sign-in material (decision 035): sign-in codes asked for more than a day
 * ago (each expires after five minutes; the hourly limits count only the last hour's), and resident sessions that
 * expired or were revoked more than a week ago. Caller: the system (`anonymousCaller()`). Input: `{ tenantId }`;
 * run by the worker's purge job inside that community's tenant scope (these tables admit no system scope). Output:
 * `{ codes, sessions }` deleted. Safe to run any number of times.
 */
export async function purgeExpiredResidentAccess(tx: Tx, _caller: Caller, input: { tenantId: string }, now = new Date()) {
  const codesBefore = new Date(now.getTime() - RESIDENT_CODE_KEEP_MS);
  const revokedBefore = new Date(now.getTime() - REVOKED_RESIDENT_SESSION_KEEP_MS);
  const codes = await tx
    .delete(residentSignInCodes)
    .where(and(eq(residentSignInCodes.tenantId, input.tenantId), lt(residentSignInCodes.createdAt, codesBefore), lt(residentSignInCodes.expiresAt, now)))
    .returning({ id: residentSignInCodes.id });
  const sessions = await tx
    .delete(residentSessions)
    .where(
      and(
        eq(residentSessions.tenantId, input.tenantId),
        or(lt(residentSessions.expiresAt, now), and(isNotNull(residentSessions.revokedAt), lt(residentSessions.revokedAt, revokedBefore))),
      ),
    )
    .returning({ id: residentSessions.id });
  return { codes: codes.length, sessions: sessions.length };
}
