// The senior school's pure rules (issue 19, decision 043): how a course gives its places and in which order the
// waiting list moves. No amounts or hours here: capacities, fees and the hours to accept an offer are configuration.

/** How a course gives its places, chosen per course. */
export const SCHOOL_RULES = ['first_come', 'returning_first', 'draw'] as const;
export type SchoolRule = (typeof SCHOOL_RULES)[number];

export const SCHOOL_ENROLMENT_STATUSES = ['applied', 'enrolled', 'waiting', 'offered', 'declined', 'lapsed', 'withdrawn'] as const;
export type SchoolEnrolmentStatus = (typeof SCHOOL_ENROLMENT_STATUSES)[number];
/** Statuses that hold a place (the course's capacity counts them). */
export const SCHOOL_HOLDS_PLACE = ['enrolled', 'offered'] as const satisfies readonly SchoolEnrolmentStatus[];
/** Statuses of a live enrolment (at most one per person and course). */
export const SCHOOL_LIVE = ['applied', 'enrolled', 'waiting', 'offered'] as const satisfies readonly SchoolEnrolmentStatus[];

export type Applicant = { id: string; returning: boolean; queuedAt: Date };

/**
 * The order in which a course's applications get its places when it is allocated:
 * - 'first_come': in the order asked;
 * - 'returning_first': those who studied the course (same title) in an earlier term first, each group in the order asked;
 * - 'draw': by lot (`random` in [0, 1), a fair shuffle), the order asked breaking nothing.
 * The first `capacity` are enrolled, the rest wait in this order.
 */
export function allocationOrder<T extends Applicant>(rule: SchoolRule, applicants: readonly T[], random: () => number = Math.random): T[] {
  const byTime = [...applicants].sort((a, b) => a.queuedAt.getTime() - b.queuedAt.getTime() || (a.id < b.id ? -1 : 1));
  if (rule === 'first_come') return byTime;
  if (rule === 'returning_first') return [...byTime.filter((a) => a.returning), ...byTime.filter((a) => !a.returning)];
  const shuffled = [...byTime];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  return shuffled;
}

/** Whether a course's applications wait for allocation (returning-first and draw courses until allocated). */
export function waitsForAllocation(rule: SchoolRule, allocated: boolean): boolean {
  return rule !== 'first_come' && !allocated;
}

/** The weekday of a day (YYYY-MM-DD) as the school counts it: 1 Monday … 7 Sunday. */
function weekdayOf(day: string): number {
  return ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}
const shift = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Whether a course meeting on `weekday` (1–7) in a term from `startsOn` to `endsOn` meets on `day`. */
export function isClassDay(weekday: number, startsOn: string, endsOn: string, day: string): boolean {
  return weekdayOf(day) === weekday && day >= startsOn && day <= endsOn;
}

/**
 * How long before a class starts its attendance may be taken: people arrive early and are scanned at the classroom
 * door. Earlier than this (a class day still to come, or the morning before an afternoon class), no class has taken
 * place to mark (issue 19: attendance could be marked for next week).
 */
export const ATTENDANCE_OPENS_MINUTES_BEFORE = 30;

/**
 * The instant attendance of a class on `day` (YYYY-MM-DD, China) that starts at `startsAt` (HH:MM, China) may first
 * be taken: ATTENDANCE_OPENS_MINUTES_BEFORE minutes before it starts.
 */
export function attendanceOpensAt(day: string, startsAt: string): Date {
  return new Date(Date.parse(`${day}T${startsAt}:00+08:00`) - ATTENDANCE_OPENS_MINUTES_BEFORE * 60_000);
}

/**
 * The class day a course's page opens on for attendance: the latest one on or before `today` within the term (a
 * class is marked on its day or after it), or the term's first one when the term has not begun. The page used to
 * open on today, rarely the course's weekday, and offered a list the server then refused (school.day.notClass).
 */
export function recentClassDay(weekday: number, startsOn: string, endsOn: string, today: string): string {
  const firstOnOrAfter = (day: string) => shift(day, (weekday - weekdayOf(day) + 7) % 7);
  const first = firstOnOrAfter(startsOn);
  if (today < first) return first;
  const upTo = today > endsOn ? endsOn : today;
  const back = (weekdayOf(upTo) - weekday + 7) % 7;
  const day = shift(upTo, -back);
  return day < first ? first : day;
}
