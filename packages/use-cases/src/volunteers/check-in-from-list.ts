import { and, eq } from 'drizzle-orm';
import { type Tx, volunteerSignups } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { parseInput } from '../parse-input.ts';
import type { z } from '../zod.ts';
import { assertInWindow, attendanceWindow, markIn } from './attendance.ts';
import { volunteerRefusal } from './refusals.ts';
import { assertRunsTeam, communityOf, loadShift, loadVolunteerSettings } from './shared.ts';
import { markAttendanceSchema } from './volunteers.schema.ts';

/**
 * The leader checks a volunteer in from the shift's list (no phone, a flat battery). Evidence of the hours that
 * follow: 'leader'. Input: signupId, now (within the check-in window). Output: `{ checkedInAt, already }`.
 * Refuses: volunteer.signup.notFound (not a confirmed place); volunteer.qr.outsideWindow; as not found a shift of a
 * team the caller does not run.
 */
export async function checkInFromList(tx: Tx, caller: StaffCaller, input: z.input<typeof markAttendanceSchema> & { now?: Date }) {
  const tenantId = communityOf(caller);
  const parsed = parseInput(markAttendanceSchema, input);
  const now = input.now ?? new Date();
  const [signup] = await tx.select().from(volunteerSignups).where(and(eq(volunteerSignups.tenantId, tenantId), eq(volunteerSignups.id, parsed.signupId)));
  if (!signup || signup.status !== 'confirmed') throw volunteerRefusal('volunteer.signup.notFound');
  const loaded = await loadShift(tx, tenantId, signup.shiftId, true);
  assertRunsTeam(caller.ability, loaded.team);
  assertInWindow(attendanceWindow(loaded, await loadVolunteerSettings(tx, tenantId), 'in'), now);
  return markIn(tx, signup, 'leader', now, caller.actor.userId);
}
