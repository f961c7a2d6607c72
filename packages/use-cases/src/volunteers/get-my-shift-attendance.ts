import { and, desc, eq, ne } from 'drizzle-orm';
import { SCAN_OUT_CONFIRM_MINUTES } from '@shequ/domain';
import { type Tx, volunteerSignups } from '@shequ/db';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import type { z } from '../zod.ts';
import { loadShift, type VolunteerSelf } from './shared.ts';
import { myShiftAttendanceSchema } from './volunteers.schema.ts';

/**
 * Where the signed-in volunteer stands on one shift, for the scan page (issue 17): the page offers only the step the
 * server would take — check in, check out (asking first within SCAN_OUT_CONFIRM_MINUTES of the check-in), or none
 * (no place, or already checked out). After a refused scan the page reloads this, so it never offers a button that
 * the state no longer allows (found by issue 17's outside trial).
 *
 * Caller: a volunteer for themselves (VolunteerSelf). Input: `{ shiftId }`; `now`.
 * Output: `{ title, startsAt, endsAt, state: 'none' | 'waiting' | 'booked' | 'in' | 'out', checkedInAt, checkedOutAt,
 * confirmOut }` (`confirmOut`: checked in less than SCAN_OUT_CONFIRM_MINUTES ago: a check-out must be confirmed).
 * Null when the shift is not one of the community's (the page then says only what the scan answers).
 */
export async function getMyShiftAttendance(tx: Tx, caller: VolunteerSelf, input: z.input<typeof myShiftAttendanceSchema>, now = new Date()) {
  const parsed = parseInput(myShiftAttendanceSchema, input);
  const loaded = await loadShift(tx, caller.tenantId, parsed.shiftId).catch((error: unknown) => {
    if (error instanceof UseCaseError && error.code === 'volunteer.shift.notFound') return null;
    throw error;
  });
  if (!loaded) return null;
  const [signup] = await tx
    .select()
    .from(volunteerSignups)
    .where(and(eq(volunteerSignups.tenantId, caller.tenantId), eq(volunteerSignups.shiftId, loaded.shift.id), eq(volunteerSignups.residentId, caller.residentId), ne(volunteerSignups.status, 'cancelled')))
    .orderBy(desc(volunteerSignups.queuedAt))
    .limit(1);
  const state = !signup ? ('none' as const) : signup.status === 'waiting' ? ('waiting' as const) : signup.checkedOutAt ? ('out' as const) : signup.checkedInAt ? ('in' as const) : ('booked' as const);
  return {
    title: loaded.activity.title,
    startsAt: loaded.shift.startsAt,
    endsAt: loaded.shift.endsAt,
    state,
    checkedInAt: signup?.checkedInAt ?? null,
    checkedOutAt: signup?.checkedOutAt ?? null,
    confirmOut: state === 'in' && now.getTime() - signup!.checkedInAt!.getTime() < SCAN_OUT_CONFIRM_MINUTES * 60_000,
  };
}
