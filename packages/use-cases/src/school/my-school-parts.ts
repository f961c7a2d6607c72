import { and, asc, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import { chinaDate } from '@shequ/domain';
import { residents, schoolCourses, schoolEnrolments, schoolTerms, type Tx } from '@shequ/db';
import { shownEnrolmentStatus, waitingList } from './shared.ts';
import { endedByFor } from '../residents/acting-for.ts';

// The building blocks of this section's two use cases (list-my-*, get-my-*): off the package root.
/**
 * A person's enrolments in courses of terms not yet ended that were withdrawn or whose offered place was declined,
 * and not asked for again, the latest of each course, with who did it as the one looking (`viewerId`) reads it
 * (endedByFor) — 我的 said nothing of a parent's course the office had withdrawn them from (issue 19's review).
 * Output: `[{ id, courseId, title, weekday, startsAt, endsAt, status, endedBy }]`.
 */
export async function endedEnrolments(tx: Tx, tenantId: string, residentId: string, viewerId: string, now: Date) {
  const rows = await tx
    .select({
      id: schoolEnrolments.id,
      courseId: schoolEnrolments.courseId,
      status: schoolEnrolments.status,
      title: schoolCourses.title,
      weekday: schoolCourses.weekday,
      startsAt: schoolCourses.startsAt,
      endsAt: schoolCourses.endsAt,
      by: schoolEnrolments.withdrawnBy,
      byResidentId: schoolEnrolments.withdrawnByResidentId,
      live: sql<boolean>`exists (select 1 from school_enrolments l where l.tenant_id = ${schoolEnrolments.tenantId} and l.course_id = ${schoolEnrolments.courseId} and l.resident_id = ${schoolEnrolments.residentId} and l.status in ('applied', 'enrolled', 'waiting', 'offered'))`,
    })
    .from(schoolEnrolments)
    .innerJoin(schoolCourses, and(eq(schoolCourses.tenantId, schoolEnrolments.tenantId), eq(schoolCourses.id, schoolEnrolments.courseId)))
    .innerJoin(schoolTerms, and(eq(schoolTerms.tenantId, schoolCourses.tenantId), eq(schoolTerms.id, schoolCourses.termId)))
    .where(and(eq(schoolEnrolments.tenantId, tenantId), eq(schoolEnrolments.residentId, residentId), gte(schoolTerms.endsOn, chinaDate(now)), inArray(schoolEnrolments.status, ['withdrawn', 'declined'])))
    .orderBy(asc(schoolCourses.weekday), asc(schoolCourses.startsAt), desc(schoolEnrolments.createdAt), desc(schoolEnrolments.id))
    .limit(20);
  const seen = new Set<string>();
  return rows.flatMap((r) => {
    if (r.live || seen.has(r.courseId)) return [];
    seen.add(r.courseId);
    return [{ id: r.id, courseId: r.courseId, title: r.title, weekday: r.weekday, startsAt: r.startsAt, endsAt: r.endsAt, status: r.status as 'withdrawn' | 'declined', endedBy: endedByFor(viewerId, r) }];
  });
}

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
