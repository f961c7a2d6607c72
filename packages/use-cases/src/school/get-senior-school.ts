import { and, asc, desc, eq } from 'drizzle-orm';
import { type SchoolRule } from '@shequ/domain';
import { residents, schoolCourses, schoolTerms, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { assertSchoolStaff, courseCounts, schoolCommunity } from './shared.ts';

/**
 * The senior school as staff see it: its terms, newest first, each with its courses (teacher's masked name, weekly
 * time, room, capacity, fee in fen, rule, whether allocated) and their counts (enrolled, offered, waiting, applied).
 * Input: none. Output: `{ terms: [{ id, name, startsOn, endsOn, offerHours, showcaseActivityId, courses: [...] }] }`.
 * Refuses: forbidden.
 */
export async function getSeniorSchool(tx: Tx, caller: StaffCaller) {
  assertSchoolStaff(caller, 'read');
  const tenantId = schoolCommunity(caller);
  const terms = await tx.select().from(schoolTerms).where(eq(schoolTerms.tenantId, tenantId)).orderBy(desc(schoolTerms.startsOn));
  const courses = await tx
    .select({ course: schoolCourses, teacher: residents.nameHint })
    .from(schoolCourses)
    .leftJoin(residents, and(eq(residents.tenantId, schoolCourses.tenantId), eq(residents.id, schoolCourses.teacherResidentId)))
    .where(eq(schoolCourses.tenantId, tenantId))
    .orderBy(asc(schoolCourses.weekday), asc(schoolCourses.startsAt));
  const count = await courseCounts(tx, tenantId);
  return {
    terms: terms.map((t) => ({
      id: t.id,
      name: t.name,
      startsOn: t.startsOn,
      endsOn: t.endsOn,
      offerHours: t.offerHours,
      showcaseActivityId: t.showcaseActivityId,
      courses: courses
        .filter((c) => c.course.termId === t.id)
        .map(({ course: c, teacher }) => ({ id: c.id, title: c.title, teacher, weekday: c.weekday, startsAt: c.startsAt, endsAt: c.endsAt, room: c.room, capacity: c.capacity, feeCents: c.feeCents, rule: c.rule as SchoolRule, allocated: c.allocatedAt !== null, ...count(c.id) })),
    })),
  };
}
