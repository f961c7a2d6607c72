import { and, eq } from 'drizzle-orm';
import { isCalendarDay } from '@shequ/domain';
import { residents, schoolAttendance, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { residentOfMealCard } from '../meals/station.ts';
import { parseInput } from '../parse-input.ts';
import type { PersonalDataCipher } from '../security/personal-data.ts';
import type { z } from '../zod.ts';
import { markAttendanceByCardSchema } from './school.schema.ts';
import { recordTeachingHours } from './teaching-hours.ts';
import { assertClassDay, assertSchoolStaff, enrolledOn, loadCourse, schoolCommunity } from './shared.ts';

/**
 * Attendance by QR: the person's station card (the meal card of decision 038, shown on 我的 or printed) scanned at
 * the classroom door. Input: `{ courseId, day, code, cipher, now? }`. Output: `{ residentId, nameHint, already }`.
 * Refuses: school.course.notFound; school.day.invalid; school.day.notClass (not a day the course meets in its term); school.day.notYet (before 30 minutes ahead of the class's start); school.card.invalid (not a card of this community);
 * school.enrolment.notEnrolled; forbidden. Records the volunteer teacher's hours as the list does.
 */
export async function markAttendanceByCard(tx: Tx, caller: StaffCaller, input: z.input<typeof markAttendanceByCardSchema> & { cipher: PersonalDataCipher; now?: Date }) {
  assertSchoolStaff(caller, 'update');
  const tenantId = schoolCommunity(caller);
  const p = parseInput(markAttendanceByCardSchema, input);
  if (!isCalendarDay(p.day)) throw new UseCaseError('school.day.invalid', { field: 'day' });
  const now = input.now ?? new Date();
  const { course, term } = await loadCourse(tx, tenantId, p.courseId);
  assertClassDay(course, term, p.day, now);
  const residentId = residentOfMealCard(input.cipher, tenantId, p.code);
  if (!residentId) throw new UseCaseError('school.card.invalid', { field: 'code' });
  if (!(await enrolledOn(tx, tenantId, course.id, [residentId])).has(residentId)) throw new UseCaseError('school.enrolment.notEnrolled', { field: 'code' });
  const rows = await tx
    .insert(schoolAttendance)
    .values({ tenantId, courseId: course.id, residentId, day: p.day, method: 'qr', markedAt: now, markedBy: caller.actor.userId })
    .onConflictDoNothing()
    .returning({ id: schoolAttendance.id });
  await recordTeachingHours(tx, course, p.day, caller.actor.userId, now);
  const [person] = await tx.select({ nameHint: residents.nameHint }).from(residents).where(and(eq(residents.tenantId, tenantId), eq(residents.id, residentId)));
  return { residentId, nameHint: person?.nameHint ?? '', already: rows.length === 0 };
}
