import { and, asc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import { type Tx, volunteerShifts, volunteerSignups } from '@shequ/db';
import { registerDeadlineSubject } from '../deadlines/subjects.ts';
import { loadShift, loadVolunteerSettings, writeShiftHours } from './shared.ts';
import { askShiftConfirmation, CONFIRM, releaseUnconfirmedPlaces, remindShiftVolunteers } from './shift-timers.ts';

/**
 * The deadline subject type of a volunteer shift (decision 026) and its kinds: the automatic check-out (its
 * reminder point: the reminder before the start) and the confirmation step (`confirm`, shift-timers.ts: its
 * reminder point asks the day before, its due time releases unconfirmed places).
 */
export const SHIFT_SUBJECT = 'volunteer_shift';
export const AUTO_CHECKOUT = 'auto_checkout';

/**
 * Checks out everyone still checked in on a shift, at the shift's end, flagged (`auto`), and writes their hour
 * entries at the lowest evidence, 'afterwards' (nobody saw them leave: t35 found them at 队长确认, bulk-approved with
 * the shift and counted toward stars). They are left out of the shift's bulk approval; the leader confirms or corrects
 * the end time one by one (reverseHours with the minutes served: the replacement stands at 'leader'). Forgotten check-outs must not
 * inflate hours: only time within the shift counts (《志愿服务记录与证明出具办法（试行）》: actual service time).
 * Returns how many were checked out. Runs in the community's transaction; safe to run twice (only open rows move).
 */
export async function autoCheckOutShift(tx: Tx, tenantId: string, shiftId: string): Promise<number> {
  const loaded = await loadShift(tx, tenantId, shiftId, true);
  const open = await tx
    .update(volunteerSignups)
    .set({ checkedOutAt: loaded.shift.endsAt, checkOutMethod: 'auto' })
    .where(and(eq(volunteerSignups.tenantId, tenantId), eq(volunteerSignups.shiftId, shiftId), eq(volunteerSignups.status, 'confirmed'), isNotNull(volunteerSignups.checkedInAt), isNull(volunteerSignups.checkedOutAt)))
    .returning();
  if (!open.length) return 0;
  const settings = await loadVolunteerSettings(tx, tenantId);
  for (const s of open) {
    // A check-in after the shift's end (an odd case) is checked out at the check-in itself: nothing counts.
    const out = s.checkedInAt! > loaded.shift.endsAt ? s.checkedInAt! : loaded.shift.endsAt;
    await writeShiftHours(tx, { loaded, signupId: s.id, residentId: s.residentId, checkIn: s.checkedInAt!, checkOut: out, evidence: 'afterwards', autoCheckout: true, settings, actorUserId: null });
  }
  return open.length;
}

registerDeadlineSubject({
  type: SHIFT_SUBJECT,
  // The shift's own row is the subject's lock (decision 026: the subject first, then its deadline rows), the same
  // row every sign-up, check-in and cancellation locks first.
  async lock(tx, tenantId, ids, { skipLocked }) {
    if (!ids.length) return [];
    const query = tx.select({ id: volunteerShifts.id }).from(volunteerShifts).where(and(eq(volunteerShifts.tenantId, tenantId), inArray(volunteerShifts.id, ids))).orderBy(asc(volunteerShifts.id));
    const rows = skipLocked ? await query.for('update', { skipLocked: true }) : await query.for('update');
    return rows.map((r) => r.id);
  },
  async remind(tx, shiftId, deadline, now) {
    if (deadline.kind === CONFIRM) await askShiftConfirmation(tx, deadline.tenantId, shiftId, await loadVolunteerSettings(tx, deadline.tenantId), now);
    else if (deadline.kind === AUTO_CHECKOUT) await remindShiftVolunteers(tx, deadline.tenantId, shiftId, now);
  },
  async breach(tx, shiftId, deadline, now) {
    if (deadline.kind === CONFIRM) await releaseUnconfirmedPlaces(tx, deadline.tenantId, shiftId, now);
    else await autoCheckOutShift(tx, deadline.tenantId, shiftId);
  },
});
