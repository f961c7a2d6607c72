import { and, count, eq, gte, isNull, lte, or } from 'drizzle-orm';
import { ageOn, RISKY_MIN_AGE } from '@shequ/domain';
import { type Problem, UseCaseError } from '../errors.ts';
import { type Tx, volunteerSignups, volunteerTrainings } from '@shequ/db';
import { chinaDay, type LoadedShift, loadVolunteer } from './shared.ts';

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

/**
 * Whether a person suits the activity on the shift's day (China time), every problem at once: its age floor
 * (volunteer.signup.age), a risky activity only from RISKY_MIN_AGE (volunteer.signup.riskyMinor; 《志愿服务条例》
 * art. 15, decision 071), an age that cannot be checked (volunteer.signup.noBirth), its skills (of `skills`) and its
 * trainings held and unexpired on that day (art. 16; none for a person not yet in the register: `residentId` null).
 * A 15-year-old signed up for 登高 without a word (issue 17's outside trial).
 */
export async function suitabilityProblems(tx: Tx, loaded: LoadedShift, person: { residentId: string | null; birth: string | null; skills: readonly string[] }): Promise<Problem[]> {
  const { activity, shift } = loaded;
  const day = chinaDay(shift.startsAt);
  const problems: Problem[] = [];
  const floor = Math.max(activity.minAge ?? 0, activity.risky ? RISKY_MIN_AGE : 0);
  if (floor > 0) {
    const age = person.birth ? ageOn(person.birth, day) : null;
    if (age === null) problems.push({ code: 'volunteer.signup.noBirth', params: {} });
    else if (activity.risky && age < RISKY_MIN_AGE) problems.push({ code: 'volunteer.signup.riskyMinor', params: { age, min: RISKY_MIN_AGE } });
    else if (activity.minAge !== null && age < activity.minAge) problems.push({ code: 'volunteer.signup.age', params: { min: activity.minAge, age } });
  }
  const missingSkills = activity.requiredSkills.filter((s) => !person.skills.includes(s));
  if (missingSkills.length) problems.push({ code: 'volunteer.signup.skills', params: { skills: missingSkills.join('、') } });
  if (activity.requiredTrainings.length) {
    const held = person.residentId
      ? await tx
          .select({ name: volunteerTrainings.name })
          .from(volunteerTrainings)
          .where(and(eq(volunteerTrainings.tenantId, shift.tenantId), eq(volunteerTrainings.residentId, person.residentId), lte(volunteerTrainings.completedOn, day), or(isNull(volunteerTrainings.expiresOn), gte(volunteerTrainings.expiresOn, day))))
      : [];
    const missing = activity.requiredTrainings.filter((t) => !held.some((h) => h.name === t));
    if (missing.length) problems.push({ code: 'volunteer.signup.training', params: { trainings: missing.join('、') } });
  }
  return problems;
}

/** The volunteer, once they suit the activity (suitabilityProblems: every problem in one refusal). */
export async function checkSuited(tx: Tx, loaded: LoadedShift, residentId: string) {
  const volunteer = await loadVolunteer(tx, loaded.shift.tenantId, residentId);
  const refused = UseCaseError.of(await suitabilityProblems(tx, loaded, { residentId, birth: volunteer.birth, skills: volunteer.volunteer.skills }));
  if (refused) throw refused;
  return volunteer;
}
