import { and, eq, isNull } from 'drizzle-orm';
import { residentSessions, type Tx } from '@shequ/db';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { communityOf, loadResident, parseInput } from '../residents/person.ts';
import { revealResidentSchema } from '../residents/schemas.ts';

/**
 * Staff sign a person out of every session of theirs in the community (a lost phone, a number given up).
 * Input: `{ residentId }`. Caller: staff who may edit the person. Transaction: the community's tenant scope.
 * Output: `{ revoked }` (how many sessions ended). Audited (`resident_sessions_revoked`).
 * Refuses: resident.notFound (not theirs to see, or no such person); forbidden.
 */
export async function revokeResidentSessions(tx: Tx, caller: StaffCaller, input: { residentId: string }, now = new Date()) {
  const tenantId = communityOf(caller);
  const { residentId } = parseInput(revealResidentSchema, input);
  const { row } = await loadResident(tx, caller.ability, tenantId, residentId, 'update');
  const ended = await tx
    .update(residentSessions)
    .set({ revokedAt: now })
    .where(and(eq(residentSessions.tenantId, tenantId), eq(residentSessions.residentId, row.id), isNull(residentSessions.revokedAt)))
    .returning({ id: residentSessions.id });
  await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'resident_sessions_revoked', subjectType: 'Resident', subjectId: row.id, detail: { count: ended.length } });
  return { revoked: ended.length };
}
