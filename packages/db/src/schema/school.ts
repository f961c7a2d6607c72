import { sql } from 'drizzle-orm';
import { boolean, check, date, foreignKey, index, integer, pgTable, primaryKey, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId, tenantIsolation, updatedAt } from './columns.ts';
import { users } from './identity.ts';
import { orgUnits } from './org.ts';
import { residents } from './residents.ts';
import { volunteerTeams } from './volunteers.ts';

// The senior school (老年学校, issue 19, decision 043). Tenant-owned: tenant_id leads every key, forced RLS. Fees are
// fen; capacities, the rule of each course and the hours to accept an offered place are the community's settings.

/** A term: its dates and how long a place offered from the waiting list stays open (`offer_hours`, 24 by default). */
export const schoolTerms = pgTable(
  'school_terms',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    name: varchar('name', { length: 40 }).notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    offerHours: integer('offer_hours').notNull().default(24),
    /** The end-of-term showcase, published as a volunteer activity (decision 036's activities). */
    showcaseActivityId: uuid('showcase_activity_id'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('school_terms_name_key').on(t.tenantId, t.name),
    check('school_terms_dates', sql`${t.endsOn} >= ${t.startsOn}`),
    check('school_terms_offer_hours', sql`${t.offerHours} between 1 and 168`),
    tenantIsolation('school_terms'),
  ],
).enableRLS();

/**
 * A course of a term: teacher (a person of the register, often a volunteer), weekly schedule (weekday 1–7, China
 * time), room, capacity, fee (fen, 0 = free) and its enrolment rule: 'first_come' (places in the order asked),
 * 'returning_first' or 'draw' (applications collected, then allocated once: returning students first in order asked,
 * or by lot). `allocated_at`: when the places were allocated (later applications queue as first come).
 */
export const schoolCourses = pgTable(
  'school_courses',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    termId: uuid('term_id').notNull(),
    title: varchar('title', { length: 40 }).notNull(),
    teacherResidentId: uuid('teacher_resident_id'),
    weekday: integer('weekday').notNull(),
    startsAt: varchar('starts_at', { length: 5 }).notNull(),
    endsAt: varchar('ends_at', { length: 5 }).notNull(),
    room: varchar('room', { length: 30 }).notNull(),
    capacity: integer('capacity').notNull(),
    feeCents: integer('fee_cents').notNull().default(0),
    rule: varchar('rule', { length: 16 }).notNull(),
    allocatedAt: timestamp('allocated_at', { withTimezone: true }),
    /**
     * The volunteer team under which the teacher's hours are recorded (issue 19: a volunteer teacher's teaching
     * counts as service). Null: the teacher is not credited (not a volunteer, or paid).
     */
    volunteerTeamId: uuid('volunteer_team_id'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('school_courses_term_title_key').on(t.tenantId, t.termId, t.title),
    foreignKey({ name: 'school_courses_term_fk', columns: [t.tenantId, t.termId], foreignColumns: [schoolTerms.tenantId, schoolTerms.id] }),
    foreignKey({ name: 'school_courses_teacher_fk', columns: [t.tenantId, t.teacherResidentId], foreignColumns: [residents.tenantId, residents.id] }),
    foreignKey({ name: 'school_courses_team_fk', columns: [t.tenantId, t.volunteerTeamId], foreignColumns: [volunteerTeams.tenantId, volunteerTeams.id] }),
    check('school_courses_team_teacher', sql`${t.volunteerTeamId} is null or ${t.teacherResidentId} is not null`),
    check('school_courses_rule', sql`${t.rule} in ('first_come', 'returning_first', 'draw')`),
    check('school_courses_weekday', sql`${t.weekday} between 1 and 7`),
    check('school_courses_amounts', sql`${t.capacity} >= 0 and ${t.feeCents} >= 0`),
    tenantIsolation('school_courses'),
  ],
).enableRLS();

/**
 * A person's place on a course: 'applied' (before a returning-first or draw course is allocated), 'enrolled',
 * 'waiting' (in `queued_at` order, or `draw_rank` for a drawn course), 'offered' (a freed place, open until
 * `offer_expires_at`), 'declined', 'lapsed' (the offer ran out), 'withdrawn'. `returning`: studied this course
 * (same title) in an earlier term. `booked_by`: self, family or staff.
 */
export const schoolEnrolments = pgTable(
  'school_enrolments',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    courseId: uuid('course_id').notNull(),
    residentId: uuid('resident_id').notNull(),
    status: varchar('status', { length: 10 }).notNull(),
    returning: boolean('returning').notNull().default(false),
    drawRank: integer('draw_rank'),
    queuedAt: timestamp('queued_at', { withTimezone: true }).notNull(),
    offeredAt: timestamp('offered_at', { withTimezone: true }),
    offerExpiresAt: timestamp('offer_expires_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    bookedBy: varchar('booked_by', { length: 8 }).notNull(),
    bookedByUserId: uuid('booked_by_user_id').references(() => users.id),
    /** The resident who asked on 我的 (themselves, or a family member for a parent): told of an offered place too. */
    bookedByResidentId: uuid('booked_by_resident_id'),
    /**
     * Who withdrew it: 'self' the person, 'family' a family member on 我的 (`withdrawnByResidentId`), 'staff' the
     * school's staff or a grid worker — what 我的 says of an enrolment that went.
     */
    withdrawnBy: varchar('withdrawn_by', { length: 8 }),
    withdrawnByResidentId: uuid('withdrawn_by_resident_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('school_enrolments_person_key').on(t.tenantId, t.courseId, t.residentId).where(sql`${t.status} in ('applied', 'enrolled', 'waiting', 'offered')`),
    index('school_enrolments_course_idx').on(t.tenantId, t.courseId, t.status, t.queuedAt),
    index('school_enrolments_resident_idx').on(t.tenantId, t.residentId),
    foreignKey({ name: 'school_enrolments_course_fk', columns: [t.tenantId, t.courseId], foreignColumns: [schoolCourses.tenantId, schoolCourses.id] }),
    foreignKey({ name: 'school_enrolments_resident_fk', columns: [t.tenantId, t.residentId], foreignColumns: [residents.tenantId, residents.id] }),
    foreignKey({ name: 'school_enrolments_booker_fk', columns: [t.tenantId, t.bookedByResidentId], foreignColumns: [residents.tenantId, residents.id] }),
    foreignKey({ name: 'school_enrolments_withdrawer_fk', columns: [t.tenantId, t.withdrawnByResidentId], foreignColumns: [residents.tenantId, residents.id] }),
    check('school_enrolments_status', sql`${t.status} in ('applied', 'enrolled', 'waiting', 'offered', 'declined', 'lapsed', 'withdrawn')`),
    check('school_enrolments_offer', sql`(${t.status} = 'offered') <= (${t.offerExpiresAt} is not null)`),
    check('school_enrolments_booked_by', sql`${t.bookedBy} in ('self', 'family', 'staff')`),
    check('school_enrolments_withdrawn_by', sql`${t.withdrawnBy} is null or ${t.withdrawnBy} in ('self', 'family', 'staff')`),
    tenantIsolation('school_enrolments'),
  ],
).enableRLS();

/** Attendance of an enrolled person at a course on a day: by scanning their station card ('qr') or from the list. */
export const schoolAttendance = pgTable(
  'school_attendance',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    courseId: uuid('course_id').notNull(),
    residentId: uuid('resident_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    method: varchar('method', { length: 6 }).notNull(),
    markedAt: timestamp('marked_at', { withTimezone: true }).notNull(),
    markedBy: uuid('marked_by').references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('school_attendance_person_day_key').on(t.tenantId, t.courseId, t.residentId, t.day),
    foreignKey({ name: 'school_attendance_course_fk', columns: [t.tenantId, t.courseId], foreignColumns: [schoolCourses.tenantId, schoolCourses.id] }),
    foreignKey({ name: 'school_attendance_resident_fk', columns: [t.tenantId, t.residentId], foreignColumns: [residents.tenantId, residents.id] }),
    check('school_attendance_method', sql`${t.method} in ('qr', 'list')`),
    tenantIsolation('school_attendance'),
  ],
).enableRLS();
