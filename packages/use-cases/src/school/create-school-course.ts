import { and, eq } from 'drizzle-orm';
import { schoolCourses, type Tx } from '@shequ/db';
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
 * an active volunteer and member of it); school.course.taken (a course of that title in the term); forbidden.
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
  const [row] = await tx
    .insert(schoolCourses)
    .values({ tenantId, termId: term.id, title: p.title, teacherResidentId: p.teacherResidentId ?? null, weekday: p.weekday, startsAt: p.startsAt, endsAt: p.endsAt, room: p.room, capacity: p.capacity, feeCents: p.fee, rule: p.rule, volunteerTeamId: p.volunteerTeamId ?? null })
    .returning();
  return row!;
}
