import { and, eq } from 'drizzle-orm';
import { residentSessions, type Tx } from '@shequ/db';
import type { ResidentCaller } from '../caller.ts';

/**
 * The resident signs out: their session in this community ends (revoked, kept for a while as a record).
 * Caller: the resident. Transaction: the community's tenant scope. Output: nothing.
 */
export async function signOutResident(tx: Tx, caller: ResidentCaller, _input: Record<string, never> = {}, now = new Date()) {
  await tx
    .update(residentSessions)
    .set({ revokedAt: now })
    .where(and(eq(residentSessions.tenantId, caller.resident.tenantId), eq(residentSessions.id, caller.resident.sessionId)));
}
