import { and, eq, or, sql } from 'drizzle-orm';
import { type Tx, volunteerSignups } from '@shequ/db';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { parseInput } from '../parse-input.ts';
import type { z } from '../zod.ts';
import { volunteerRefusal } from './refusals.ts';
import { assertRunsTeam, communityOf, isSelf, loadShift, type VolunteerCaller } from './shared.ts';
import { signUpForShiftSchema } from './volunteers.schema.ts';
import { checkSuited, placeCounts } from './shift-places.ts';

/**
 * Takes a place on a shift: confirmed while open places remain (capacity minus reserved places), otherwise on the
 * waiting list in the order places were taken (the time under the shift's lock; promoted automatically when a place frees up: cancelSignup). Sign-ups of one
 * shift are serialised on the shift's row, so simultaneous sign-ups never exceed its places.
 *
 * Input: shiftId, residentId (a volunteer acting for themselves signs up only themselves; staff or the team's
 * leader on someone's behalf), now. Output: `{ id, status: 'confirmed' | 'waiting', position }` (position on the
 * waiting list, 1-based; 0 when confirmed).
 * Rules: 《志愿服务条例》 art. 15 — tasks suited to the volunteer's age, skills (and health): the activity's age floor
 * on the shift's day, its required skills, and its required trainings (art. 16) held and unexpired on that day.
 * Refuses: volunteer.shift.notFound; volunteer.activity.notOpen (not published); volunteer.shift.started;
 * volunteer.notFound / volunteer.inactive; volunteer.signup.age; volunteer.signup.skills; volunteer.signup.training;
 * volunteer.signup.duplicate; volunteer.notYou.
 */
export async function signUpForShift(tx: Tx, caller: VolunteerCaller, input: z.input<typeof signUpForShiftSchema> & { now?: Date }) {
  const tenantId = communityOf(caller);
  const parsed = parseInput(signUpForShiftSchema, input);
  const now = input.now ?? new Date();
  const loaded = await loadShift(tx, tenantId, parsed.shiftId, true);
  if (isSelf(caller)) {
    if (caller.residentId !== parsed.residentId) throw volunteerRefusal('volunteer.notYou');
  } else assertRunsTeam(caller.ability, loaded.team);
  if (loaded.activity.status !== 'published') throw volunteerRefusal('volunteer.activity.notOpen');
  if (loaded.shift.startsAt.getTime() <= now.getTime()) throw volunteerRefusal('volunteer.shift.started');
  await checkSuited(tx, loaded, parsed.residentId);

  const [live] = await tx
    .select({ id: volunteerSignups.id })
    .from(volunteerSignups)
    .where(and(eq(volunteerSignups.tenantId, tenantId), eq(volunteerSignups.shiftId, loaded.shift.id), eq(volunteerSignups.residentId, parsed.residentId), or(eq(volunteerSignups.status, 'confirmed'), eq(volunteerSignups.status, 'waiting'))));
  if (live) throw volunteerRefusal('volunteer.signup.duplicate');
  const counts = await placeCounts(tx, tenantId, loaded.shift.id);
  const open = loaded.shift.capacity - loaded.shift.reserved;
  const status = counts.confirmedOpen < open ? ('confirmed' as const) : ('waiting' as const);
  const [row] = await tx
    .insert(volunteerSignups)
    .values({ tenantId, shiftId: loaded.shift.id, residentId: parsed.residentId, status, queuedAt: sql`clock_timestamp()`, createdBy: isSelf(caller) ? null : caller.actor.userId })
    .returning({ id: volunteerSignups.id });
  await recordAuditEvent(tx, { tenantId, actorUserId: isSelf(caller) ? null : caller.actor.userId, action: 'volunteer_signed_up', subjectType: 'VolunteerShift', subjectId: loaded.shift.id, detail: { residentId: parsed.residentId, status } });
  return { id: row!.id, status, position: status === 'waiting' ? counts.waiting + 1 : 0 };
}
