import { and, eq, inArray } from 'drizzle-orm';
import { isCalendarDay } from '@shequ/domain';
import { residents, schoolAttendance, schoolEnrolments, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { residentOfMealCard } from '../meals/station.ts';
import { parseInput } from '../parse-input.ts';
import type { PersonalDataCipher } from '../security/personal-data.ts';
import type { z } from '../zod.ts';
import { markAttendanceByCardSchema, markAttendanceFromListSchema } from './school.schema.ts';
import { assertSchoolStaff, loadCourse, schoolCommunity } from './shared.ts';

async function enrolledOn(tx: Tx, tenantId: string, courseId: string, residentIds: string[]): Promise<Set<string>> {
  if (!residentIds.length) return new Set();
  const rows = await tx
    .select({ residentId: schoolEnrolments.residentId })
    .from(schoolEnrolments)
    .where(and(eq(schoolEnrolments.tenantId, tenantId), eq(schoolEnrolments.courseId, courseId), eq(schoolEnrolments.status, 'enrolled'), inArray(schoolEnrolments.residentId, residentIds)));
  return new Set(rows.map((r) => r.residentId));
}

/**
 * Attendance from the list: the enrolled people ticked present at a course on a day (the teacher's or staff's
 * list). Marking someone twice on a day keeps the first mark. Input: `{ courseId, day, residentIds, now? }`.
 * Output: `{ marked }` (new marks). Refuses: school.course.notFound; school.day.invalid;
 * school.enrolment.notEnrolled (someone not enrolled on the course); forbidden.
 */
export async function markAttendanceFromList(tx: Tx, caller: StaffCaller, input: z.input<typeof markAttendanceFromListSchema> & { now?: Date }) {
  assertSchoolStaff(caller, 'update');
  const tenantId = schoolCommunity(caller);
  const p = parseInput(markAttendanceFromListSchema, input);
  if (!isCalendarDay(p.day)) throw new UseCaseError('school.day.invalid', { field: 'day' });
  const now = input.now ?? new Date();
  const { course } = await loadCourse(tx, tenantId, p.courseId);
  const ids = [...new Set(p.residentIds)];
  const enrolled = await enrolledOn(tx, tenantId, course.id, ids);
  if (ids.some((id) => !enrolled.has(id))) throw new UseCaseError('school.enrolment.notEnrolled');
  if (!ids.length) return { marked: 0 };
  const rows = await tx
    .insert(schoolAttendance)
    .values(ids.map((residentId) => ({ tenantId, courseId: course.id, residentId, day: p.day, method: 'list', markedAt: now, markedBy: caller.actor.userId })))
    .onConflictDoNothing()
    .returning({ id: schoolAttendance.id });
  return { marked: rows.length };
}

/**
 * Attendance by QR: the person's station card (the meal card of decision 038, shown on 我的 or printed) scanned at
 * the classroom door. Input: `{ courseId, day, code, cipher, now? }`. Output: `{ residentId, nameHint, already }`.
 * Refuses: school.course.notFound; school.day.invalid; school.card.invalid (not a card of this community);
 * school.enrolment.notEnrolled; forbidden.
 */
export async function markAttendanceByCard(tx: Tx, caller: StaffCaller, input: z.input<typeof markAttendanceByCardSchema> & { cipher: PersonalDataCipher; now?: Date }) {
  assertSchoolStaff(caller, 'update');
  const tenantId = schoolCommunity(caller);
  const p = parseInput(markAttendanceByCardSchema, input);
  if (!isCalendarDay(p.day)) throw new UseCaseError('school.day.invalid', { field: 'day' });
  const now = input.now ?? new Date();
  const { course } = await loadCourse(tx, tenantId, p.courseId);
  const residentId = residentOfMealCard(input.cipher, tenantId, p.code);
  if (!residentId) throw new UseCaseError('school.card.invalid', { field: 'code' });
  if (!(await enrolledOn(tx, tenantId, course.id, [residentId])).has(residentId)) throw new UseCaseError('school.enrolment.notEnrolled', { field: 'code' });
  const rows = await tx
    .insert(schoolAttendance)
    .values({ tenantId, courseId: course.id, residentId, day: p.day, method: 'qr', markedAt: now, markedBy: caller.actor.userId })
    .onConflictDoNothing()
    .returning({ id: schoolAttendance.id });
  const [person] = await tx.select({ nameHint: residents.nameHint }).from(residents).where(and(eq(residents.tenantId, tenantId), eq(residents.id, residentId)));
  return { residentId, nameHint: person?.nameHint ?? '', already: rows.length === 0 };
}
