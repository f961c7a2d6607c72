import { z, wholeNumber, calendarDay, localDateTime, yuanCents } from '../zod.ts';
import { SCHOOL_RULES } from '@shequ/domain';

// The senior school's input schemas (decision 043), shared by the pages (Conform) and the use cases. They shape
// what a form sends; the rules (capacity, waiting list, offers, who may enrol whom) are the use cases'.

const day = calendarDay;
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
/** Yuan as typed (120, 120.5) → fen; empty is free. */
/** A course's fee in yuan; empty is free. */
const feeCents = z.preprocess((v) => (v === '' || v === undefined || v === null ? '0' : v), yuanCents);
const optionalUuid = z.preprocess((v) => (v === '' ? null : v), z.string().uuid().nullable().optional());

/** createSchoolTerm: a term's name, dates and the hours an offered place stays open (24 by default). */
export const createSchoolTermSchema = z.object({
  name: z.string().trim().min(1).max(40),
  startsOn: day,
  endsOn: day,
  offerHours: z.preprocess((v) => (v === '' || v === undefined ? 24 : v), wholeNumber(1, 168)),
});

/** createSchoolCourse: a course of a term (teacher from the register, weekly time, room, places, fee in yuan, rule). */
export const createSchoolCourseSchema = z.object({
  termId: z.string().uuid(),
  title: z.string().trim().min(1).max(40),
  teacherResidentId: optionalUuid,
  weekday: wholeNumber(1, 7),
  startsAt: clock,
  endsAt: clock,
  room: z.string().trim().min(1).max(30),
  capacity: wholeNumber(1, 500),
  fee: feeCents,
  rule: z.enum(SCHOOL_RULES),
  /** The volunteer team under which a volunteer teacher's classes count as service (optional). */
  volunteerTeamId: optionalUuid,
});

/** enrolInCourse: who studies which course. */
export const enrolInCourseSchema = z.object({ courseId: z.string().uuid(), residentId: z.string().uuid() });

/** allocateCourse: places of a returning-first or draw course given out once. */
export const allocateCourseSchema = z.object({ courseId: z.string().uuid() });

/** withdrawEnrolment / acceptSchoolPlace / declineSchoolPlace: one enrolment. */
export const schoolEnrolmentSchema = z.object({ enrolmentId: z.string().uuid() });

/** markAttendanceFromList: the people present at a course on a day (ticked on the list). */
export const markAttendanceFromListSchema = z.object({
  courseId: z.string().uuid(),
  day,
  residentIds: z.preprocess((v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().uuid()).max(500)),
});

/** markAttendanceByCard: the station card scanned at the classroom door. */
export const markAttendanceByCardSchema = z.object({ courseId: z.string().uuid(), day, code: z.string().trim().min(1).max(120) });

/** publishShowcase: the end-of-term showcase, published as an activity of a volunteer team. */
export const publishShowcaseSchema = z.object({
  termId: z.string().uuid(),
  teamId: z.string().uuid(),
  title: z.string().trim().min(1).max(60),
  place: z.string().trim().min(1).max(100),
  // datetime-local fields, checked on the calendar (decision 058); the shift's bounds are createActivity's.
  startsAt: localDateTime,
  endsAt: localDateTime,
  capacity: wholeNumber(1, 500),
});

// The pages' forms, by intent.

/** The school page: a term, a course, a term's end-of-term showcase. */
export const schoolFormSchema = z.discriminatedUnion('intent', [
  createSchoolTermSchema.extend({ intent: z.literal('term') }),
  createSchoolCourseSchema.extend({ intent: z.literal('course') }),
  publishShowcaseSchema.extend({ intent: z.literal('showcase') }),
]);

/** A course's page: enrol someone, allocate, withdraw, offer answers on someone's behalf, attendance. */
export const schoolCourseFormSchema = z.discriminatedUnion('intent', [
  enrolInCourseSchema.extend({ intent: z.literal('enrol') }),
  allocateCourseSchema.extend({ intent: z.literal('allocate') }),
  schoolEnrolmentSchema.extend({ intent: z.literal('withdraw') }),
  schoolEnrolmentSchema.extend({ intent: z.literal('accept') }),
  schoolEnrolmentSchema.extend({ intent: z.literal('decline') }),
  markAttendanceFromListSchema.extend({ intent: z.literal('attendance') }),
  markAttendanceByCardSchema.extend({ intent: z.literal('scan') }),
]);

/** The resident's school page on 我的: apply, accept or decline an offered place, withdraw. */
export const mySchoolFormSchema = z.discriminatedUnion('intent', [
  enrolInCourseSchema.extend({ intent: z.literal('enrol') }),
  schoolEnrolmentSchema.extend({ intent: z.literal('accept') }),
  schoolEnrolmentSchema.extend({ intent: z.literal('decline') }),
  schoolEnrolmentSchema.extend({ intent: z.literal('withdraw') }),
]);
