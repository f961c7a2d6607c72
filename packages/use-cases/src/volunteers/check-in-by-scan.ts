import { timingSafeEqual } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { chinaDateTime, qrStep, SCAN_OUT_CONFIRM_MINUTES } from '@shequ/domain';
import { type Tx, volunteerSignups } from '@shequ/db';
import { parseInput } from '../parse-input.ts';
import type { z } from '../zod.ts';
import { assertInWindow, attendanceWindow, markIn, markOut } from './attendance.ts';
import { volunteerRefusal } from './refusals.ts';
import { loadShift, loadVolunteerSettings, shiftQrCode, type VolunteerSelf } from './shared.ts';
import { checkInByScanSchema } from './volunteers.schema.ts';

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * A volunteer scans the shift's QR code on the leader's phone with their own: the first scan checks them in, the
 * next checks them out (and writes their hour entry, evidence 'scanned' when both were scans). A scan within
 * SCAN_OUT_CONFIRM_MINUTES of the check-in checks out only when the volunteer confirmed it (`checkOut`): a second scan
 * at the shift's start checked the person out with no warning (issue 17's outside trial, decision 071).
 *
 * Input: shiftId and code (read from the QR), checkOut (the volunteer confirmed a check-out), now. The code is accepted for its own 30-second step and the one
 * after it (the screen may be a moment late), and only within the shift's window: check-in from the community's
 * `early_minutes` before the start to the end, check-out from the start to the end plus `grace_minutes`.
 * Output: `{ direction: 'in' | 'out', at, minutes? }`.
 * Refuses: volunteer.shift.notFound; volunteer.qr.invalid (not a code of this shift); volunteer.qr.expired (an older
 * code: scan the code on the screen now); volunteer.qr.outsideWindow / volunteer.qr.outsideCheckOutWindow (checked
 * in already: the check-out window; both with the window's from/to in China time);
 * volunteer.signup.notFound (no confirmed place: the leader can add them as a walk-up); volunteer.signup.alreadyOut;
 * volunteer.qr.justCheckedIn (`{ time, minutes }`: checked in that recently, and the check-out not confirmed).
 */
export async function checkInByScan(tx: Tx, caller: VolunteerSelf, input: z.input<typeof checkInByScanSchema> & { now?: Date }) {
  const parsed = parseInput(checkInByScanSchema, input);
  const now = input.now ?? new Date();
  const loaded = await loadShift(tx, caller.tenantId, parsed.shiftId, true);
  const step = qrStep(now);
  const valid = (s: number) => same(shiftQrCode(loaded.shift.qrSecret, loaded.shift.id, s), parsed.code);
  if (!valid(step) && !valid(step - 1)) {
    // An older code of this shift (the last ten minutes) is expired; anything else is not this shift's code.
    for (let s = step - 2; s >= step - 20; s--) if (valid(s)) throw volunteerRefusal('volunteer.qr.expired', { field: 'code' });
    throw volunteerRefusal('volunteer.qr.invalid', { field: 'code' });
  }
  const [signup] = await tx
    .select()
    .from(volunteerSignups)
    .where(and(eq(volunteerSignups.tenantId, caller.tenantId), eq(volunteerSignups.shiftId, loaded.shift.id), eq(volunteerSignups.residentId, caller.residentId), eq(volunteerSignups.status, 'confirmed')));
  const settings = await loadVolunteerSettings(tx, caller.tenantId);
  const direction = signup?.checkedInAt ? ('out' as const) : ('in' as const);
  assertInWindow(attendanceWindow(loaded, settings, direction), now, direction);
  if (!signup) throw volunteerRefusal('volunteer.signup.notFound');
  if (direction === 'in') {
    await markIn(tx, signup, 'scan', now, null);
    return { direction, at: now };
  }
  if (signup.checkedInAt && !signup.checkedOutAt && !parsed.checkOut && now.getTime() - signup.checkedInAt.getTime() < SCAN_OUT_CONFIRM_MINUTES * 60_000)
    throw volunteerRefusal('volunteer.qr.justCheckedIn', { time: chinaDateTime(signup.checkedInAt).slice(11, 16), minutes: SCAN_OUT_CONFIRM_MINUTES });
  const out = await markOut(tx, loaded, signup, 'scan', now, null);
  return { direction, at: now, minutes: out.minutes };
}
