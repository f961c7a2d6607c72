import { and, eq, inArray } from 'drizzle-orm';
import { schoolEnrolments, type Tx } from '@shequ/db';
import { SCHOOL_LIVE, type SchoolEnrolmentStatus, type SchoolRule, waitsForAllocation } from '@shequ/domain';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import type { z } from '../zod.ts';
import { enrolInCourseSchema } from './school.schema.ts';
import { enrolmentParty, isReturning, loadCourse, placesHeld, type SchoolCaller, waitingList } from './shared.ts';

/**
 * Asks for a place on a course: by the resident on 我的, by family for a parent, by staff or a grid worker for
 * someone without a phone (decision 043). A first-come course (or one already allocated) enrols at once while a
 * place is free and nobody waits, else the person joins the waiting list; a returning-first or draw course collects
 * applications ('applied') until it is allocated (allocateCourse). Whether the person is returning (studied a course
 * of that title in an earlier term) is recorded. Serialised per course.
 * Input: `{ courseId, residentId, now? }`. Output: `{ id, status, position }` (position on the waiting list, else null).
 * Refuses: school.course.notFound; resident.notFound; school.notFamily; school.enrolment.duplicate; forbidden.
 */
export async function enrolInCourse(tx: Tx, caller: SchoolCaller, input: z.input<typeof enrolInCourseSchema> & { now?: Date }) {
  const p = parseInput(enrolInCourseSchema, input);
  const now = input.now ?? new Date();
  const party = await enrolmentParty(tx, caller, p.residentId);
  const { tenantId } = party;
  const { course } = await loadCourse(tx, tenantId, p.courseId, true);
  const [live] = await tx
    .select({ id: schoolEnrolments.id })
    .from(schoolEnrolments)
    .where(and(eq(schoolEnrolments.tenantId, tenantId), eq(schoolEnrolments.courseId, course.id), eq(schoolEnrolments.residentId, p.residentId), inArray(schoolEnrolments.status, [...SCHOOL_LIVE])));
  if (live) throw new UseCaseError('school.enrolment.duplicate');
  const returning = await isReturning(tx, tenantId, course, p.residentId);
  const waiting = await waitingList(tx, tenantId, course.id);
  let status: SchoolEnrolmentStatus;
  if (waitsForAllocation(course.rule as SchoolRule, course.allocatedAt !== null)) status = 'applied';
  else status = waiting.length === 0 && (await placesHeld(tx, tenantId, course.id)) < course.capacity ? 'enrolled' : 'waiting';
  const [row] = await tx
    .insert(schoolEnrolments)
    .values({ tenantId, courseId: course.id, residentId: p.residentId, status, returning, queuedAt: now, decidedAt: status === 'enrolled' ? now : null, bookedBy: party.bookedBy, bookedByUserId: party.userId })
    .returning();
  return { id: row!.id, status, position: status === 'waiting' ? waiting.length + 1 : null };
}
