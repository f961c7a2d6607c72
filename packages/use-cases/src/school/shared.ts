import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { isUuid, schoolCourses, schoolEnrolments, schoolTerms, type Tx } from '@shequ/db';
import { attendanceOpensAt, chinaDateTime, isClassDay, SCHOOL_HOLDS_PLACE, type SchoolEnrolmentStatus } from '@shequ/domain';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { startSubjectDeadline, settleDeadlines, type SubjectRef } from '../deadlines/store.ts';
import { lockSubjectKeys } from '../deadlines/subjects.ts';
import { UseCaseError } from '../errors.ts';
import { tellPersonAndBooker } from '../residents/tell-person-and-booker.ts';
import { isFamilyOf, isResidentCaller, type MealResidentCaller } from '../meals/station.ts';
import { actingFor } from '../residents/acting-for.ts';
import { assertBooksFor } from '../residents/books-for.ts';

// The building blocks the senior school's use cases share (decision 043). Not use cases themselves.

/** Staff, or a resident acting for themselves or a parent on 我的 (the station's resident caller, decision 038). */
export type SchoolCaller = StaffCaller | MealResidentCaller;

/** The community a caller acts in. */
export function schoolCommunity(caller: SchoolCaller): string {
  const tenantId = isResidentCaller(caller) ? caller.resident.tenantId : caller.actor.workspace.tenantId;
  if (!tenantId) throw new UseCaseError('school.course.notFound');
  return tenantId;
}

/** The CASL subject of a community's senior school. */
export const seniorSchool = (tenantId: string) => subject('SeniorSchool', { tenantId });

/** Checks a staff caller may `action` the community's senior school (resident callers are refused: not found). */
export function assertSchoolStaff(caller: SchoolCaller, action: 'read' | 'create' | 'update' | 'manage'): StaffCaller {
  if (isResidentCaller(caller)) throw new UseCaseError('school.course.notFound');
  assertCan(caller.ability, action, seniorSchool(schoolCommunity(caller)));
  return caller;
}

/**
 * An enrolment's status as the pages show it at `now`: an offer past its expiry is 'lapsed' even before the timer
 * has written so (acceptSchoolPlace already refuses it with school.enrolment.offerExpired), so no page offers an
 * 接受 the server would refuse (issue 19: the pages show only the steps the server takes).
 */
export function shownEnrolmentStatus(status: string, offerExpiresAt: Date | null, now: Date): SchoolEnrolmentStatus {
  return (status === 'offered' && offerExpiresAt && now >= offerExpiresAt ? 'lapsed' : status) as SchoolEnrolmentStatus;
}

export type TermRow = typeof schoolTerms.$inferSelect;
export type CourseRow = typeof schoolCourses.$inferSelect;
export type EnrolmentRow = typeof schoolEnrolments.$inferSelect;

export async function loadTerm(tx: Tx, tenantId: string, termId: string): Promise<TermRow> {
  if (!isUuid(termId)) throw new UseCaseError('school.term.notFound');
  const [row] = await tx.select().from(schoolTerms).where(and(eq(schoolTerms.tenantId, tenantId), eq(schoolTerms.id, termId)));
  if (!row) throw new UseCaseError('school.term.notFound');
  return row;
}

/**
 * A course and its term. With `lock`, the course's advisory lock first (community, course): every enrolment,
 * withdrawal, answer to an offer, allocation and an offer's expiry of one course are serialised by it (it is also
 * the enrolment deadlines' subject lock order: the course, then the enrolment's subject, then its deadline rows).
 */
export async function loadCourse(tx: Tx, tenantId: string, courseId: string, lock = false): Promise<{ course: CourseRow; term: TermRow }> {
  if (!isUuid(courseId)) throw new UseCaseError('school.course.notFound');
  if (lock) await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${tenantId}:school_course:${courseId}`}, 0))`);
  const [course] = await tx.select().from(schoolCourses).where(and(eq(schoolCourses.tenantId, tenantId), eq(schoolCourses.id, courseId)));
  if (!course) throw new UseCaseError('school.course.notFound');
  return { course, term: await loadTerm(tx, tenantId, course.termId) };
}

/**
 * Who enrols whom: the resident for themselves ('self'), a family member for a parent (linked in the register, as
 * for meals: isFamilyOf), staff or a grid worker for someone they may read in the register ('staff').
 * Refuses: school.notFamily; resident.notFound; forbidden.
 */
export async function enrolmentParty(tx: Tx, caller: SchoolCaller, residentId: string) {
  const tenantId = schoolCommunity(caller);
  const party = await actingFor(tx, caller, tenantId, residentId, { notFamily: 'school.notFamily', assertStaff: (staff) => assertSchoolStaff(staff, 'create') });
  return { tenantId, ...party };
}

/**
 * Loads an enrolment the caller may act on: staff of the school (update), or the resident it is for, or their
 * family. `onBehalf` (withdrawing, answering an offer): also whoever may enrol the person (a grid worker for their
 * own grids: assertBooksFor). Refuses: school.enrolment.notFound (also for another community's or a stranger's).
 */
export async function loadEnrolment(tx: Tx, caller: SchoolCaller, enrolmentId: string, onBehalf = false): Promise<EnrolmentRow> {
  const tenantId = schoolCommunity(caller);
  if (!isUuid(enrolmentId)) throw new UseCaseError('school.enrolment.notFound');
  const [row] = await tx.select().from(schoolEnrolments).where(and(eq(schoolEnrolments.tenantId, tenantId), eq(schoolEnrolments.id, enrolmentId)));
  if (!row) throw new UseCaseError('school.enrolment.notFound');
  if (isResidentCaller(caller)) {
    const self = caller.resident.residentId;
    if (row.residentId !== self && !(await isFamilyOf(tx, tenantId, self, row.residentId))) throw new UseCaseError('school.enrolment.notFound');
  } else if (onBehalf) {
    await assertBooksFor(tx, caller.ability, tenantId, row.residentId, seniorSchool(tenantId), 'school.enrolment.notFound');
  } else {
    assertCan(caller.ability, 'update', seniorSchool(tenantId));
  }
  return row;
}

/**
 * An enrolment the caller may act on, locked for a change: its course's lock, then its subject key (the lock order
 * of decision 043), then read afresh. Returns the enrolment as it is now, with its course and term.
 */
export async function lockEnrolment(tx: Tx, caller: SchoolCaller, enrolmentId: string, onBehalf = false) {
  const tenantId = schoolCommunity(caller);
  const first = await loadEnrolment(tx, caller, enrolmentId, onBehalf);
  const { course, term } = await loadCourse(tx, tenantId, first.courseId, true);
  await lockEnrolmentSubject(tx, tenantId, first.id);
  return { tenantId, course, term, enrolment: await loadEnrolment(tx, caller, enrolmentId, onBehalf) };
}

/** Places held on a course (enrolled, and offered while the offer is open). */
export async function placesHeld(tx: Tx, tenantId: string, courseId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(schoolEnrolments)
    .where(and(eq(schoolEnrolments.tenantId, tenantId), eq(schoolEnrolments.courseId, courseId), inArray(schoolEnrolments.status, [...SCHOOL_HOLDS_PLACE])));
  return row?.n ?? 0;
}

/** The waiting list of a course in the order it moves: a drawn course by its lot, then in the order asked. */
export async function waitingList(tx: Tx, tenantId: string, courseId: string): Promise<EnrolmentRow[]> {
  return tx
    .select()
    .from(schoolEnrolments)
    .where(and(eq(schoolEnrolments.tenantId, tenantId), eq(schoolEnrolments.courseId, courseId), eq(schoolEnrolments.status, 'waiting')))
    .orderBy(sql`${schoolEnrolments.drawRank} asc nulls last`, asc(schoolEnrolments.queuedAt), asc(schoolEnrolments.id));
}

/** Whether the person studied a course of the same title in an earlier term (enrolled there, withdrawn or not). */
export async function isReturning(tx: Tx, tenantId: string, course: CourseRow, residentId: string): Promise<boolean> {
  const rows = await tx.execute<{ n: number }>(sql`select count(*)::int as n from school_enrolments e
    join school_courses c on c.tenant_id = e.tenant_id and c.id = e.course_id
    join school_terms t on t.tenant_id = c.tenant_id and t.id = c.term_id
    where e.tenant_id = ${tenantId} and e.resident_id = ${residentId} and c.title = ${course.title} and c.id <> ${course.id}
      and e.status in ('enrolled', 'withdrawn') and e.decided_at is not null`);
  return (rows[0]?.n ?? 0) > 0;
}

/** The subject an offered place's timer is about (decision 026), and its kind: accept within the term's hours. */
export const SCHOOL_ENROLMENT_SUBJECT = 'school_enrolment';
export const SCHOOL_ACCEPT_KIND = 'accept';
export const enrolmentRef = (tenantId: string, enrolmentId: string): SubjectRef => ({ tenantId, type: SCHOOL_ENROLMENT_SUBJECT, id: enrolmentId });

export async function lockEnrolmentSubject(tx: Tx, tenantId: string, enrolmentId: string) {
  await lockSubjectKeys(tx, { tenantId, type: SCHOOL_ENROLMENT_SUBJECT }, [enrolmentId], false);
}

/** Ends an offer's timer (accepted: met; declined, withdrawn: cancelled). */
export async function settleOffer(tx: Tx, tenantId: string, enrolmentId: string, outcome: 'met' | 'cancelled', now: Date) {
  await settleDeadlines(tx, enrolmentRef(tenantId, enrolmentId), [SCHOOL_ACCEPT_KIND], outcome, now);
}

/**
 * Gives free places of a course to its waiting list, in order: each next one is offered the place for the term's
 * `offer_hours` (24 by default), with a timer (subject school_enrolment, kind accept) whose breach lets the offer
 * lapse and offers the place to the next (offer-expiry.ts). The person is told by text message when the register
 * has their number, and so is a family member who asked for the place for them (school_place_offered_for). The
 * caller holds the course's lock. Returns the ids offered.
 */
export async function offerFreePlaces(tx: Tx, course: CourseRow, term: TermRow, now: Date): Promise<string[]> {
  const tenantId = course.tenantId;
  if (course.rule !== 'first_come' && !course.allocatedAt) return [];
  let free = course.capacity - (await placesHeld(tx, tenantId, course.id));
  if (free <= 0) return [];
  const offered: string[] = [];
  for (const next of await waitingList(tx, tenantId, course.id)) {
    if (free <= 0) break;
    const expiresAt = new Date(now.getTime() + term.offerHours * 3600_000);
    await lockEnrolmentSubject(tx, tenantId, next.id);
    await tx
      .update(schoolEnrolments)
      .set({ status: 'offered', offeredAt: now, offerExpiresAt: expiresAt, updatedAt: now })
      .where(and(eq(schoolEnrolments.tenantId, tenantId), eq(schoolEnrolments.id, next.id)));
    await startSubjectDeadline(tx, {
      subject: enrolmentRef(tenantId, next.id),
      kind: SCHOOL_ACCEPT_KIND,
      holderOrgUnitId: tenantId,
      now,
      allowedMs: expiresAt.getTime() - now.getTime(),
      plan: { dueAt: expiresAt, remindAt: [], provisional: false },
    });
    // The person, and whoever asked for the place for them on 我的 (a family member), each once (tellPersonAndBooker).
    await tellPersonAndBooker(tx, { tenantId, residentId: next.residentId, bookedByResidentId: next.bookedByResidentId, kind: 'school_place_offered', forKind: 'school_place_offered_for', data: { course: course.title, hours: term.offerHours } });
    offered.push(next.id);
    free -= 1;
  }
  return offered;
}

/** Counts of a course's enrolments by status: enrolled, offered, waiting, applied. */
export async function courseCounts(tx: Tx, tenantId: string) {
  const rows = await tx.execute<{ course_id: string; status: string; n: number }>(
    sql`select course_id, status, count(*)::int as n from school_enrolments where tenant_id = ${tenantId} and status in ('enrolled', 'offered', 'waiting', 'applied') group by course_id, status`,
  );
  const counts = new Map<string, { enrolled: number; offered: number; waiting: number; applied: number }>();
  for (const r of rows) {
    const c = counts.get(r.course_id) ?? { enrolled: 0, offered: 0, waiting: 0, applied: 0 };
    c[r.status as 'enrolled'] = r.n;
    counts.set(r.course_id, c);
  }
  return (courseId: string) => counts.get(courseId) ?? { enrolled: 0, offered: 0, waiting: 0, applied: 0 };
}

/** Which of these people are enrolled on the course (attendance is marked only for them). */
export async function enrolledOn(tx: Tx, tenantId: string, courseId: string, residentIds: string[]): Promise<Set<string>> {
  if (!residentIds.length) return new Set();
  const rows = await tx
    .select({ residentId: schoolEnrolments.residentId })
    .from(schoolEnrolments)
    .where(and(eq(schoolEnrolments.tenantId, tenantId), eq(schoolEnrolments.courseId, courseId), eq(schoolEnrolments.status, 'enrolled'), inArray(schoolEnrolments.residentId, residentIds)));
  return new Set(rows.map((r) => r.residentId));
}

/**
 * Checks `day` (YYYY-MM-DD, China time) is a day the course meets: its weekday (1 = Monday … 7), within its term,
 * and that its class has begun at `now` (attendanceOpensAt: from 30 minutes before it starts). Attendance on any other
 * day, or before the class, would record classes that never took place (and credit a teacher for them).
 * Refuses: school.day.notClass; school.day.notYet (with `day` and `opensAt`, HH:MM), both beside the day.
 */
export function assertClassDay(course: CourseRow, term: TermRow, day: string, now: Date) {
  if (!isClassDay(course.weekday, term.startsOn, term.endsOn, day)) throw new UseCaseError('school.day.notClass', { field: 'day' });
  const opens = attendanceOpensAt(day, course.startsAt);
  if (now < opens) throw new UseCaseError('school.day.notYet', { field: 'day', day, opensAt: chinaDateTime(opens).slice(11, 16) });
}
