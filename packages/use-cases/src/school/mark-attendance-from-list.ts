import { isCalendarDay } from '@shequ/domain';
import { schoolAttendance, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import type { z } from '../zod.ts';
import { markAttendanceFromListSchema } from './school.schema.ts';
import { assertClassDay, assertSchoolStaff, enrolledOn, loadCourse, schoolCommunity } from './shared.ts';
import { recordTeachingHours } from './teaching-hours.ts';

/**
 * Attendance from the list: the enrolled people ticked present at a course on a day (the teacher's or staff's
 * list). Marking someone twice on a day keeps the first mark. The class's first mark also records its volunteer
 * teacher's hours (recordTeachingHours: once per class, pending the team leader's approval).
 * Input: `{ courseId, day, residentIds, now? }`. Output: `{ marked, teachingMinutes }` (new marks; minutes recorded
 * for the teacher by this call, 0 if none). Refuses: school.course.notFound; school.day.invalid; school.day.notClass (not a day the course meets in its term); school.day.notYet (before 30 minutes ahead of the class's start);
 * school.enrolment.notEnrolled (someone not enrolled on the course); forbidden.
 */
export async function markAttendanceFromList(tx: Tx, caller: StaffCaller, input: z.input<typeof markAttendanceFromListSchema> & { now?: Date }) {
  assertSchoolStaff(caller, 'update');
  const tenantId = schoolCommunity(caller);
  const p = parseInput(markAttendanceFromListSchema, input);
  if (!isCalendarDay(p.day)) throw new UseCaseError('school.day.invalid', { field: 'day' });
  const now = input.now ?? new Date();
  const { course, term } = await loadCourse(tx, tenantId, p.courseId);
  assertClassDay(course, term, p.day, now);
  const ids = [...new Set(p.residentIds)];
  const enrolled = await enrolledOn(tx, tenantId, course.id, ids);
  if (ids.some((id) => !enrolled.has(id))) throw new UseCaseError('school.enrolment.notEnrolled');
  if (!ids.length) return { marked: 0, teachingMinutes: 0 };
  const rows = await tx
    .insert(schoolAttendance)
    .values(ids.map((residentId) => ({ tenantId, courseId: course.id, residentId, day: p.day, method: 'list', markedAt: now, markedBy: caller.actor.userId })))
    .onConflictDoNothing()
    .returning({ id: schoolAttendance.id });
  const teaching = await recordTeachingHours(tx, course, p.day, caller.actor.userId, now);
  return { marked: rows.length, teachingMinutes: teaching?.minutes ?? 0 };
}
