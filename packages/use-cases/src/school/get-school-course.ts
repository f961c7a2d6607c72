import { and, asc, eq } from 'drizzle-orm';
import { addDays, ageOn, attendanceOpensAt, chinaDate, chinaDateTime, isCalendarDay, isClassDay, recentClassDay, type SchoolEnrolmentStatus, type SchoolRule } from '@shequ/domain';
import { buildings, grids, residents, schoolAttendance, schoolEnrolments, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { registerScope } from '../residents/person.ts';
import { assertSchoolStaff, loadCourse, schoolCommunity, seniorSchool, shownEnrolmentStatus } from './shared.ts';

const ORDER: Record<string, number> = { enrolled: 0, offered: 1, waiting: 2, applied: 3, declined: 4, lapsed: 5, withdrawn: 6 };

/**
 * A course's page for staff: the course (with its teacher's masked name) and its term, every enrolment (masked name,
 * building, age and masked mobile to tell two alike names apart, status, returning,
 * place on the waiting list, when an offer runs out, who asked) in the order that matters (enrolled, offered,
 * waiting in line, applied, then history), and who attended on `day` (China date; none given: the latest class day
 * up to today whose class has begun, recentClassDay, so attendance opens on a day the course meets). `classDay` says whether the course
 * meets on that day (attendance is taken only then); `attendanceOpen` whether its class has begun at `now` (from
 * `attendanceOpensAt`, HH:MM China: 30 minutes before it starts; marking earlier is refused). An offer past its expiry shows as lapsed (shownEnrolmentStatus).
 * The school's staff see every student; a grid worker only the people of their own grids (counts and places in line
 * stay the whole course's).
 * Input: `{ courseId, day?, classDayOnly?, now? }`. Output: `{ day, classDay, attendanceOpen, attendanceOpensAt, course, term (with its dates), counts, enrolments, present }`.
 * Refuses: school.course.notFound; school.day.invalid; school.day.notClass (with `classDayOnly`, the sign-in sheet:
 * not a day the course meets in its term); forbidden.
 */
export async function getSchoolCourse(tx: Tx, caller: StaffCaller, input: { courseId: string; day?: string | null; classDayOnly?: boolean; now?: Date }) {
  const now = input.now ?? new Date();
  assertSchoolStaff(caller, 'read');
  const tenantId = schoolCommunity(caller);
  if (input.day && !isCalendarDay(input.day)) throw new UseCaseError('school.day.invalid', { field: 'day' });
  const { course, term } = await loadCourse(tx, tenantId, input.courseId);
  let day = input.day || recentClassDay(course.weekday, term.startsOn, term.endsOn, chinaDate(now));
  // None asked and today's class not begun yet: the class before it, whose attendance can be taken.
  if (!input.day && now < attendanceOpensAt(day, course.startsAt)) {
    const before = recentClassDay(course.weekday, term.startsOn, term.endsOn, addDays(day, -1));
    if (before < day) day = before;
  }
  const rows = await tx
    .select({
      id: schoolEnrolments.id,
      residentId: schoolEnrolments.residentId,
      nameHint: residents.nameHint,
      mobileHint: residents.mobileHint,
      birth: residents.birth,
      building: buildings.name,
      status: schoolEnrolments.status,
      returning: schoolEnrolments.returning,
      drawRank: schoolEnrolments.drawRank,
      queuedAt: schoolEnrolments.queuedAt,
      offerExpiresAt: schoolEnrolments.offerExpiresAt,
      bookedBy: schoolEnrolments.bookedBy,
      gridWorkerId: grids.gridWorkerId,
    })
    .from(schoolEnrolments)
    .innerJoin(residents, and(eq(residents.tenantId, schoolEnrolments.tenantId), eq(residents.id, schoolEnrolments.residentId)))
    .leftJoin(buildings, and(eq(buildings.tenantId, residents.tenantId), eq(buildings.id, residents.buildingId)))
    .leftJoin(grids, and(eq(grids.tenantId, buildings.tenantId), eq(grids.id, buildings.gridId)))
    .where(and(eq(schoolEnrolments.tenantId, tenantId), eq(schoolEnrolments.courseId, course.id)))
    .orderBy(asc(schoolEnrolments.queuedAt));
  for (const r of rows) r.status = shownEnrolmentStatus(r.status, r.offerExpiresAt, now);
  const sorted = rows.sort((a, b) => ORDER[a.status]! - ORDER[b.status]! || (a.drawRank ?? 1e9) - (b.drawRank ?? 1e9) || a.queuedAt.getTime() - b.queuedAt.getTime());
  // A class's sign-in sheet is for a day it meets (issue 19's trial printed one for a day without class).
  if (input.classDayOnly && !isClassDay(course.weekday, term.startsOn, term.endsOn, day)) throw new UseCaseError('school.day.notClass', { field: 'day' });
  let line = 0;
  const present = await tx
    .select({ residentId: schoolAttendance.residentId, method: schoolAttendance.method })
    .from(schoolAttendance)
    .where(and(eq(schoolAttendance.tenantId, tenantId), eq(schoolAttendance.courseId, course.id), eq(schoolAttendance.day, day)));
  const opens = attendanceOpensAt(day, course.startsAt);
  const [teacher] = course.teacherResidentId ? await tx.select({ nameHint: residents.nameHint }).from(residents).where(and(eq(residents.tenantId, tenantId), eq(residents.id, course.teacherResidentId))) : [];
  // The school's staff see every student; a grid worker (who enrols on behalf) the people of their own grids only, as
  // on the meals' list (an outside trial of issue 13 saw 4–12栋's students as 第一网格's). Places in line and the
  // counts are the whole course's.
  const everyone = caller.ability.can('update', seniorSchool(tenantId)) || registerScope(caller, tenantId) === undefined;
  // Two 王** on the attendance list were alike (issue 19's trial): each carries its building, age and masked mobile.
  const today = chinaDate(now);
  const numbered = sorted.map(({ gridWorkerId, birth, ...r }) => ({ ...r, age: birth ? ageOn(birth, today) : null, gridWorkerId, status: r.status as SchoolEnrolmentStatus, position: r.status === 'waiting' ? ++line : null }));
  const count = (status: string) => numbered.filter((r) => r.status === status).length;
  const visible = new Set(numbered.filter((r) => everyone || r.gridWorkerId === caller.actor.userId).map((r) => r.residentId));
  return {
    day,
    classDay: isClassDay(course.weekday, term.startsOn, term.endsOn, day),
    attendanceOpen: now >= opens,
    attendanceOpensAt: chinaDateTime(opens).slice(11, 16),
    course: { id: course.id, title: course.title, weekday: course.weekday, startsAt: course.startsAt, endsAt: course.endsAt, room: course.room, teacher: teacher?.nameHint ?? null, capacity: course.capacity, feeCents: course.feeCents, rule: course.rule as SchoolRule, allocated: course.allocatedAt !== null },
    term: { id: term.id, name: term.name, offerHours: term.offerHours, startsOn: term.startsOn, endsOn: term.endsOn },
    counts: { enrolled: count('enrolled'), offered: count('offered'), waiting: count('waiting'), applied: count('applied') },
    enrolments: numbered.filter((r) => visible.has(r.residentId)).map(({ gridWorkerId: _, ...r }) => r),
    present: present.filter((p) => visible.has(p.residentId)),
  };
}
