import { and, eq } from 'drizzle-orm';
import { type Tx, volunteerSignups } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { parseInput } from '../parse-input.ts';
import type { z } from '../zod.ts';
import { assertInWindow, attendanceWindow, markOut } from './attendance.ts';
import { volunteerRefusal } from './refusals.ts';
import { assertRunsTeam, communityOf, loadShift, loadVolunteerSettings } from './shared.ts';
import { markAttendanceSchema } from './volunteers.schema.ts';

/**
 * The leader checks a volunteer out from the list; their hour entry is written (evidence 'leader', pending).
 * Input: signupId, now (within the check-out window). Output: `{ checkedOutAt, minutes, entryId, evidence }`.
 * Refuses: volunteer.signup.notFound; volunteer.signup.notCheckedIn; volunteer.signup.alreadyOut;
 * volunteer.qr.outsideCheckOutWindow.
 */
export async function checkOutFromList(tx: Tx, caller: StaffCaller, input: z.input<typeof markAttendanceSchema> & { now?: Date }) {
  const tenantId = communityOf(caller);
  const parsed = parseInput(markAttendanceSchema, input);
  const now = input.now ?? new Date();
  const [found] = await tx.select().from(volunteerSignups).where(and(eq(volunteerSignups.tenantId, tenantId), eq(volunteerSignups.id, parsed.signupId)));
  if (!found || found.status !== 'confirmed') throw volunteerRefusal('volunteer.signup.notFound');
  const loaded = await loadShift(tx, tenantId, found.shiftId, true);
  assertRunsTeam(caller.ability, loaded.team);
  assertInWindow(attendanceWindow(loaded, await loadVolunteerSettings(tx, tenantId), 'out'), now, 'out');
  const [signup] = await tx.select().from(volunteerSignups).where(and(eq(volunteerSignups.tenantId, tenantId), eq(volunteerSignups.id, found.id)));
  return markOut(tx, loaded, signup!, 'leader', now, caller.actor.userId);
}
