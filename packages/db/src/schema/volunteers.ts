import { sql } from 'drizzle-orm';
import { boolean, check, date, foreignKey, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { ACTIVITY_STATUSES, ATTENDANCE_METHODS, EVIDENCE_LEVELS, SIGNUP_STATUSES, TEAM_MEMBER_STATUSES } from '@shequ/domain';
import { cases } from './cases.ts';
import { partnerUnits } from './cogovernance.ts';
import { createdAt, id, tenantId, tenantIsolation } from './columns.ts';
import { users } from './identity.ts';
import { orgUnits } from './org.ts';
import { residents } from './residents.ts';

// Volunteer service (issue 17, decision 036): teams, volunteers (people of the register), activities with shifts,
// sign-ups, and the append-only hour ledger. Tenant-owned: tenant_id leads every key, forced RLS.

export const teamMemberStatus = pgEnum('volunteer_member_status', TEAM_MEMBER_STATUSES);
export const activityStatus = pgEnum('volunteer_activity_status', ACTIVITY_STATUSES);
export const signupStatus = pgEnum('volunteer_signup_status', SIGNUP_STATUSES);
export const attendanceMethod = pgEnum('volunteer_attendance_method', ATTENDANCE_METHODS);
export const evidenceLevel = pgEnum('volunteer_evidence_level', EVIDENCE_LEVELS);

const person = (name: string) => uuid(name);

/** A community's own rules for volunteer hours (thresholds vary by place: configuration, not constants). */
export const volunteerSettings = pgTable(
  'volunteer_settings',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    /** Counted time is rounded to this many minutes … */
    roundingMinutes: integer('rounding_minutes').notNull().default(30),
    /** … down, to the nearest, or up. */
    roundingMode: varchar('rounding_mode', { length: 8 }).notNull().default('down'),
    /** Minutes after a shift's end before a forgotten check-out is made for the volunteer (flagged). */
    graceMinutes: integer('grace_minutes').notNull().default(30),
    /** Minutes before a shift's start from which its QR code is accepted. */
    earlyMinutes: integer('early_minutes').notNull().default(30),
    /** Hours entered afterwards above this many minutes need a second approver (staff). */
    secondApprovalMinutes: integer('second_approval_minutes').notNull().default(240),
    /** Sign-ups can be cancelled up to this many hours before the shift. */
    cancelCutoffHours: integer('cancel_cutoff_hours').notNull().default(2),
    /** Hours for one to five stars. */
    starHours: integer('star_hours').array().notNull().default(sql`'{100,300,600,1000,1500}'::integer[]`),
    /** Hours before a shift when its confirmed volunteers are asked to confirm they will come (0: no confirmation step). */
    confirmAskHours: integer('confirm_ask_hours').notNull().default(24),
    /** Hours before a shift when places still unconfirmed go to the waiting list. */
    confirmCloseHours: integer('confirm_close_hours').notNull().default(3),
    /** Minutes before a shift when its volunteers are reminded by text message (0: no reminder). */
    reminderMinutes: integer('reminder_minutes').notNull().default(120),
    /** The person in charge (负责人) and the contact (联系方式) printed on service certificates (民发〔2015〕149号). */
    certificatePersonInCharge: varchar('certificate_person_in_charge', { length: 20 }),
    certificateContact: varchar('certificate_contact', { length: 40 }),
    /** The community's seal image (PNG, uploaded by an admin) printed on certificates; null: the issuer's name only. */
    sealImageKey: varchar('seal_image_key', { length: 200 }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId] }),
    check('volunteer_settings_rounding_mode', sql`${t.roundingMode} in ('down', 'nearest', 'up')`),
    check('volunteer_settings_positive', sql`${t.roundingMinutes} between 1 and 120 and ${t.graceMinutes} between 0 and 720 and ${t.earlyMinutes} between 0 and 240`),
    check('volunteer_settings_confirm', sql`${t.confirmAskHours} between 0 and 168 and ${t.confirmCloseHours} between 0 and 72 and (${t.confirmAskHours} = 0 or ${t.confirmCloseHours} < ${t.confirmAskHours}) and ${t.reminderMinutes} between 0 and 1440`),
    tenantIsolation('volunteer_settings'),
  ],
).enableRLS();

/** A volunteer service team: led by a person of the register (a party member once the party organisation exists). */
export const volunteerTeams = pgTable(
  'volunteer_teams',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    name: varchar('name', { length: 30 }).notNull(),
    focus: varchar('focus', { length: 200 }),
    leaderResidentId: person('leader_resident_id').notNull(),
    deputyResidentId: person('deputy_resident_id'),
    /** The staff account (role volunteer_leader) that runs the team in the console, if any. */
    leaderUserId: uuid('leader_user_id').references(() => users.id),
    recruiting: boolean('recruiting').notNull().default(true),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('volunteer_teams_name_key').on(t.tenantId, t.name),
    index('volunteer_teams_leader_user_idx').on(t.tenantId, t.leaderUserId),
    foreignKey({ name: 'volunteer_teams_leader_fk', columns: [t.tenantId, t.leaderResidentId], foreignColumns: [residents.tenantId, residents.id] }),
    foreignKey({ name: 'volunteer_teams_deputy_fk', columns: [t.tenantId, t.deputyResidentId], foreignColumns: [residents.tenantId, residents.id] }),
    tenantIsolation('volunteer_teams'),
  ],
).enableRLS();

/**
 * A person of the register as a volunteer: skills, availability, consent (and a guardian's for 14–17).
 * 《志愿服务条例》 art. 19: records of basic information, service, training, awards and evaluation.
 */
export const volunteers = pgTable(
  'volunteers',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    residentId: person('resident_id').notNull(),
    skills: text('skills').array().notNull().default(sql`'{}'::text[]`),
    availability: varchar('availability', { length: 200 }),
    consentOn: date('consent_on', { mode: 'string' }).notNull(),
    /** For a volunteer under 18: the guardian who agreed (a person of the register when known), relation and date. */
    guardianResidentId: person('guardian_resident_id'),
    guardianName: varchar('guardian_name', { length: 20 }),
    guardianRelation: varchar('guardian_relation', { length: 10 }),
    guardianConsentOn: date('guardian_consent_on', { mode: 'string' }),
    /** Whether the volunteer agreed to be shown on the honour wall. */
    showOnWall: boolean('show_on_wall').notNull().default(false),
    active: boolean('active').notNull().default(true),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.residentId] }),
    foreignKey({ name: 'volunteers_resident_fk', columns: [t.tenantId, t.residentId], foreignColumns: [residents.tenantId, residents.id] }),
    foreignKey({ name: 'volunteers_guardian_fk', columns: [t.tenantId, t.guardianResidentId], foreignColumns: [residents.tenantId, residents.id] }),
    tenantIsolation('volunteers'),
  ],
).enableRLS();

/** A volunteer's training (《志愿服务条例》 art. 16: training for specialised tasks), with its expiry. */
export const volunteerTrainings = pgTable(
  'volunteer_trainings',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    residentId: person('resident_id').notNull(),
    name: varchar('name', { length: 30 }).notNull(),
    completedOn: date('completed_on', { mode: 'string' }).notNull(),
    expiresOn: date('expires_on', { mode: 'string' }),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('volunteer_trainings_person_idx').on(t.tenantId, t.residentId),
    foreignKey({ name: 'volunteer_trainings_volunteer_fk', columns: [t.tenantId, t.residentId], foreignColumns: [volunteers.tenantId, volunteers.residentId] }),
    tenantIsolation('volunteer_trainings'),
  ],
).enableRLS();

/** Membership of a team: applied → member (accepted) or declined; left. */
export const volunteerTeamMembers = pgTable(
  'volunteer_team_members',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    teamId: uuid('team_id').notNull(),
    residentId: person('resident_id').notNull(),
    status: teamMemberStatus('status').notNull(),
    appliedAt: createdAt(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.teamId, t.residentId] }),
    index('volunteer_team_members_person_idx').on(t.tenantId, t.residentId),
    foreignKey({ name: 'volunteer_team_members_team_fk', columns: [t.tenantId, t.teamId], foreignColumns: [volunteerTeams.tenantId, volunteerTeams.id] }),
    foreignKey({ name: 'volunteer_team_members_volunteer_fk', columns: [t.tenantId, t.residentId], foreignColumns: [volunteers.tenantId, volunteers.residentId] }),
    tenantIsolation('volunteer_team_members'),
  ],
).enableRLS();

/**
 * An activity of a team. A risky one (may be physically dangerous) is published only with an insurance record:
 * 《志愿服务条例》 art. 17 (accident insurance bought before such activities).
 */
export const volunteerActivities = pgTable(
  'volunteer_activities',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    teamId: uuid('team_id').notNull(),
    title: varchar('title', { length: 60 }).notNull(),
    description: text('description'),
    place: varchar('place', { length: 100 }).notNull(),
    /** Who it serves, in words (一老一小, 全体居民 …). */
    audience: varchar('audience', { length: 30 }),
    minAge: integer('min_age'),
    requiredSkills: text('required_skills').array().notNull().default(sql`'{}'::text[]`),
    requiredTrainings: text('required_trainings').array().notNull().default(sql`'{}'::text[]`),
    risky: boolean('risky').notNull().default(false),
    /** The accident insurance bought for it: insurer and policy number (required to publish a risky activity). */
    insuranceRecord: varchar('insurance_record', { length: 200 }),
    status: activityStatus('status').notNull().default('draft'),
    /** The wish (微心愿) it was created from; closing the activity resolves it. */
    wishCaseId: uuid('wish_case_id'),
    report: text('report'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('volunteer_activities_team_idx').on(t.tenantId, t.teamId, t.status),
    foreignKey({ name: 'volunteer_activities_team_fk', columns: [t.tenantId, t.teamId], foreignColumns: [volunteerTeams.tenantId, volunteerTeams.id] }),
    foreignKey({ name: 'volunteer_activities_wish_fk', columns: [t.tenantId, t.wishCaseId], foreignColumns: [cases.tenantId, cases.id] }),
    check('volunteer_activities_min_age', sql`${t.minAge} is null or ${t.minAge} between 0 and 120`),
    check('volunteer_activities_risky_insured', sql`not (${t.risky} and ${t.status} = 'published' and ${t.insuranceRecord} is null)`),
    tenantIsolation('volunteer_activities'),
  ],
).enableRLS();

/** A shift of an activity: its time, places (capacity, of which `reserved` are held back for walk-ups and the leader), and its QR secret. */
export const volunteerShifts = pgTable(
  'volunteer_shifts',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    activityId: uuid('activity_id').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    capacity: integer('capacity').notNull(),
    reserved: integer('reserved').notNull().default(0),
    /** The key of the shift's rotating QR code (HMAC of shift id and 30-second step); never leaves the server. */
    qrSecret: varchar('qr_secret', { length: 64 }).notNull(),
    /** When the shift was approved by its leader (all its pending hours at once). */
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('volunteer_shifts_activity_idx').on(t.tenantId, t.activityId, t.startsAt),
    foreignKey({ name: 'volunteer_shifts_activity_fk', columns: [t.tenantId, t.activityId], foreignColumns: [volunteerActivities.tenantId, volunteerActivities.id] }),
    check('volunteer_shifts_time', sql`${t.endsAt} > ${t.startsAt}`),
    check('volunteer_shifts_places', sql`${t.capacity} between 1 and 10000 and ${t.reserved} between 0 and ${t.capacity}`),
    tenantIsolation('volunteer_shifts'),
  ],
).enableRLS();

/**
 * A person's place on a shift: confirmed or waiting (in `queuedAt` order), or cancelled; with their check-in and
 * check-out and how each was made. One live sign-up per person and shift.
 */
export const volunteerSignups = pgTable(
  'volunteer_signups',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    shiftId: uuid('shift_id').notNull(),
    residentId: person('resident_id').notNull(),
    status: signupStatus('status').notNull(),
    /** Order on the waiting list (time of sign-up; the id breaks ties). */
    queuedAt: timestamp('queued_at', { withTimezone: true }).notNull(),
    /** Took one of the reserved places (a walk-up, or placed by the leader). */
    usesReserved: boolean('uses_reserved').notNull().default(false),
    promotedAt: timestamp('promoted_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    checkInMethod: attendanceMethod('check_in_method'),
    checkedOutAt: timestamp('checked_out_at', { withTimezone: true }),
    checkOutMethod: attendanceMethod('check_out_method'),
    /** When the volunteer was asked to confirm they will come (the day before: the shift's `confirm` timer). */
    confirmAskedAt: timestamp('confirm_asked_at', { withTimezone: true }),
    /** When they confirmed (on 我的); a place asked and not confirmed by the close goes to the waiting list. */
    attendanceConfirmedAt: timestamp('attendance_confirmed_at', { withTimezone: true }),
    /** Why a cancelled place was given up: null (the volunteer or the leader), or 'unconfirmed' (released at the close). */
    cancelReason: varchar('cancel_reason', { length: 20 }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('volunteer_signups_live_key').on(t.tenantId, t.shiftId, t.residentId).where(sql`${t.status} <> 'cancelled'`),
    index('volunteer_signups_shift_idx').on(t.tenantId, t.shiftId, t.status, t.queuedAt),
    index('volunteer_signups_person_idx').on(t.tenantId, t.residentId),
    foreignKey({ name: 'volunteer_signups_shift_fk', columns: [t.tenantId, t.shiftId], foreignColumns: [volunteerShifts.tenantId, volunteerShifts.id] }),
    foreignKey({ name: 'volunteer_signups_volunteer_fk', columns: [t.tenantId, t.residentId], foreignColumns: [volunteers.tenantId, volunteers.residentId] }),
    check('volunteer_signups_out_after_in', sql`${t.checkedOutAt} is null or (${t.checkedInAt} is not null and ${t.checkedOutAt} >= ${t.checkedInAt})`),
    tenantIsolation('volunteer_signups'),
  ],
).enableRLS();

/**
 * The hour ledger: append-only (the runtime role may not update or delete it). An entry is a number of minutes
 * served by a person, with its evidence; a correction is a reversal entry (`reversesId`, negative minutes, a
 * reason). Approvals are rows of `volunteer_hour_approvals`. 《志愿服务记录与证明出具办法（试行）》: "谁组织谁记录、
 * 谁记录谁证明"; records true, accurate, complete, timely.
 */
export const volunteerHours = pgTable(
  'volunteer_hours',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    residentId: person('resident_id').notNull(),
    teamId: uuid('team_id').notNull(),
    activityId: uuid('activity_id'),
    shiftId: uuid('shift_id'),
    signupId: uuid('signup_id'),
    /** Minutes counted (negative for a reversal). */
    minutes: integer('minutes').notNull(),
    servedFrom: timestamp('served_from', { withTimezone: true }),
    servedTo: timestamp('served_to', { withTimezone: true }),
    evidence: evidenceLevel('evidence').notNull(),
    /** Checked out by the worker (forgotten check-out): shown to the approver. */
    autoCheckout: boolean('auto_checkout').notNull().default(false),
    /** Needs a second approver (staff): entered afterwards above the community's threshold. */
    needsSecondApproval: boolean('needs_second_approval').notNull().default(false),
    content: varchar('content', { length: 200 }),
    reversesId: uuid('reverses_id'),
    reason: varchar('reason', { length: 200 }),
    /**
     * Teaching at the senior school (issue 19): the course whose class this entry records (one entry per class,
     * `served_from` being its start). No foreign key: school.ts builds on this file; the school's use case writes it.
     */
    schoolCourseId: uuid('school_course_id'),
    /** Service on a claimed wish of the wish wall (issue 17): the claim the hours were spent on. */
    wishClaimId: uuid('wish_claim_id'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('volunteer_hours_school_class_key').on(t.tenantId, t.schoolCourseId, t.servedFrom).where(sql`${t.schoolCourseId} is not null and ${t.reversesId} is null`),
    index('volunteer_hours_person_idx').on(t.tenantId, t.residentId, t.createdAt),
    index('volunteer_hours_shift_idx').on(t.tenantId, t.shiftId),
    // One record per sign-up (a correction reverses it and adds one without a sign-up), one reversal per entry.
    uniqueIndex('volunteer_hours_signup_key').on(t.tenantId, t.signupId).where(sql`${t.signupId} is not null and ${t.reversesId} is null`),
    uniqueIndex('volunteer_hours_reverses_key').on(t.tenantId, t.reversesId).where(sql`${t.reversesId} is not null`),
    foreignKey({ name: 'volunteer_hours_volunteer_fk', columns: [t.tenantId, t.residentId], foreignColumns: [volunteers.tenantId, volunteers.residentId] }),
    foreignKey({ name: 'volunteer_hours_team_fk', columns: [t.tenantId, t.teamId], foreignColumns: [volunteerTeams.tenantId, volunteerTeams.id] }),
    foreignKey({ name: 'volunteer_hours_shift_fk', columns: [t.tenantId, t.shiftId], foreignColumns: [volunteerShifts.tenantId, volunteerShifts.id] }),
    foreignKey({ name: 'volunteer_hours_signup_fk', columns: [t.tenantId, t.signupId], foreignColumns: [volunteerSignups.tenantId, volunteerSignups.id] }),
    foreignKey({ name: 'volunteer_hours_reverses_fk', columns: [t.tenantId, t.reversesId], foreignColumns: [t.tenantId, t.id] }),
    check('volunteer_hours_reversal_reason', sql`${t.reversesId} is null or (${t.reason} is not null and ${t.minutes} <= 0)`),
    check('volunteer_hours_entry_positive', sql`${t.reversesId} is not null or ${t.minutes} >= 0`),
    tenantIsolation('volunteer_hours'),
  ],
).enableRLS();

/** Approvals of hour entries (append-only): the leader's ('leader'), and a staff member's second one ('second'). */
export const volunteerHourApprovals = pgTable(
  'volunteer_hour_approvals',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    entryId: uuid('entry_id').notNull(),
    step: varchar('step', { length: 8 }).notNull(),
    approvedBy: uuid('approved_by')
      .notNull()
      .references(() => users.id),
    approvedAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.entryId, t.step] }),
    foreignKey({ name: 'volunteer_hour_approvals_entry_fk', columns: [t.tenantId, t.entryId], foreignColumns: [volunteerHours.tenantId, volunteerHours.id] }),
    check('volunteer_hour_approvals_step', sql`${t.step} in ('leader', 'second')`),
    tenantIsolation('volunteer_hour_approvals'),
  ],
).enableRLS();

/**
 * A volunteer service certificate (志愿服务证明) as issued: what it certified is kept as it was (the ledger may be
 * corrected later; the certificate stays what it said). 民发〔2015〕149号: the volunteer's identity, hours and content of
 * service, the issuer (person in charge, handler, contact), number and date. `verify_code` is the secret part of the
 * public verification address its QR code opens (which shows number, masked name, hours and issuer only).
 */
export const volunteerCertificates = pgTable(
  'volunteer_certificates',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    residentId: person('resident_id').notNull(),
    /** Printed number, per community: 2026-000001. */
    number: varchar('number', { length: 20 }).notNull(),
    verifyCode: varchar('verify_code', { length: 24 }).notNull(),
    /** The masked name shown on the verification page (张**). */
    nameHint: text('name_hint').notNull(),
    periodFrom: date('period_from', { mode: 'string' }).notNull(),
    periodTo: date('period_to', { mode: 'string' }).notNull(),
    /** Approved minutes at the top evidence levels within the period (what counts toward certificates). */
    minutes: integer('minutes').notNull(),
    content: varchar('content', { length: 400 }).notNull(),
    personInCharge: varchar('person_in_charge', { length: 20 }),
    handler: varchar('handler', { length: 40 }),
    contact: varchar('contact', { length: 40 }),
    /** The staff account that issued it; null when the volunteer asked for it on 我的 (issued from the ledger as it stood). */
    issuedBy: uuid('issued_by').references(() => users.id),
    issuedAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('volunteer_certificates_number_key').on(t.tenantId, t.number),
    uniqueIndex('volunteer_certificates_verify_key').on(t.tenantId, t.verifyCode),
    index('volunteer_certificates_person_idx').on(t.tenantId, t.residentId),
    foreignKey({ name: 'volunteer_certificates_volunteer_fk', columns: [t.tenantId, t.residentId], foreignColumns: [volunteers.tenantId, volunteers.residentId] }),
    check('volunteer_certificates_period', sql`${t.periodTo} >= ${t.periodFrom}`),
    check('volunteer_certificates_minutes', sql`${t.minutes} > 0`),
    tenantIsolation('volunteer_certificates'),
  ],
).enableRLS();

/**
 * A recognition of a volunteer (金元之星-style): staff nominate with a citation; the committee's decision is recorded
 * by the community admin (another person than the nominator) with a note of where it was decided. Approved ones of
 * volunteers who agreed (`volunteers.show_on_wall`) appear on the community's public honour wall.
 * 《志愿服务条例》 art. 19: records of awards.
 */
export const volunteerRecognitions = pgTable(
  'volunteer_recognitions',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    residentId: person('resident_id').notNull(),
    title: varchar('title', { length: 30 }).notNull(),
    year: integer('year').notNull(),
    citation: varchar('citation', { length: 300 }).notNull(),
    status: varchar('status', { length: 10 }).notNull().default('nominated'),
    nominatedBy: uuid('nominated_by')
      .notNull()
      .references(() => users.id),
    nominatedAt: createdAt(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** Where the decision was taken (e.g. 共治委员会 2026 年第 4 次会议). */
    decisionNote: varchar('decision_note', { length: 200 }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('volunteer_recognitions_once_key').on(t.tenantId, t.residentId, t.title, t.year),
    index('volunteer_recognitions_wall_idx').on(t.tenantId, t.status, t.year),
    foreignKey({ name: 'volunteer_recognitions_volunteer_fk', columns: [t.tenantId, t.residentId], foreignColumns: [volunteers.tenantId, volunteers.residentId] }),
    check('volunteer_recognitions_status', sql`${t.status} in ('nominated', 'approved', 'declined')`),
    check('volunteer_recognitions_year', sql`${t.year} between 2000 and 2100`),
    tenantIsolation('volunteer_recognitions'),
  ],
).enableRLS();

/**
 * A small wish on the community's wish wall (心愿墙, 微心愿 认领/点亮): what the public may see (no personal data),
 * written by staff, optionally from a resident's wish (case). open → claimed (a claim is active) → lit (staff
 * confirmed it fulfilled, with the resident's thanks); a claim not kept by its date returns it to open.
 */
export const wishWallItems = pgTable(
  'wish_wall_items',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    caseId: uuid('case_id'),
    title: varchar('title', { length: 60 }).notNull(),
    publicText: varchar('public_text', { length: 300 }).notNull(),
    status: varchar('status', { length: 10 }).notNull().default('open'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    litAt: timestamp('lit_at', { withTimezone: true }),
    litBy: uuid('lit_by').references(() => users.id),
    /** The resident's thanks, as staff recorded it when confirming (public). */
    thanks: varchar('thanks', { length: 300 }),
    /** A photo of the wish fulfilled, taken when staff confirmed it (stored stripped of metadata; shown to staff only). */
    litPhotoKey: varchar('lit_photo_key', { length: 200 }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('wish_wall_items_status_idx').on(t.tenantId, t.status, t.createdAt),
    foreignKey({ name: 'wish_wall_items_case_fk', columns: [t.tenantId, t.caseId], foreignColumns: [cases.tenantId, cases.id] }),
    check('wish_wall_items_status', sql`${t.status} in ('open', 'claimed', 'lit', 'withdrawn')`),
    tenantIsolation('wish_wall_items'),
  ],
).enableRLS();

/**
 * A claim (认领) of a wish on the wall by a volunteer or party member of the register (`resident_id`), or by a
 * partner unit of the community recorded by staff (`partner_unit_id`, `recorded_by`), with the date they promise to
 * fulfil it by (China date). active → fulfilled (lit by staff) or expired (the date passed: the worker's timer,
 * deadline subject `wish_claim`) or withdrawn. At most one active claim per wish.
 */
export const wishClaims = pgTable(
  'wish_claims',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    itemId: uuid('item_id').notNull(),
    residentId: person('resident_id'),
    partnerUnitId: uuid('partner_unit_id'),
    /** The staff member who recorded a partner unit's claim. */
    recordedBy: uuid('recorded_by').references(() => users.id),
    promisedOn: date('promised_on', { mode: 'string' }).notNull(),
    status: varchar('status', { length: 10 }).notNull().default('active'),
    claimedAt: createdAt(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('wish_claims_active_key').on(t.tenantId, t.itemId).where(sql`${t.status} = 'active'`),
    index('wish_claims_person_idx').on(t.tenantId, t.residentId),
    foreignKey({ name: 'wish_claims_item_fk', columns: [t.tenantId, t.itemId], foreignColumns: [wishWallItems.tenantId, wishWallItems.id] }),
    foreignKey({ name: 'wish_claims_resident_fk', columns: [t.tenantId, t.residentId], foreignColumns: [residents.tenantId, residents.id] }),
    foreignKey({ name: 'wish_claims_unit_fk', columns: [t.tenantId, t.partnerUnitId], foreignColumns: [partnerUnits.tenantId, partnerUnits.id] }),
    check('wish_claims_one_claimant', sql`(${t.residentId} is null) <> (${t.partnerUnitId} is null)`),
    check('wish_claims_status', sql`${t.status} in ('active', 'fulfilled', 'expired', 'withdrawn')`),
    tenantIsolation('wish_claims'),
  ],
).enableRLS();
