import { and, eq } from 'drizzle-orm';
import { chinaDateTime } from '@shequ/domain';
import { type Tx, volunteerSignups } from '@shequ/db';
import type { AttendanceMethod } from '@shequ/domain';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { assertNotCheckedInElsewhere } from './overlap.ts';
import { volunteerRefusal } from './refusals.ts';
import { type LoadedShift, loadVolunteerSettings, writeShiftHours } from './shared.ts';

// Check-in and check-out shared by the scan, the leader's list and walk-ups (decision 036). Not use cases.

export type SignupRow = typeof volunteerSignups.$inferSelect;

/** When a shift's QR code is accepted: for check-in from `early` minutes before its start to its end; for check-out from its start to its end plus the grace period. */
export function attendanceWindow(loaded: LoadedShift, settings: { earlyMinutes: number; graceMinutes: number }, direction: 'in' | 'out') {
  const { startsAt, endsAt } = loaded.shift;
  return direction === 'in'
    ? { from: new Date(startsAt.getTime() - settings.earlyMinutes * 60_000), to: endsAt }
    : { from: startsAt, to: new Date(endsAt.getTime() + settings.graceMinutes * 60_000) };
}

/**
 * Refuses a moment outside the window, naming the window in China time: volunteer.qr.outsideWindow for a check-in,
 * volunteer.qr.outsideCheckOutWindow for a check-out (a volunteer checked in early who scans again before the start
 * was told of the check-in window, which they were in: found from outside).
 */
export function assertInWindow(window: { from: Date; to: Date }, now: Date, direction: 'in' | 'out' = 'in') {
  if (now < window.from || now > window.to)
    throw volunteerRefusal(direction === 'in' ? 'volunteer.qr.outsideWindow' : 'volunteer.qr.outsideCheckOutWindow', { from: chinaDateTime(window.from), to: chinaDateTime(window.to) });
}

/** Marks a confirmed sign-up checked in (once). */
export async function markIn(tx: Tx, signup: SignupRow, method: AttendanceMethod, now: Date, actorUserId: string | null) {
  if (signup.checkedInAt) return { checkedInAt: signup.checkedInAt, already: true };
  // One person is present on one shift at a time: scan, leader's list and walk-up alike (t35: overlapping shifts paid twice).
  await assertNotCheckedInElsewhere(tx, signup.tenantId, signup.residentId, signup.shiftId);
  await tx.update(volunteerSignups).set({ checkedInAt: now, checkInMethod: method }).where(and(eq(volunteerSignups.tenantId, signup.tenantId), eq(volunteerSignups.id, signup.id)));
  await recordAuditEvent(tx, { tenantId: signup.tenantId, actorUserId, action: 'volunteer_checked_in', subjectType: 'VolunteerShift', subjectId: signup.shiftId, detail: { residentId: signup.residentId, method } });
  return { checkedInAt: now, already: false };
}

/**
 * Marks a checked-in sign-up checked out and writes its hour entry (pending). Evidence: 'scanned' when both the
 * check-in and the check-out were scans; otherwise 'leader' (the leader vouches for it by approving).
 */
export async function markOut(tx: Tx, loaded: LoadedShift, signup: SignupRow, method: AttendanceMethod, now: Date, actorUserId: string | null) {
  if (!signup.checkedInAt) throw volunteerRefusal('volunteer.signup.notCheckedIn');
  if (signup.checkedOutAt) throw volunteerRefusal('volunteer.signup.alreadyOut');
  await tx.update(volunteerSignups).set({ checkedOutAt: now, checkOutMethod: method }).where(and(eq(volunteerSignups.tenantId, signup.tenantId), eq(volunteerSignups.id, signup.id)));
  const settings = await loadVolunteerSettings(tx, signup.tenantId);
  const evidence = signup.checkInMethod === 'scan' && method === 'scan' ? 'scanned' : 'leader';
  const entry = await writeShiftHours(tx, { loaded, signupId: signup.id, residentId: signup.residentId, checkIn: signup.checkedInAt, checkOut: now, evidence, autoCheckout: false, settings, actorUserId });
  await recordAuditEvent(tx, { tenantId: signup.tenantId, actorUserId, action: 'volunteer_checked_out', subjectType: 'VolunteerShift', subjectId: signup.shiftId, detail: { residentId: signup.residentId, method } });
  return { checkedOutAt: now, minutes: entry?.minutes ?? 0, entryId: entry?.id ?? null, evidence };
}
