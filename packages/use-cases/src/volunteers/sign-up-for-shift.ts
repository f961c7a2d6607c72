import { and, count, eq, gte, isNull, lte, or, sql } from 'drizzle-orm';
import { ageOn } from '@shequ/domain';
import { type Tx, volunteerSignups, volunteerTrainings } from '@shequ/db';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { parseInput } from '../parse-input.ts';
import type { z } from '../zod.ts';
import { volunteerRefusal } from './refusals.ts';
import { assertRunsTeam, chinaDay, communityOf, isSelf, type LoadedShift, loadShift, loadVolunteer, type VolunteerCaller } from './shared.ts';
import { signUpForShiftSchema } from './volunteers.schema.ts';

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

/** Confirmed places taken from the open ones (not reserved) and the length of the waiting list. */
export async function placeCounts(tx: Tx, tenantId: string, shiftId: string) {
  const rows = await tx
    .select({ status: volunteerSignups.status, usesReserved: volunteerSignups.usesReserved, n: count() })
    .from(volunteerSignups)
    .where(and(eq(volunteerSignups.tenantId, tenantId), eq(volunteerSignups.shiftId, shiftId)))
    .groupBy(volunteerSignups.status, volunteerSignups.usesReserved);
  const n = (status: string, reserved?: boolean) => rows.filter((r) => r.status === status && (reserved === undefined || r.usesReserved === reserved)).reduce((a, r) => a + r.n, 0);
  return { confirmedOpen: n('confirmed', false), confirmedReserved: n('confirmed', true), waiting: n('waiting') };
}

/** The activity's age floor, skills and trainings, for this volunteer on the shift's day (China time). */
export async function checkSuited(tx: Tx, loaded: LoadedShift, residentId: string) {
  const { activity, shift } = loaded;
  const volunteer = await loadVolunteer(tx, shift.tenantId, residentId);
  const day = chinaDay(shift.startsAt);
  if (activity.minAge !== null && activity.minAge > 0) {
    if (!volunteer.birth || ageOn(volunteer.birth, day) < activity.minAge) throw volunteerRefusal('volunteer.signup.age', { min: activity.minAge });
  }
  const missingSkills = activity.requiredSkills.filter((s) => !volunteer.volunteer.skills.includes(s));
  if (missingSkills.length) throw volunteerRefusal('volunteer.signup.skills', { skills: missingSkills.join('、') });
  if (activity.requiredTrainings.length) {
    const held = await tx
      .select({ name: volunteerTrainings.name })
      .from(volunteerTrainings)
      .where(and(eq(volunteerTrainings.tenantId, shift.tenantId), eq(volunteerTrainings.residentId, residentId), lte(volunteerTrainings.completedOn, day), or(isNull(volunteerTrainings.expiresOn), gte(volunteerTrainings.expiresOn, day))));
    const missing = activity.requiredTrainings.filter((t) => !held.some((h) => h.name === t));
    if (missing.length) throw volunteerRefusal('volunteer.signup.training', { trainings: missing.join('、') });
  }
  return volunteer;
}
