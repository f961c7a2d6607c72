import { and, asc, eq } from 'drizzle-orm';
import { type Tx, volunteerSignups } from '@shequ/db';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { type loadShift, loadVolunteer, messageVolunteer, shiftWhen } from './shared.ts';
import { placeCounts } from './shift-places.ts';

/**
 * Fills the shift's free open places from its waiting list, first come first served (sign-up time, then id), and
 * tells each promoted volunteer (text message, kind volunteer_promoted). The caller holds the shift's lock.
 * Returns the promoted residents' ids in order.
 */
export async function promoteFromWaitingList(tx: Tx, loaded: Awaited<ReturnType<typeof loadShift>>, now: Date): Promise<string[]> {
  const { shift, activity } = loaded;
  const counts = await placeCounts(tx, shift.tenantId, shift.id);
  const free = shift.capacity - shift.reserved - counts.confirmedOpen;
  if (free <= 0 || counts.waiting === 0) return [];
  const next = await tx
    .select({ id: volunteerSignups.id, residentId: volunteerSignups.residentId })
    .from(volunteerSignups)
    .where(and(eq(volunteerSignups.tenantId, shift.tenantId), eq(volunteerSignups.shiftId, shift.id), eq(volunteerSignups.status, 'waiting')))
    .orderBy(asc(volunteerSignups.queuedAt), asc(volunteerSignups.id))
    .limit(free);
  const promoted: string[] = [];
  for (const n of next) {
    await tx.update(volunteerSignups).set({ status: 'confirmed', promotedAt: now }).where(and(eq(volunteerSignups.tenantId, shift.tenantId), eq(volunteerSignups.id, n.id)));
    const volunteer = await loadVolunteer(tx, shift.tenantId, n.residentId).catch(() => null);
    await messageVolunteer(tx, { tenantId: shift.tenantId, mobileEnc: volunteer?.mobileEnc ?? null, kind: 'volunteer_promoted', data: { title: activity.title, when: shiftWhen(shift.startsAt, shift.endsAt), place: activity.place } });
    await recordAuditEvent(tx, { tenantId: shift.tenantId, actorUserId: null, action: 'volunteer_promoted', subjectType: 'VolunteerShift', subjectId: shift.id, detail: { residentId: n.residentId } });
    promoted.push(n.residentId);
  }
  return promoted;
}
