import { and, asc, eq, gte, inArray } from 'drizzle-orm';
import { chinaDate } from '@shequ/domain';
import { residents, schoolCourses, schoolEnrolments, schoolTerms, type Tx } from '@shequ/db';
import { shownEnrolmentStatus, waitingList } from './shared.ts';

// The building blocks of this section's two use cases (list-my-*, get-my-*): off the package root.
/** Live and recent enrolments of some people in courses of terms not yet ended, with their place in line. */
export async function enrolmentsOf(tx: Tx, tenantId: string, residentIds: string[], now: Date) {
  const today = chinaDate(now);
  if (!residentIds.length) return [];
  const rows = await tx
    .select({ e: schoolEnrolments, title: schoolCourses.title, weekday: schoolCourses.weekday, startsAt: schoolCourses.startsAt, endsAt: schoolCourses.endsAt, room: schoolCourses.room, nameHint: residents.nameHint })
    .from(schoolEnrolments)
    .innerJoin(schoolCourses, and(eq(schoolCourses.tenantId, schoolEnrolments.tenantId), eq(schoolCourses.id, schoolEnrolments.courseId)))
    .innerJoin(schoolTerms, and(eq(schoolTerms.tenantId, schoolCourses.tenantId), eq(schoolTerms.id, schoolCourses.termId)))
    .innerJoin(residents, and(eq(residents.tenantId, schoolEnrolments.tenantId), eq(residents.id, schoolEnrolments.residentId)))
    .where(and(eq(schoolEnrolments.tenantId, tenantId), inArray(schoolEnrolments.residentId, residentIds), gte(schoolTerms.endsOn, today), inArray(schoolEnrolments.status, ['applied', 'enrolled', 'waiting', 'offered'])))
    .orderBy(asc(schoolCourses.weekday), asc(schoolCourses.startsAt));
  const out = [];
  for (const r of rows) {
    let position: number | null = null;
    if (r.e.status === 'waiting') position = (await waitingList(tx, tenantId, r.e.courseId)).findIndex((w) => w.id === r.e.id) + 1;
    out.push({
      id: r.e.id,
      courseId: r.e.courseId,
      residentId: r.e.residentId,
      nameHint: r.nameHint,
      title: r.title,
      weekday: r.weekday,
      startsAt: r.startsAt,
      endsAt: r.endsAt,
      room: r.room,
      status: shownEnrolmentStatus(r.e.status, r.e.offerExpiresAt, now),
      position,
      offerExpiresAt: r.e.offerExpiresAt?.toISOString() ?? null,
    });
  }
  return out;
}
