import { and, eq } from 'drizzle-orm';
import { schoolCourses, schoolEnrolments, type Tx } from '@shequ/db';
import { allocationOrder, type SchoolRule } from '@shequ/domain';
import { randomInt } from 'node:crypto';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import type { z } from '../zod.ts';
import { allocateCourseSchema } from './school.schema.ts';
import { assertSchoolStaff, loadCourse, placesHeld, schoolCommunity } from './shared.ts';

/**
 * Allocates the places of a returning-first or draw course once its applications are in (decision 043; domain
 * allocationOrder): returning students first in the order asked, or by lot; the first up to the capacity are
 * enrolled, the rest wait in that order (`draw_rank`). Later applications then queue as for a first-come course.
 * `random` (tests) replaces the lot's source (crypto randomInt).
 * Input: `{ courseId, now?, random? }`. Output: `{ enrolled, waiting }` (counts).
 * Refuses: school.course.notFound; school.course.firstCome (nothing to allocate); school.course.allocated; forbidden.
 */
export async function allocateCourse(tx: Tx, caller: StaffCaller, input: z.input<typeof allocateCourseSchema> & { now?: Date; random?: () => number }) {
  assertSchoolStaff(caller, 'update');
  const tenantId = schoolCommunity(caller);
  const p = parseInput(allocateCourseSchema, input);
  const now = input.now ?? new Date();
  const { course } = await loadCourse(tx, tenantId, p.courseId, true);
  if (course.rule === 'first_come') throw new UseCaseError('school.course.firstCome');
  if (course.allocatedAt) throw new UseCaseError('school.course.allocated');
  const applicants = await tx.select().from(schoolEnrolments).where(and(eq(schoolEnrolments.tenantId, tenantId), eq(schoolEnrolments.courseId, course.id), eq(schoolEnrolments.status, 'applied')));
  const order = allocationOrder(course.rule as SchoolRule, applicants, input.random ?? (() => randomInt(0, 2 ** 32) / 2 ** 32));
  let free = course.capacity - (await placesHeld(tx, tenantId, course.id));
  let enrolled = 0;
  let waiting = 0;
  for (const [rank, a] of order.entries()) {
    const enrol = free > 0;
    if (enrol) free -= 1;
    await tx
      .update(schoolEnrolments)
      .set(enrol ? { status: 'enrolled', decidedAt: now, drawRank: rank + 1, updatedAt: now } : { status: 'waiting', drawRank: rank + 1, updatedAt: now })
      .where(and(eq(schoolEnrolments.tenantId, tenantId), eq(schoolEnrolments.id, a.id)));
    if (enrol) enrolled += 1;
    else waiting += 1;
  }
  await tx.update(schoolCourses).set({ allocatedAt: now }).where(and(eq(schoolCourses.tenantId, tenantId), eq(schoolCourses.id, course.id)));
  return { enrolled, waiting };
}
