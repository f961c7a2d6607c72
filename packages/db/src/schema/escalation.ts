import { sql } from 'drizzle-orm';
import { boolean, check, foreignKey, index, integer, jsonb, pgEnum, pgPolicy, pgTable, primaryKey, smallint, text, timestamp, unique, uuid, varchar } from 'drizzle-orm/pg-core';
import { DEADLINE_STATES } from '@shequ/domain';
import { COMMUNITIES_IN_REACH, createdAt, CURRENT_TENANT, CURRENT_UNITS, id, inSystemScope, updatedAt } from './columns.ts';
import { orgUnits } from './org.ts';
import { users } from './identity.ts';
import { cases } from './cases.ts';

// Tables for escalation and deadlines (decisions 014, 026). They hold ids, times and routing facts, no residents'
// personal data, and are read across communities by the worker and by street/district/department officers; the
// application scopes every read by the actor's ability. `deadlines` and `case_holdings` belong to a community:
// `tenant_id` leads their keys and their foreign keys to cases. Calendars and policies are platform data.

/** Each year of the official working calendar, loaded as data (2025 and 2026 ship; operators load later years). */
export const calendars = pgTable('calendars', {
  year: smallint('year').primaryKey(),
  holidays: jsonb('holidays').$type<string[]>().notNull(),
  workdays: jsonb('workdays').$type<string[]>().notNull(),
  source: text('source'),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: updatedAt(),
});

/**
 * Time limits. A row applies to an org unit (a district: defaults for its communities, and its working hours; a
 * community: its own) and optionally to one category name. The most specific row wins, field by field.
 */
export const slaPolicies = pgTable(
  'sla_policies',
  {
    id: id(),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    categoryName: text('category_name'),
    acceptHours: integer('accept_hours'),
    resolveDays: integer('resolve_days'),
    streetDays: integer('street_days'),
    departmentDays: integer('department_days'),
    /** Reminders as fractions of the allowed time (0.5 = half-way). */
    reminderFractions: jsonb('reminder_fractions').$type<number[]>(),
    workStartMinute: smallint('work_start_minute'),
    workEndMinute: smallint('work_end_minute'),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.id] }),
    unique('sla_policies_unit_category_key').on(t.orgUnitId, t.categoryName).nullsNotDistinct(),
    // Read by the unit itself, by the communities below a district (their defaults), by officers for the units and
    // communities they reach, and by the deadline sweep; written by the unit itself (decision 019).
    pgPolicy('sla_policies_read', {
      as: 'permissive',
      for: 'select',
      using: sql`org_unit_id = ${CURRENT_TENANT} or org_unit_id = any(${CURRENT_UNITS})
        or org_unit_id in (select o.district_id from org_units o where o.id = ${CURRENT_TENANT} or o.id = any(${CURRENT_UNITS}))
        or org_unit_id in ${COMMUNITIES_IN_REACH} or ${inSystemScope('deadline-sweep', 'maintenance')}`,
    }),
    pgPolicy('sla_policies_write', {
      as: 'permissive',
      for: 'all',
      using: sql`org_unit_id = ${CURRENT_TENANT} or org_unit_id = any(${CURRENT_UNITS}) or ${inSystemScope('maintenance')}`,
      withCheck: sql`org_unit_id = ${CURRENT_TENANT} or org_unit_id = any(${CURRENT_UNITS}) or ${inSystemScope('maintenance')}`,
    }),
  ],
).enableRLS();

export const deadlineState = pgEnum('deadline_state', DEADLINE_STATES);

/**
 * One running time limit of a subject: a case (to accept, to resolve, at the street, at the department) or anything
 * a feature registers (a meeting's action item, a home visit, a booking cut-off; decision 026). PostgreSQL is the
 * truth; a BullMQ delayed job keyed by (subject, kind, version) only wakes the worker. Every move (accepted,
 * escalated, paused, resumed, closed) bumps `version`, so a job woken for an older version does nothing.
 * Keys lead with the community (`tenant_id`), so the table can be distributed by community (Citus) with cases.
 */
export const deadlines = pgTable(
  'deadlines',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => orgUnits.id),
    /** What the time limit is about: a registered subject type ('case', …) and its id within the community. */
    subjectType: varchar('subject_type', { length: 40 }).notNull(),
    subjectId: uuid('subject_id').notNull(),
    /** The case, when the subject is one: derived, so the foreign key to cases holds without writers repeating it. */
    caseId: uuid('case_id').generatedAlwaysAs(sql`case when subject_type = 'case' then subject_id end`),
    /** The subject type's name for this limit (cases: accept, resolve, street, department); data, not an enum. */
    kind: varchar('kind', { length: 40 }).notNull(),
    holderOrgUnitId: uuid('holder_org_unit_id').references(() => orgUnits.id),
    state: deadlineState('state').notNull().default('running'),
    version: integer('version').notNull().default(1),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    /** The allowed working time, and what is left of it while paused. */
    allowedMs: integer('allowed_ms').notNull(),
    remainingMs: integer('remaining_ms'),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    /** Reminder instants still to come, earliest first; the next wake-up is the first of these or dueAt. */
    remindAt: jsonb('remind_at').$type<string[]>().notNull().default([]),
    wakeAt: timestamp('wake_at', { withTimezone: true }).notNull(),
    /** Computed through a year with no loaded calendar (weekdays only): recomputed when the calendar arrives. */
    provisional: boolean('provisional').notNull().default(false),
    pausedAt: timestamp('paused_at', { withTimezone: true }),
    metAt: timestamp('met_at', { withTimezone: true }),
    breachedAt: timestamp('breached_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ name: 'deadlines_pkey', columns: [t.tenantId, t.id] }),
    unique('deadlines_subject_kind_key').on(t.tenantId, t.subjectType, t.subjectId, t.kind),
    foreignKey({ name: 'deadlines_case_fk', columns: [t.tenantId, t.caseId], foreignColumns: [cases.tenantId, cases.id] }),
    check('deadlines_subject_type_format', sql`${t.subjectType} ~ '^[a-z][a-z0-9_]*$'`),
    check('deadlines_kind_format', sql`${t.kind} ~ '^[a-z][a-z0-9_]*$'`),
    index('deadlines_wake_idx').on(t.wakeAt).where(sql`${t.state} = 'running'`),
    index('deadlines_community_idx').on(t.tenantId, t.state),
    // A community's deadlines falling due on given days (the rollups' due-date cohort).
    index('deadlines_community_due_idx').on(t.tenantId, t.kind, t.dueAt),
    // Decision 019: a community's own limits (its transactions, and officers acting on its case inside it); the
    // worker's sweeps read every community's ids and times ('deadline-sweep'; each wake then runs in the community);
    // officers read those of the communities they reach and of what they hold; maintenance (export, archive) all.
    pgPolicy('deadlines_community', {
      as: 'permissive',
      for: 'all',
      using: sql`tenant_id = ${CURRENT_TENANT} or ${inSystemScope('maintenance')}`,
      withCheck: sql`tenant_id = ${CURRENT_TENANT} or ${inSystemScope('maintenance')}`,
    }),
    pgPolicy('deadlines_read', {
      as: 'permissive',
      for: 'select',
      using: sql`${inSystemScope('deadline-sweep')} or holder_org_unit_id = any(${CURRENT_UNITS}) or tenant_id in ${COMMUNITIES_IN_REACH}`,
    }),
  ],
).enableRLS();

/**
 * What a street, department or district needs to list the cases escalated to it, without opening each community:
 * routing facts and a short summary, kept in the same transaction as the case. The case itself stays in its
 * community (opened inside that tenant's context).
 */
export const caseHoldings = pgTable(
  'case_holdings',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => orgUnits.id),
    caseId: uuid('case_id').notNull(),
    streetId: uuid('street_id').references(() => orgUnits.id),
    districtId: uuid('district_id').references(() => orgUnits.id),
    holderOrgUnitId: uuid('holder_org_unit_id').references(() => orgUnits.id),
    coHolderIds: uuid('co_holder_ids').array().notNull().default(sql`'{}'::uuid[]`),
    status: varchar('status', { length: 20 }).notNull(),
    trackingCode: varchar('tracking_code', { length: 10 }).notNull(),
    categoryName: text('category_name').notNull(),
    summary: text('summary').notNull(),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }),
    overdue: boolean('overdue').notNull().default(false),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ name: 'case_holdings_pkey', columns: [t.tenantId, t.caseId] }),
    index('case_holdings_holder_idx').on(t.holderOrgUnitId, t.status),
    index('case_holdings_street_idx').on(t.streetId, t.escalatedAt),
    index('case_holdings_district_idx').on(t.districtId, t.overdue),
    // The officers' inbox search over the summary (folded like the community inbox's, like.ts: foldedText).
    index('case_holdings_summary_folded_trgm_idx').using('gin', sql`lower(normalize(${t.summary}, NFKC)) gin_trgm_ops`),
    foreignKey({ name: 'case_holdings_case_fk', columns: [t.tenantId, t.caseId], foreignColumns: [cases.tenantId, cases.id] }),
    check('case_holdings_summary_length', sql`char_length(${t.summary}) <= 120`),
    // Decision 019: written with the case, in its community's transaction; read by the officers it is routed to (its
    // street and district, the holder and co-holders: the inbox lists) and in maintenance.
    pgPolicy('case_holdings_community', {
      as: 'permissive',
      for: 'all',
      using: sql`tenant_id = ${CURRENT_TENANT} or ${inSystemScope('maintenance')}`,
      withCheck: sql`tenant_id = ${CURRENT_TENANT} or ${inSystemScope('maintenance')}`,
    }),
    pgPolicy('case_holdings_officers', {
      as: 'permissive',
      for: 'select',
      using: sql`street_id = any(${CURRENT_UNITS}) or district_id = any(${CURRENT_UNITS}) or holder_org_unit_id = any(${CURRENT_UNITS}) or co_holder_ids && ${CURRENT_UNITS}`,
    }),
  ],
).enableRLS();
