import { and, asc, eq, gte } from 'drizzle-orm';
import { chinaDate, type SchoolRule } from '@shequ/domain';
import { residents, schoolCourses, schoolTerms, type Tx } from '@shequ/db';
import type { ResidentCaller } from '../caller.ts';
import { courseCounts } from './shared.ts';
import { mealResidentOf } from '../meals/meal-resident-of.ts';
import { mealPeopleOf } from '../meals/my-meals-parts.ts';
import { endedEnrolments, enrolmentsOf } from './my-school-parts.ts';

/**
 * The resident's senior-school page for one person (themselves, or a parent they may act for: `forResidentId`,
 * falling back to themselves): the courses of terms not yet ended (weekly time, room, teacher's masked name, fee in
 * fen, rule, places left, how many wait) with that person's enrolment on each, and their enrolments (offers with
 * their expiry), and those withdrawn or declined with who did it (endedEnrolments). Input: `{ forResidentId?, now? }`.
 * Output: `{ people, person, courses, enrolments, ended }`.
 * Refuses: meal.notResident (a sign-up staff have not confirmed: no register person).
 */
export async function getMySchool(tx: Tx, caller: ResidentCaller, input: { forResidentId?: string | null; now?: Date } = {}) {
  const mc = mealResidentOf(caller);
  const { tenantId, residentId: selfId } = mc.resident;
  const now = input.now ?? new Date();
  const today = chinaDate(now);
  const people = await mealPeopleOf(tx, tenantId, selfId);
  const person = people.find((p) => p.id === input.forResidentId) ?? people.find((p) => p.self)!;
  const enrolments = await enrolmentsOf(tx, tenantId, [person.id], now);
  const rows = await tx
    .select({ c: schoolCourses, term: schoolTerms.name, teacher: residents.nameHint })
    .from(schoolCourses)
    .innerJoin(schoolTerms, and(eq(schoolTerms.tenantId, schoolCourses.tenantId), eq(schoolTerms.id, schoolCourses.termId)))
    .leftJoin(residents, and(eq(residents.tenantId, schoolCourses.tenantId), eq(residents.id, schoolCourses.teacherResidentId)))
    .where(and(eq(schoolCourses.tenantId, tenantId), gte(schoolTerms.endsOn, today)))
    .orderBy(asc(schoolCourses.weekday), asc(schoolCourses.startsAt));
  const count = await courseCounts(tx, tenantId);
  return {
    people,
    person,
    courses: rows.map(({ c, term, teacher }) => {
      const n = count(c.id);
      return {
        id: c.id,
        term,
        title: c.title,
        teacher,
        weekday: c.weekday,
        startsAt: c.startsAt,
        endsAt: c.endsAt,
        room: c.room,
        feeCents: c.feeCents,
        rule: c.rule as SchoolRule,
        allocated: c.allocatedAt !== null,
        placesLeft: Math.max(0, c.capacity - n.enrolled - n.offered),
        waiting: n.waiting,
        mine: enrolments.find((e) => e.courseId === c.id) ?? null,
      };
    }),
    enrolments,
    ended: await endedEnrolments(tx, tenantId, person.id, selfId, now),
  };
}
