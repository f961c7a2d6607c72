import { and, asc, eq, gte, inArray } from 'drizzle-orm';
import { chinaDate, type SchoolRule } from '@shequ/domain';
import { residents, schoolCourses, schoolEnrolments, schoolTerms, type Tx } from '@shequ/db';
import type { ResidentCaller, ResidentSelf } from '../caller.ts';
import { mealPeopleOf, mealResidentOf } from '../meals/my-meals.ts';
import { courseCounts, shownEnrolmentStatus, waitingList } from './shared.ts';

/** Live and recent enrolments of some people in courses of terms not yet ended, with their place in line. */
async function enrolmentsOf(tx: Tx, tenantId: string, residentIds: string[], now: Date) {
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

/**
 * The "我的" section of the senior school (MY_PAGE_SECTIONS key `mySchool`): the courses the resident and the family
 * they may act for study, wait for, or are offered a place on (offers first: they run out), or `ready: false` while
 * their sign-up waits for staff. Plain JSON.
 */
export async function listMySchool(tx: Tx, self: ResidentSelf, now = new Date()) {
  if (!self.residentId) return { ready: false, enrolments: [] };
  const people = await mealPeopleOf(tx, self.tenantId, self.residentId);
  const enrolments = await enrolmentsOf(
    tx,
    self.tenantId,
    people.map((p) => p.id),
    now,
  );
  return { ready: true, enrolments: enrolments.sort((a, b) => Number(b.status === 'offered') - Number(a.status === 'offered')).map((e) => ({ ...e, self: e.residentId === self.residentId })) };
}

/**
 * The resident's senior-school page for one person (themselves, or a parent they may act for: `forResidentId`,
 * falling back to themselves): the courses of terms not yet ended (weekly time, room, teacher's masked name, fee in
 * fen, rule, places left, how many wait) with that person's enrolment on each, and their enrolments (offers with
 * their expiry). Input: `{ forResidentId?, now? }`. Output: `{ people, person, courses, enrolments }`.
 * Refuses: meal.notResident (a sign-up staff have not confirmed: no register person).
 */
export async function getMySchool(tx: Tx, caller: ResidentCaller, input: { forResidentId?: string | null; now?: Date } = {}) {
  const mc = mealResidentOf(caller);
  const { tenantId, residentId: selfId } = mc.resident;
  const now = input.now ?? new Date();
  const today = chinaDate(now);
  const people = await mealPeopleOf(tx, tenantId, selfId);
  const person = people.find((p) => p.id === input.forResidentId) ?? people.find((p) => p.self)!;
  const enrolments = await enrolmentsOf(tx, tenantId, [person.id], now);
  const rows = await tx
    .select({ c: schoolCourses, term: schoolTerms.name, teacher: residents.nameHint })
    .from(schoolCourses)
    .innerJoin(schoolTerms, and(eq(schoolTerms.tenantId, schoolCourses.tenantId), eq(schoolTerms.id, schoolCourses.termId)))
    .leftJoin(residents, and(eq(residents.tenantId, schoolCourses.tenantId), eq(residents.id, schoolCourses.teacherResidentId)))
    .where(and(eq(schoolCourses.tenantId, tenantId), gte(schoolTerms.endsOn, today)))
    .orderBy(asc(schoolCourses.weekday), asc(schoolCourses.startsAt));
  const count = await courseCounts(tx, tenantId);
  return {
    people,
    person,
    courses: rows.map(({ c, term, teacher }) => {
      const n = count(c.id);
      return {
        id: c.id,
        term,
        title: c.title,
        teacher,
        weekday: c.weekday,
        startsAt: c.startsAt,
        endsAt: c.endsAt,
        room: c.room,
        feeCents: c.feeCents,
        rule: c.rule as SchoolRule,
        allocated: c.allocatedAt !== null,
        placesLeft: Math.max(0, c.capacity - n.enrolled - n.offered),
        waiting: n.waiting,
        mine: enrolments.find((e) => e.courseId === c.id) ?? null,
      };
    }),
    enrolments,
  };
}
