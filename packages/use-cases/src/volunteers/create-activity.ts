import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { SHIFT_AHEAD_DAYS, SHIFT_MAX_HOURS, shiftTimesProblem } from '@shequ/domain';
import { cases, type Tx, volunteerActivities, volunteerShifts } from '@shequ/db';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { parseInput } from '../parse-input.ts';
import { publishActivity } from './publish-activity.ts';
import { wishOpenToActivity } from './list-wish-activities.ts';
import { volunteerRefusal } from './refusals.ts';
import { assertRunsTeam, communityOf, loadTeam } from './shared.ts';
import { type CreateActivityFields, createActivitySchema } from './volunteers.schema.ts';

/**
 * Creates an activity of a team with its shifts (staff for any team, a leader for their own), as a draft or
 * published at once (`publish`: the rules of publishActivity apply).
 *
 * Input: teamId, title, description, place, audience (一老一小 …), minAge, requiredSkills, requiredTrainings (names
 * of trainings a volunteer must hold, unexpired on the shift's day), risky (may be physically dangerous),
 * insuranceRecord (insurer and policy number), wishCaseId (the 微心愿 it answers), shifts (startsAt, endsAt: China
 * time or ISO; capacity; reserved places held back for walk-ups and the leader), publish; now.
 * Output: `{ id, shiftIds, published }`; audited. Rules: 《志愿服务条例》 art. 15 (tasks suited to age and skills: the
 * age floor and skills are checked at sign-up), art. 17 (insurance before a risky activity: publishActivity).
 * Refuses: volunteer.team.notFound; volunteer.shift.time (end not after start), volunteer.shift.tooLong (over
 * SHIFT_MAX_HOURS), volunteer.shift.past (starts at or before now), volunteer.shift.far (more than SHIFT_AHEAD_DAYS
 * ahead) — decision 058, each beside its shift's field; volunteer.shift.places (reserved
 * above capacity); volunteer.activity.notFound (wishCaseId not a case of the community); volunteer.activity.wishNotOpen
 * (the wish is with the street, or finished: wishOpenToActivity); the refusals of publishing.
 */
export async function createActivity(tx: Tx, caller: StaffCaller, input: CreateActivityFields & { now?: Date }) {
  const tenantId = communityOf(caller);
  const parsed = parseInput(createActivitySchema, input);
  const team = await loadTeam(tx, tenantId, parsed.teamId);
  assertRunsTeam(caller.ability, team);
  const now = input.now ?? new Date();
  parsed.shifts.forEach((s, i) => {
    const wrong = shiftTimesProblem(s.startsAt, s.endsAt, now);
    if (wrong) throw volunteerRefusal(`volunteer.shift.${wrong.problem}`, { field: `shifts.${i}.${wrong.field}`, hours: SHIFT_MAX_HOURS, days: SHIFT_AHEAD_DAYS });
    if (s.reserved > s.capacity) throw volunteerRefusal('volunteer.shift.places', { field: `shifts.${i}.reserved` });
  });
  if (parsed.wishCaseId) {
    const [wish] = await tx.select({ id: cases.id, status: cases.status }).from(cases).where(and(eq(cases.tenantId, tenantId), eq(cases.id, parsed.wishCaseId)));
    if (!wish) throw volunteerRefusal('volunteer.activity.notFound', { field: 'wishCaseId' });
    if (!wishOpenToActivity(wish.status)) throw volunteerRefusal('volunteer.activity.wishNotOpen');
  }
  const [activity] = await tx
    .insert(volunteerActivities)
    .values({
      tenantId,
      teamId: team.id,
      title: parsed.title,
      description: parsed.description || null,
      place: parsed.place,
      audience: parsed.audience || null,
      minAge: parsed.minAge ?? null,
      requiredSkills: [...new Set(parsed.requiredSkills)],
      requiredTrainings: [...new Set(parsed.requiredTrainings)],
      risky: parsed.risky,
      insuranceRecord: parsed.insuranceRecord || null,
      wishCaseId: parsed.wishCaseId ?? null,
      createdBy: caller.actor.userId,
    })
    .returning({ id: volunteerActivities.id });
  const shifts = await tx
    .insert(volunteerShifts)
    .values(parsed.shifts.map((s) => ({ tenantId, activityId: activity!.id, startsAt: s.startsAt, endsAt: s.endsAt, capacity: s.capacity, reserved: s.reserved, qrSecret: randomBytes(32).toString('hex') })))
    .returning({ id: volunteerShifts.id, startsAt: volunteerShifts.startsAt });
  await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'volunteer_activity_created', subjectType: 'VolunteerActivity', subjectId: activity!.id });
  if (parsed.publish) await publishActivity(tx, caller, { activityId: activity!.id, now: input.now });
  return { id: activity!.id, shiftIds: shifts.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()).map((s) => s.id), published: parsed.publish };
}
