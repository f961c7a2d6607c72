import { and, asc, desc, eq, gte, inArray, isNull, lt } from 'drizzle-orm';
import { careVisits, careWindows, elderServiceBookings, elderServices, elderServiceSlots, mealBookings, schoolCourses, schoolEnrolments, schoolTerms, type Tx, volunteerActivities, volunteerHours, volunteers } from '@shequ/db';
import { type CareTier, chinaDate } from '@shequ/domain';
import type { StaffCaller } from '../caller.ts';
import { effectiveTier, recipientRow } from '../care/care-core.ts';
import { ledgerEntries, ledgerTotals } from '../volunteers/ledger.ts';
import { communityOf, loadResident } from './person.ts';

/** How many shifts and station bookings the person's page lists. */
const LAST_SHIFTS = 5;
const SERVICE_BOOKINGS = 5;

/**
 * The "服务记录" section of a person's page (issue 16: "later their activities, hours, meals and visits"): what the
 * later features recorded about this person, read in the community's tenant scope and only for a person the caller
 * may see (the register's rule: the office sees everyone, a grid worker the people of their grids).
 *
 * Input: `{ residentId, now? }`. Inside the community's tenant transaction.
 * Output (plain JSON): `{ volunteering: null | { active, yearMinutes, totalMinutes, pendingMinutes, shifts: [{ id,
 * day (YYYY-MM-DD, China), title, minutes, status: 'approved' | 'pending' }] }` (approved minutes from the hour
 * ledger, decision 036, the year by the China-time day served); `meals: { month (YYYY-MM), booked, served, category
 * (the subsidy category of their latest meal this month, or null) }`; `services: [{ id, service, startsAt, status }]`
 * (station bookings from 30 days ago on, soonest first); `school: [{ id, title, weekday, startsAt, status }]` (live
 * enrolments in terms not ended); `care: null | { tier, onRoster, lastVisitAt, nextDueAt }` (next due: the closing of
 * the earliest open visit window) }`.
 * Refuses: resident.notFound (unknown, or not the caller's to see).
 */
export async function getResidentServices(tx: Tx, caller: StaffCaller, input: { residentId: string; now?: Date }) {
  const tenantId = communityOf(caller);
  const now = input.now ?? new Date();
  const { row } = await loadResident(tx, caller.ability, tenantId, input.residentId);
  const today = chinaDate(now);

  // Volunteering: the append-only hour ledger (approved, pending) and the last shifts served.
  const [volunteer] = await tx.select({ active: volunteers.active }).from(volunteers).where(and(eq(volunteers.tenantId, tenantId), eq(volunteers.residentId, row.id)));
  let volunteering = null;
  const entries = await ledgerEntries(tx, tenantId, eq(volunteerHours.residentId, row.id));
  if (volunteer || entries.length) {
    const served = (e: (typeof entries)[number]) => chinaDate(e.servedFrom ?? e.createdAt);
    const year = today.slice(0, 4);
    const totals = ledgerTotals(entries);
    const yearTotals = ledgerTotals(entries.filter((e) => served(e).startsWith(year)));
    const last = entries
      .filter((e) => e.status === 'approved' || e.status === 'pending')
      .sort((a, b) => served(b).localeCompare(served(a)))
      .slice(0, LAST_SHIFTS);
    const activityIds = [...new Set(last.map((e) => e.activityId).filter((a): a is string => Boolean(a)))];
    const titles = activityIds.length
      ? await tx.select({ id: volunteerActivities.id, title: volunteerActivities.title }).from(volunteerActivities).where(and(eq(volunteerActivities.tenantId, tenantId), inArray(volunteerActivities.id, activityIds)))
      : [];
    volunteering = {
      active: Boolean(volunteer?.active),
      yearMinutes: yearTotals.approvedMinutes,
      totalMinutes: totals.approvedMinutes,
      pendingMinutes: totals.pendingMinutes,
      shifts: last.map((e) => ({ id: e.id, day: served(e), title: titles.find((t) => t.id === e.activityId)?.title ?? e.content ?? null, minutes: e.minutes, status: e.status as 'approved' | 'pending' })),
    };
  }

  // Meals this month (China time): booked (still to come or waiting) and served, and the subsidy category.
  const month = today.slice(0, 7);
  const monthStart = `${month}-01`;
  const next = new Date(`${monthStart}T00:00:00Z`);
  next.setUTCMonth(next.getUTCMonth() + 1);
  const mealRows = await tx
    .select({ status: mealBookings.status, category: mealBookings.category, day: mealBookings.day })
    .from(mealBookings)
    .where(and(eq(mealBookings.tenantId, tenantId), eq(mealBookings.residentId, row.id), gte(mealBookings.day, monthStart), lt(mealBookings.day, next.toISOString().slice(0, 10)), inArray(mealBookings.status, ['booked', 'waiting', 'served'])))
    .orderBy(desc(mealBookings.day));
  const meals = {
    month,
    booked: mealRows.filter((m) => m.status !== 'served').length,
    served: mealRows.filter((m) => m.status === 'served').length,
    category: mealRows.find((m) => m.category)?.category ?? null,
  };

  // Station services: bookings from 30 days ago on (recent and coming).
  const serviceRows = await tx
    .select({ id: elderServiceBookings.id, status: elderServiceBookings.status, startsAt: elderServiceSlots.startsAt, service: elderServices.name })
    .from(elderServiceBookings)
    .innerJoin(elderServiceSlots, and(eq(elderServiceSlots.tenantId, elderServiceBookings.tenantId), eq(elderServiceSlots.id, elderServiceBookings.slotId)))
    .innerJoin(elderServices, and(eq(elderServices.tenantId, elderServiceSlots.tenantId), eq(elderServices.id, elderServiceSlots.serviceId)))
    .where(and(eq(elderServiceBookings.tenantId, tenantId), eq(elderServiceBookings.residentId, row.id), gte(elderServiceSlots.startsAt, new Date(now.getTime() - 30 * 86_400_000))))
    .orderBy(asc(elderServiceSlots.startsAt))
    .limit(SERVICE_BOOKINGS);

  // The senior school: live enrolments in terms not yet ended.
  const schoolRows = await tx
    .select({ id: schoolEnrolments.id, status: schoolEnrolments.status, title: schoolCourses.title, weekday: schoolCourses.weekday, startsAt: schoolCourses.startsAt })
    .from(schoolEnrolments)
    .innerJoin(schoolCourses, and(eq(schoolCourses.tenantId, schoolEnrolments.tenantId), eq(schoolCourses.id, schoolEnrolments.courseId)))
    .innerJoin(schoolTerms, and(eq(schoolTerms.tenantId, schoolCourses.tenantId), eq(schoolTerms.id, schoolCourses.termId)))
    .where(and(eq(schoolEnrolments.tenantId, tenantId), eq(schoolEnrolments.residentId, row.id), gte(schoolTerms.endsOn, today), inArray(schoolEnrolments.status, ['applied', 'enrolled', 'waiting', 'offered'])))
    .orderBy(asc(schoolCourses.weekday), asc(schoolCourses.startsAt));

  // Visiting care: tier, last visit, the earliest open window's closing.
  const recipient = await recipientRow(tx, tenantId, row.id);
  const [lastVisit] = await tx.select({ at: careVisits.visitedAt }).from(careVisits).where(and(eq(careVisits.tenantId, tenantId), eq(careVisits.residentId, row.id))).orderBy(desc(careVisits.visitedAt)).limit(1);
  const [due] = await tx
    .select({ closesAt: careWindows.closesAt })
    .from(careWindows)
    .where(and(eq(careWindows.tenantId, tenantId), eq(careWindows.residentId, row.id), isNull(careWindows.visitId)))
    .orderBy(asc(careWindows.closesAt))
    .limit(1);
  const care =
    recipient || lastVisit
      ? { tier: (recipient && effectiveTier(recipient)) as CareTier | null, onRoster: Boolean(recipient?.active), lastVisitAt: lastVisit?.at.toISOString() ?? null, nextDueAt: due?.closesAt.toISOString() ?? null }
      : null;

  return {
    volunteering,
    meals,
    services: serviceRows.map((s) => ({ id: s.id, service: s.service, startsAt: s.startsAt.toISOString(), status: s.status })),
    school: schoolRows.map((s) => ({ id: s.id, title: s.title, weekday: s.weekday, startsAt: s.startsAt, status: s.status })),
    care,
  };
}
