import { and, eq, gt, gte, lt, lte } from 'drizzle-orm';
import { schoolCourses, schoolTerms, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { loadResident } from '../residents/person.ts';
import type { z } from '../zod.ts';
import { createSchoolCourseSchema } from './school.schema.ts';
import { assertSchoolStaff, loadTerm, schoolCommunity } from './shared.ts';
import { assertTeacherOfTeam } from './teaching-hours.ts';

/**
 * Adds a course to a term: title, teacher (a person of the register, often a volunteer; optional), weekly time
 * (weekday 1 = Monday … 7, from–to, China time), room, capacity, fee (yuan in, fen stored; 0 = free) and its
 * enrolment rule: 'first_come', 'returning_first' or 'draw' (decision 043). With a volunteer team
 * (`volunteerTeamId`), the teacher's classes count as volunteer service under that team (recordTeachingHours).
 * Input: createSchoolCourseSchema. Output: the course row.
 * Refuses: school.term.notFound; school.course.time (ends before it starts); school.course.teacher (not a person of
 * the register, or none given with a team); school.course.teacherNotVolunteer (a team given, and the teacher is not
 * an active volunteer and member of it); school.course.taken (a course of that title in the term);
 * school.course.teacherClash / school.course.roomClash { title, weekday, from, to } (the teacher, or the room, is
 * already in a course of a term whose dates overlap this one's, the same weekday, at times that overlap: a teacher
 * cannot teach two classes at once, nor a room hold them; issue 19's trial booked both); forbidden.
 */
export async function createSchoolCourse(tx: Tx, caller: StaffCaller, input: z.input<typeof createSchoolCourseSchema>) {
  assertSchoolStaff(caller, 'manage');
  const tenantId = schoolCommunity(caller);
  const p = parseInput(createSchoolCourseSchema, input);
  const term = await loadTerm(tx, tenantId, p.termId);
  if (p.endsAt <= p.startsAt) throw new UseCaseError('school.course.time', { field: 'endsAt' });
  if (p.teacherResidentId) {
    await loadResident(tx, caller.ability, tenantId, p.teacherResidentId, 'read').catch(() => {
      throw new UseCaseError('school.course.teacher', { field: 'teacherResidentId' });
    });
  }
  if (p.volunteerTeamId) await assertTeacherOfTeam(tx, tenantId, p.teacherResidentId, p.volunteerTeamId);
  const [taken] = await tx.select({ id: schoolCourses.id }).from(schoolCourses).where(and(eq(schoolCourses.tenantId, tenantId), eq(schoolCourses.termId, term.id), eq(schoolCourses.title, p.title)));
  if (taken) throw new UseCaseError('school.course.taken', { field: 'title' });
  // Courses at the same time: same weekday, times overlapping (half-open), in a term whose dates overlap this one's.
  const sameTime = await tx
    .select({ title: schoolCourses.title, teacherResidentId: schoolCourses.teacherResidentId, room: schoolCourses.room, weekday: schoolCourses.weekday, startsAt: schoolCourses.startsAt, endsAt: schoolCourses.endsAt })
    .from(schoolCourses)
    .innerJoin(schoolTerms, and(eq(schoolTerms.tenantId, schoolCourses.tenantId), eq(schoolTerms.id, schoolCourses.termId)))
    .where(and(eq(schoolCourses.tenantId, tenantId), eq(schoolCourses.weekday, p.weekday), lt(schoolCourses.startsAt, p.endsAt), gt(schoolCourses.endsAt, p.startsAt), lte(schoolTerms.startsOn, term.endsOn), gte(schoolTerms.endsOn, term.startsOn)));
  const clash = (c: (typeof sameTime)[number]) => ({ title: c.title, weekday: c.weekday, from: c.startsAt, to: c.endsAt });
  const byTeacher = p.teacherResidentId ? sameTime.find((c) => c.teacherResidentId === p.teacherResidentId) : undefined;
  if (byTeacher) throw new UseCaseError('school.course.teacherClash', { field: 'teacherResidentId', ...clash(byTeacher) });
  const roomKey = (room: string) => room.replace(/\s+/g, '').toLowerCase();
  const inRoom = sameTime.find((c) => roomKey(c.room) === roomKey(p.room));
  if (inRoom) throw new UseCaseError('school.course.roomClash', { field: 'room', ...clash(inRoom) });
  const [row] = await tx
    .insert(schoolCourses)
    .values({ tenantId, termId: term.id, title: p.title, teacherResidentId: p.teacherResidentId ?? null, weekday: p.weekday, startsAt: p.startsAt, endsAt: p.endsAt, room: p.room, capacity: p.capacity, feeCents: p.fee, rule: p.rule, volunteerTeamId: p.volunteerTeamId ?? null })
    .returning();
  return row!;
}
