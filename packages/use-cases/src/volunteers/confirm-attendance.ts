import { and, eq } from 'drizzle-orm';
import { type Tx, volunteerSignups } from '@shequ/db';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { parseInput } from '../parse-input.ts';
import type { z } from '../zod.ts';
import { volunteerRefusal } from './refusals.ts';
import { loadShift, type VolunteerSelf } from './shared.ts';
import { confirmAttendanceSchema } from './volunteers.schema.ts';

/**
 * A volunteer confirms they will come to a shift (the day-before confirmation step, from 我的): their place is kept
 * at the close (releaseUnconfirmedPlaces). Confirming twice changes nothing; confirming a place that was not yet
 * asked is accepted too (it will not be asked).
 * Input: signupId, now. Output: `{ confirmedAt }`. Caller: the volunteer themselves.
 * Refuses: volunteer.signup.notFound (not their own, or not a live sign-up); volunteer.signup.released (given to the
 * waiting list at the close: unconfirmed); volunteer.signup.notConfirmed (still on the waiting list: nothing to
 * confirm yet).
 */
export async function confirmAttendance(tx: Tx, caller: VolunteerSelf, input: z.input<typeof confirmAttendanceSchema> & { now?: Date }) {
  const parsed = parseInput(confirmAttendanceSchema, input);
  const now = input.now ?? new Date();
  const [found] = await tx.select().from(volunteerSignups).where(and(eq(volunteerSignups.tenantId, caller.tenantId), eq(volunteerSignups.id, parsed.signupId)));
  if (!found || found.residentId !== caller.residentId) throw volunteerRefusal('volunteer.signup.notFound');
  // Under the shift's lock, as the close and the waiting list take it.
  await loadShift(tx, caller.tenantId, found.shiftId, true);
  const [signup] = await tx.select().from(volunteerSignups).where(and(eq(volunteerSignups.tenantId, caller.tenantId), eq(volunteerSignups.id, found.id)));
  if (signup!.status === 'cancelled') throw volunteerRefusal(signup!.cancelReason === 'unconfirmed' ? 'volunteer.signup.released' : 'volunteer.signup.notFound');
  if (signup!.status === 'waiting') throw volunteerRefusal('volunteer.signup.notConfirmed');
  if (signup!.attendanceConfirmedAt) return { confirmedAt: signup!.attendanceConfirmedAt };
  await tx.update(volunteerSignups).set({ attendanceConfirmedAt: now }).where(and(eq(volunteerSignups.tenantId, caller.tenantId), eq(volunteerSignups.id, signup!.id)));
  await recordAuditEvent(tx, { tenantId: caller.tenantId, actorUserId: null, action: 'volunteer_attendance_confirmed', subjectType: 'VolunteerShift', subjectId: signup!.shiftId, detail: { residentId: caller.residentId } });
  return { confirmedAt: now };
}
