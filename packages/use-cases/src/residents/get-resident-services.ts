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
 * Output (plain JSON): `{ sections: the section names shown, volunteering: null | { active, yearMinutes, totalMinutes, pendingMinutes, shifts: [{ id,
 * day (YYYY-MM-DD, China), title, minutes, status: 'approved' | 'pending' }] }` (approved minutes from the hour
 * ledger, decision 036, the year by the China-time day served); `meals: null | { month (YYYY-MM), booked, served, category
 * (the subsidy category of their latest meal this month, or null) }`; `services: null | [{ id, service, startsAt, status }]`
 * (station bookings from 30 days ago on, soonest first); `school: null | [{ id, title, weekday, startsAt, status }]` (live
 * enrolments in terms not ended); `care: null | { tier, onRoster, lastVisitAt, nextDueAt }` (next due: the closing of
 * the earliest open visit window) }`. Each section is also checked against its own feature's read permission: a
 * caller who may see the person but not that feature (a grid worker and volunteer hours) gets null there, and
 * `sections` lists the ones shown.
 * Refuses: resident.notFound (unknown, or not the caller's to see).
 */
export async function getResidentServices(tx: Tx, caller: StaffCaller, input: { residentId: string; now?: Date }) {
  const tenantId = communityOf(caller);
  const now = input.now ?? new Date();
  const { row } = await loadResident(tx, caller.ability, tenantId, input.residentId);
  const today = chinaDate(now);
  // The register's rule decides whom; each feature's own read permission decides which sections (the resident's
  // visibility alone would show a grid worker the hour ledger, which is the volunteer office's).
  const may = {
    volunteering: caller.ability.can('read', 'VolunteerHours'),
    meals: caller.ability.can('read', 'MealService'),
    services: caller.ability.can('read', 'ElderService'),
    school: caller.ability.can('read', 'SeniorSchool'),
    care: caller.ability.can('read', 'CareVisit') || caller.ability.can('read', 'CareRoster'),
  };
  const sections = (Object.keys(may) as (keyof typeof may)[]).filter((k) => may[k]);

  return {
    sections,
    volunteering: may.volunteering ? await volunteeringOf(tx, tenantId, row.id, today) : null,
    meals: may.meals ? await mealsOf(tx, tenantId, row.id, today) : null,
    services: may.services ? await servicesOf(tx, tenantId, row.id, now) : null,
    school: may.school ? await schoolOf(tx, tenantId, row.id, today) : null,
    care: may.care ? await careOf(tx, tenantId, row.id) : null,
  };
}

/** Volunteering: the append-only hour ledger (approved, pending) and the last shifts served; null if never a volunteer. */
async function volunteeringOf(tx: Tx, tenantId: string, residentId: string, today: string) {
  const [volunteer] = await tx.select({ active: volunteers.active }).from(volunteers).where(and(eq(volunteers.tenantId, tenantId), eq(volunteers.residentId, residentId)));
  let volunteering = null;
  const entries = await ledgerEntries(tx, tenantId, eq(volunteerHours.residentId, residentId));
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
  return volunteering;
}

/** Meals this month (China time): booked (still to come or waiting) and served, and the subsidy category. */
async function mealsOf(tx: Tx, tenantId: string, residentId: string, today: string) {
  const month = today.slice(0, 7);
  const monthStart = `${month}-01`;
  const next = new Date(`${monthStart}T00:00:00Z`);
  next.setUTCMonth(next.getUTCMonth() + 1);
  const mealRows = await tx
    .select({ status: mealBookings.status, category: mealBookings.category, day: mealBookings.day })
    .from(mealBookings)
    .where(and(eq(mealBookings.tenantId, tenantId), eq(mealBookings.residentId, residentId), gte(mealBookings.day, monthStart), lt(mealBookings.day, next.toISOString().slice(0, 10)), inArray(mealBookings.status, ['booked', 'waiting', 'served'])))
    .orderBy(desc(mealBookings.day));
  return {
    month,
    booked: mealRows.filter((m) => m.status !== 'served').length,
    served: mealRows.filter((m) => m.status === 'served').length,
    category: mealRows.find((m) => m.category)?.category ?? null,
  };
}

/** Station bookings from 30 days ago on (recent and coming), soonest first. */
async function servicesOf(tx: Tx, tenantId: string, residentId: string, now: Date) {
  const serviceRows = await tx
    .select({ id: elderServiceBookings.id, status: elderServiceBookings.status, startsAt: elderServiceSlots.startsAt, service: elderServices.name })
    .from(elderServiceBookings)
    .innerJoin(elderServiceSlots, and(eq(elderServiceSlots.tenantId, elderServiceBookings.tenantId), eq(elderServiceSlots.id, elderServiceBookings.slotId)))
    .innerJoin(elderServices, and(eq(elderServices.tenantId, elderServiceSlots.tenantId), eq(elderServices.id, elderServiceSlots.serviceId)))
    .where(and(eq(elderServiceBookings.tenantId, tenantId), eq(elderServiceBookings.residentId, residentId), gte(elderServiceSlots.startsAt, new Date(now.getTime() - 30 * 86_400_000))))
    .orderBy(asc(elderServiceSlots.startsAt))
    .limit(SERVICE_BOOKINGS);
  return serviceRows.map((s) => ({ id: s.id, service: s.service, startsAt: s.startsAt.toISOString(), status: s.status }));
}

/** The senior school: live enrolments in terms not yet ended. */
async function schoolOf(tx: Tx, tenantId: string, residentId: string, today: string) {
  const schoolRows = await tx
    .select({ id: schoolEnrolments.id, status: schoolEnrolments.status, title: schoolCourses.title, weekday: schoolCourses.weekday, startsAt: schoolCourses.startsAt })
    .from(schoolEnrolments)
    .innerJoin(schoolCourses, and(eq(schoolCourses.tenantId, schoolEnrolments.tenantId), eq(schoolCourses.id, schoolEnrolments.courseId)))
    .innerJoin(schoolTerms, and(eq(schoolTerms.tenantId, schoolCourses.tenantId), eq(schoolTerms.id, schoolCourses.termId)))
    .where(and(eq(schoolEnrolments.tenantId, tenantId), eq(schoolEnrolments.residentId, residentId), gte(schoolTerms.endsOn, today), inArray(schoolEnrolments.status, ['applied', 'enrolled', 'waiting', 'offered'])))
    .orderBy(asc(schoolCourses.weekday), asc(schoolCourses.startsAt));
  return schoolRows.map((s) => ({ id: s.id, title: s.title, weekday: s.weekday, startsAt: s.startsAt, status: s.status }));
}

/** Visiting care: tier, last visit, the earliest open window's closing; null if never on the roster nor visited. */
async function careOf(tx: Tx, tenantId: string, residentId: string) {
  const recipient = await recipientRow(tx, tenantId, residentId);
  const [lastVisit] = await tx.select({ at: careVisits.visitedAt }).from(careVisits).where(and(eq(careVisits.tenantId, tenantId), eq(careVisits.residentId, residentId))).orderBy(desc(careVisits.visitedAt)).limit(1);
  const [due] = await tx
    .select({ closesAt: careWindows.closesAt })
    .from(careWindows)
    .where(and(eq(careWindows.tenantId, tenantId), eq(careWindows.residentId, residentId), isNull(careWindows.visitId)))
    .orderBy(asc(careWindows.closesAt))
    .limit(1);
  return recipient || lastVisit
    ? { tier: (recipient && effectiveTier(recipient)) as CareTier | null, onRoster: Boolean(recipient?.active), lastVisitAt: lastVisit?.at.toISOString() ?? null, nextDueAt: due?.closesAt.toISOString() ?? null }
    : null;
}
