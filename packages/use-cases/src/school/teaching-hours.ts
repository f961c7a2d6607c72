import { and, eq } from 'drizzle-orm';
import { chinaDayStart, roundMinutes } from '@shequ/domain';
import { type Tx, volunteerHours, volunteers, volunteerTeamMembers } from '@shequ/db';
import { UseCaseError } from '../errors.ts';
import { loadVolunteerSettings } from '../volunteers/shared.ts';
import type { CourseRow } from './shared.ts';

// A volunteer teacher's teaching counts as volunteer service (issue 19: "teacher — often a volunteer, whose teaching
// hours count as service"). The class's attendance, kept by staff on the list or by card at the door, is the record
// that it took place: the first mark of a class writes one pending hour entry for its teacher under the course's
// volunteer team, which the team's leader approves like any other (《志愿服务记录与证明出具办法（试行）》:
// "谁组织谁记录、谁记录谁证明"; actual service time, rounded by the community's rule).

/** How early before the class starts its attendance may already record the teacher's hours (ms). */
const EARLY_MS = 30 * 60_000;

/** 2026-12-01 + '09:30' → the instant in China time. */
function classInstant(day: string, clock: string): Date {
  const [h, m] = clock.split(':').map(Number);
  return new Date(chinaDayStart(day).getTime() + (h! * 60 + m!) * 60_000);
}

/**
 * Checks a course's teacher can be credited under `teamId`: an active volunteer and a member of that team.
 * Refuses: school.course.teacherNotVolunteer (beside the teacher field); school.course.teacher when no teacher is
 * given with a team.
 */
export async function assertTeacherOfTeam(tx: Tx, tenantId: string, teacherResidentId: string | null | undefined, teamId: string) {
  if (!teacherResidentId) throw new UseCaseError('school.course.teacher', { field: 'teacherResidentId' });
  const [row] = await tx
    .select({ active: volunteers.active, status: volunteerTeamMembers.status })
    .from(volunteers)
    .innerJoin(volunteerTeamMembers, and(eq(volunteerTeamMembers.tenantId, volunteers.tenantId), eq(volunteerTeamMembers.residentId, volunteers.residentId), eq(volunteerTeamMembers.teamId, teamId)))
    .where(and(eq(volunteers.tenantId, tenantId), eq(volunteers.residentId, teacherResidentId)));
  if (!row || !row.active || row.status !== 'member') throw new UseCaseError('school.course.teacherNotVolunteer', { field: 'teacherResidentId' });
}

/**
 * The teacher's hours for the class of `course` on `day` (China time), written once (a second mark of the same class
 * finds it). Nothing is written when the course credits no team, or when the mark comes more than 30 minutes before
 * the class starts (a list ticked ahead is not a record that the class took place).
 * Input: the course row, day (YYYY-MM-DD), the marking user, now. Output: the entry's id and minutes, or null.
 */
export async function recordTeachingHours(tx: Tx, course: CourseRow, day: string, recordedBy: string | null, now: Date): Promise<{ id: string; minutes: number } | null> {
  if (!course.volunteerTeamId || !course.teacherResidentId) return null;
  const servedFrom = classInstant(day, course.startsAt);
  const servedTo = classInstant(day, course.endsAt);
  if (now.getTime() < servedFrom.getTime() - EARLY_MS) return null;
  // A teacher who has since left the team or stopped volunteering is not credited (the record must be true).
  const credited = await assertTeacherOfTeam(tx, course.tenantId, course.teacherResidentId, course.volunteerTeamId).then(
    () => true,
    () => false,
  );
  if (!credited) return null;
  const settings = await loadVolunteerSettings(tx, course.tenantId);
  const minutes = roundMinutes((servedTo.getTime() - servedFrom.getTime()) / 60_000, settings.rounding);
  const [row] = await tx
    .insert(volunteerHours)
    .values({
      tenantId: course.tenantId,
      residentId: course.teacherResidentId,
      teamId: course.volunteerTeamId,
      minutes,
      servedFrom,
      servedTo,
      // The class's attendance was kept by staff: the leader's level of evidence, approved by the leader as usual.
      evidence: 'leader',
      // The course's title as data; pages label the entry as teaching by `schoolCourseId` (through i18n).
      content: course.title,
      schoolCourseId: course.id,
      recordedBy,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: volunteerHours.id });
  return row ? { id: row.id, minutes } : null;
}
