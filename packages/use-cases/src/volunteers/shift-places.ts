import { and, count, eq, gte, isNull, lte, or } from 'drizzle-orm';
import { ageOn } from '@shequ/domain';
import { type Tx, volunteerSignups, volunteerTrainings } from '@shequ/db';
import { volunteerRefusal } from './refusals.ts';
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
