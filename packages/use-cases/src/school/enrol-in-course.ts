import { and, eq, gt, gte, inArray, lt, lte, ne, sql } from 'drizzle-orm';
import { schoolCourses, schoolEnrolments, schoolTerms, type Tx } from '@shequ/db';
import { chinaDate, SCHOOL_LIVE, type SchoolEnrolmentStatus, type SchoolRule, waitsForAllocation } from '@shequ/domain';
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
 * Refuses: school.course.notFound; resident.notFound; school.notFamily; school.term.ended `{ last }` (a resident or
 * family, a term whose last day has passed); school.enrolment.duplicate;
 * school.enrolment.clash { title, weekday, from, to } (the person is in another course at that time: enrolled,
 * applied, offered or waiting); forbidden.
 */
export async function enrolInCourse(tx: Tx, caller: SchoolCaller, input: z.input<typeof enrolInCourseSchema> & { now?: Date }) {
  const p = parseInput(enrolInCourseSchema, input);
  const now = input.now ?? new Date();
  const party = await enrolmentParty(tx, caller, p.residentId);
  const { tenantId } = party;
  const { course, term } = await loadCourse(tx, tenantId, p.courseId, true);
  // A resident or family enrols only in the courses 我的 shows (getMySchool: terms not yet ended, China time); a
  // hand-made post must not reach an ended term (issue 19's tester booked a meal that way). Staff may still record one.
  if (party.bookedBy !== 'staff' && term.endsOn < chinaDate(now)) throw new UseCaseError('school.term.ended', { last: term.endsOn });
  const [live] = await tx
    .select({ id: schoolEnrolments.id })
    .from(schoolEnrolments)
    .where(and(eq(schoolEnrolments.tenantId, tenantId), eq(schoolEnrolments.courseId, course.id), eq(schoolEnrolments.residentId, p.residentId), inArray(schoolEnrolments.status, [...SCHOOL_LIVE])));
  if (live) throw new UseCaseError('school.enrolment.duplicate');
  // Not two courses at once: the person's enrolments (and applications, places offered, waiting lists) are serialised
  // by a lock on them, after the course's; another live one the same weekday at overlapping times, in a term whose
  // dates overlap this one's, is refused naming it (issue 19's trial enrolled a student in two at once).
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${tenantId}:school_student:${p.residentId}`}, 0))`);
  const [other] = await tx
    .select({ title: schoolCourses.title, weekday: schoolCourses.weekday, from: schoolCourses.startsAt, to: schoolCourses.endsAt })
    .from(schoolEnrolments)
    .innerJoin(schoolCourses, and(eq(schoolCourses.tenantId, schoolEnrolments.tenantId), eq(schoolCourses.id, schoolEnrolments.courseId)))
    .innerJoin(schoolTerms, and(eq(schoolTerms.tenantId, schoolCourses.tenantId), eq(schoolTerms.id, schoolCourses.termId)))
    .where(
      and(
        eq(schoolEnrolments.tenantId, tenantId),
        eq(schoolEnrolments.residentId, p.residentId),
        inArray(schoolEnrolments.status, [...SCHOOL_LIVE]),
        ne(schoolCourses.id, course.id),
        eq(schoolCourses.weekday, course.weekday),
        lt(schoolCourses.startsAt, course.endsAt),
        gt(schoolCourses.endsAt, course.startsAt),
        lte(schoolTerms.startsOn, term.endsOn),
        gte(schoolTerms.endsOn, term.startsOn),
      ),
    )
    .limit(1);
  if (other) throw new UseCaseError('school.enrolment.clash', { title: other.title, weekday: other.weekday, from: other.from, to: other.to });
  const returning = await isReturning(tx, tenantId, course, p.residentId);
  const waiting = await waitingList(tx, tenantId, course.id);
  let status: SchoolEnrolmentStatus;
  if (waitsForAllocation(course.rule as SchoolRule, course.allocatedAt !== null)) status = 'applied';
  else status = waiting.length === 0 && (await placesHeld(tx, tenantId, course.id)) < course.capacity ? 'enrolled' : 'waiting';
  const [row] = await tx
    .insert(schoolEnrolments)
    .values({ tenantId, courseId: course.id, residentId: p.residentId, status, returning, queuedAt: now, decidedAt: status === 'enrolled' ? now : null, bookedBy: party.bookedBy, bookedByUserId: party.userId, bookedByResidentId: party.residentId })
    .returning();
  return { id: row!.id, status, position: status === 'waiting' ? waiting.length + 1 : null };
}
