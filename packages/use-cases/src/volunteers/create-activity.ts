import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { addDays, chinaDate, chinaDateTime, SHIFT_AHEAD_DAYS, SHIFT_MAX_HOURS, shiftTimesProblem } from '@shequ/domain';
import { cases, type Tx, volunteerActivities, volunteerShifts } from '@shequ/db';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { parseInput } from '../parse-input.ts';
import { type Problem, UseCaseError } from '../errors.ts';
import { isInsuranceRecord, publishActivity } from './publish-activity.ts';
import { wishOpenToActivity } from './list-wish-activities.ts';
import { volunteerRefusal } from './refusals.ts';
import { assertRunsTeam, communityOf, loadTeam } from './shared.ts';
import { type CreateActivityFields, createActivitySchema, shiftSchema } from './volunteers.schema.ts';

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
 * Every problem of the form's fields comes in one refusal (activityFormProblems). Refuses: volunteer.team.notFound; volunteer.shift.time (end not after start), volunteer.shift.tooLong (over
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
  // Every problem of the form at once, each beside its field (issue 17's outside trial: end-before-start, then the
  // places, then the insurance came back one submission at a time).
  const refused = UseCaseError.of(activityFormProblems(parsed, now));
  if (refused) throw refused;
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

/** What activityFormProblems reads of the form: each value where it could be read (undefined where it could not). */
export type ActivityFormParts = {
  shifts: { startsAt?: Date; endsAt?: Date; capacity?: number; reserved?: number }[];
  risky?: boolean;
  publish?: boolean;
  insuranceRecord?: string | null;
};

/**
 * Every problem of an activity's form that its fields' rules find together, each beside its field and naming its
 * bound: a shift's times (decision 058: end after start, at most SHIFT_MAX_HOURS, after now, within
 * SHIFT_AHEAD_DAYS: `now` and `until` named), its reserved places above its places (`reserved`, `capacity`), and a
 * risky activity published without its insurance record (publishActivity's rule, 《志愿服务条例》 art. 17). Pure;
 * used by createActivity and, through looseActivityProblems, beside the schema's own messages.
 */
export function activityFormProblems(form: ActivityFormParts, now: Date): Problem[] {
  const problems: Problem[] = [];
  form.shifts.forEach((s, i) => {
    const wrong = s.startsAt && s.endsAt ? shiftTimesProblem(s.startsAt, s.endsAt, now) : null;
    if (wrong)
      problems.push({
        code: `volunteer.shift.${wrong.problem}`,
        params: { field: `shifts.${i}.${wrong.field}`, hours: SHIFT_MAX_HOURS, days: SHIFT_AHEAD_DAYS, now: chinaDateTime(now).slice(0, 16), until: addDays(chinaDate(now), SHIFT_AHEAD_DAYS) },
      });
    if (s.capacity !== undefined && s.reserved !== undefined && s.reserved > s.capacity) problems.push({ code: 'volunteer.shift.places', params: { field: `shifts.${i}.reserved`, reserved: s.reserved, capacity: s.capacity } });
  });
  if (form.risky && form.publish && !isInsuranceRecord(form.insuranceRecord)) problems.push({ code: 'volunteer.activity.uninsured', params: { field: 'insuranceRecord' } });
  return problems;
}

/**
 * The problems activityFormProblems finds in a form that did not pass createActivitySchema (a page's posted
 * payload, `shifts` as a list of rows): each field read on its own, so that a capacity of "abc" does not hide that
 * the same shift ends before it starts. The schema's own messages are the page's; these go beside them.
 */
export function looseActivityProblems(payload: Record<string, unknown>, now: Date): Problem[] {
  const read = <T>(schema: { safeParse: (v: unknown) => { success: true; data: T } | { success: false } }, v: unknown): T | undefined => {
    const r = schema.safeParse(v);
    return r.success ? r.data : undefined;
  };
  const rows = Array.isArray(payload.shifts) ? payload.shifts.slice(0, 50) : [];
  const shifts = rows.map((row) => {
    const r = row && typeof row === 'object' ? (row as Record<string, unknown>) : {};
    return { startsAt: read(shiftSchema.shape.startsAt, r.startsAt), endsAt: read(shiftSchema.shape.endsAt, r.endsAt), capacity: read(shiftSchema.shape.capacity, r.capacity), reserved: read(shiftSchema.shape.reserved, r.reserved) };
  });
  const box = (v: unknown) => v === true || v === 'on' || v === 'true';
  return activityFormProblems({ shifts, risky: box(payload.risky), publish: box(payload.publish), insuranceRecord: typeof payload.insuranceRecord === 'string' ? payload.insuranceRecord : null }, now);
}
