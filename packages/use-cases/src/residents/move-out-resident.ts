import { UseCaseError } from '../errors.ts';
import { and, eq, isNull } from 'drizzle-orm';
import { residents, residentSessions, type Tx } from '@shequ/db';
import { refreshCareRoster } from '../care/refresh-care-roster.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { communityOf, loadResident, parseInput } from './person.ts';
import { moveOutResidentSchema } from './schemas.ts';

/**
 * Marks a person as moved out: kept for history (their page, wishes and links stay), no longer listed among the
 * community's people (the list's 已迁出 filter shows them).
 *
 * Input: `{ residentId, reason?, now? }` (the reason is kept with the audit event, and the person's page shows it with the date and who: getResident). Inside the community's tenant
 * transaction. Output: `{ id, movedOutAt }`.
 * Refuses: resident.notFound; resident.notActive (already moved out or merged); forbidden (a role that may not
 * edit this person). The person's sign-in sessions end with it (decision 035).
 */
export async function moveOutResident(tx: Tx, caller: StaffCaller, input: { residentId: string; reason?: string | null; now?: Date }) {
  const tenantId = communityOf(caller);
  const parsed = parseInput(moveOutResidentSchema, input);
  const now = input.now ?? new Date();
  const { row } = await loadResident(tx, caller.ability, tenantId, parsed.residentId, 'update', true);
  if (row.status !== 'active') throw new UseCaseError('resident.notActive');
  await tx.update(residents).set({ status: 'moved_out', movedOutAt: now, updatedAt: now }).where(and(eq(residents.tenantId, tenantId), eq(residents.id, row.id)));
  // Off the care roster now (their history stays), not at the next sweep.
  await refreshCareRoster(tx, tenantId, now, [row.id], caller.actor.userId);
  await tx.update(residentSessions).set({ revokedAt: now }).where(and(eq(residentSessions.tenantId, tenantId), eq(residentSessions.residentId, row.id), isNull(residentSessions.revokedAt)));
  await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'resident_moved_out', subjectType: 'Resident', subjectId: row.id, detail: parsed.reason ? { reason: parsed.reason } : {} });
  return { id: row.id, movedOutAt: now };
}
