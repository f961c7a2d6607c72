import { sql } from 'drizzle-orm';
import { boolean, check, date, doublePrecision, foreignKey, index, integer, jsonb, pgPolicy, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import type { CareRules } from '@shequ/domain';
import { createdAt, id, inSystemScope, tenantId, tenantIsolation, updatedAt } from './columns.ts';
import { cases } from './cases.ts';
import { grids } from './community.ts';
import { users } from './identity.ts';
import { orgUnits } from './org.ts';
import { residents } from './residents.ts';

// Visiting care (探访关爱, issue 20, decision 039). Tenant-owned: tenant_id leads every key, forced RLS. Kinds and
// states are checked text (as notification kinds, decision 026), their lists in @shequ/domain care/visiting.ts.

const oneOf = (column: string, values: readonly string[]) => sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`);

/**
 * A version of the community's care rules (tiers from tags and age, each tier's visit policy), in force from
 * `effective_from` (a China-time date) until the next version's date. Versions are never changed, so an audit can
 * show which rule applied on a given day.
 */
export const careRuleSets = pgTable(
  'care_rule_sets',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    rules: jsonb('rules').$type<CareRules>().notNull(),
    note: text('note'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), uniqueIndex('care_rule_sets_tenant_from_key').on(t.tenantId, t.effectiveFrom), tenantIsolation('care_rule_sets')],
).enableRLS();

/**
 * A person of the register on the care roster: their tier as computed by the rules (and a staff override with its
 * reason), the grid worker responsible for them and an optional paired volunteer or party member (a person of the
 * register). `active` false: no longer matching any tier rule (or moved out); their history stays.
 */
export const careRecipients = pgTable(
  'care_recipients',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    residentId: uuid('resident_id').notNull(),
    computedTier: varchar('computed_tier', { length: 10 }),
    overrideTier: varchar('override_tier', { length: 10 }),
    overrideReason: text('override_reason'),
    overrideBy: uuid('override_by').references(() => users.id),
    overrideAt: timestamp('override_at', { withTimezone: true }),
    responsibleWorkerId: uuid('responsible_worker_id').references(() => users.id),
    volunteerId: uuid('volunteer_id'),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.residentId] }),
    index('care_recipients_worker_idx').on(t.tenantId, t.responsibleWorkerId),
    foreignKey({ name: 'care_recipients_resident_fk', columns: [t.tenantId, t.residentId], foreignColumns: [residents.tenantId, residents.id] }),
    foreignKey({ name: 'care_recipients_volunteer_fk', columns: [t.tenantId, t.volunteerId], foreignColumns: [residents.tenantId, residents.id] }),
    check('care_recipients_tier_check', sql`${oneOf('computed_tier', ['high', 'priority', 'regular'])} or computed_tier is null`),
    check('care_recipients_override_check', sql`(override_tier is null) or (${oneOf('override_tier', ['high', 'priority', 'regular'])} and override_reason is not null)`),
    tenantIsolation('care_recipients'),
  ],
).enableRLS();

/** A major change in a recipient's life (hospital stay, bereavement …), recorded by anyone who can see them. */
export const careEvents = pgTable(
  'care_events',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    residentId: uuid('resident_id').notNull(),
    kind: varchar('kind', { length: 20 }).notNull(),
    note: text('note'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ name: 'care_events_resident_fk', columns: [t.tenantId, t.residentId], foreignColumns: [residents.tenantId, residents.id] }),
    check('care_events_kind_check', sql`kind ~ '^[a-z_]{2,20}$'`),
    tenantIsolation('care_events'),
  ],
).enableRLS();

/** A weather or festival period declared by staff: a visit for every high-risk person between its first and last day. */
export const carePeriods = pgTable(
  'care_periods',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    kind: varchar('kind', { length: 10 }).notNull(),
    name: varchar('name', { length: 40 }).notNull(),
    firstDay: date('first_day', { mode: 'string' }).notNull(),
    lastDay: date('last_day', { mode: 'string' }).notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    check('care_periods_kind_check', sql`${oneOf('kind', ['weather', 'festival'])}`),
    check('care_periods_days_check', sql`first_day <= last_day`),
    tenantIsolation('care_periods'),
  ],
).enableRLS();

/**
 * A visit a recipient is owed between `opens_at` and `closes_at` (exclusive), with the tier and the kinds of contact
 * that count as they were when it opened. `visit_id`/`visited_at`: the counting visit that met it (on time when
 * before `closes_at`). Routine windows are one per recipient and period start; the others point at what caused them.
 */
export const careWindows = pgTable(
  'care_windows',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    residentId: uuid('resident_id').notNull(),
    tier: varchar('tier', { length: 10 }).notNull(),
    reason: varchar('reason', { length: 20 }).notNull(),
    opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    countsKinds: text('counts_kinds').array().notNull(),
    ruleSetId: uuid('rule_set_id'),
    eventId: uuid('event_id'),
    periodId: uuid('period_id'),
    /** What else raised it (a missed meal's booking, …): a free key so a repeat raises nothing new. */
    sourceKey: varchar('source_key', { length: 80 }),
    visitId: uuid('visit_id'),
    visitedAt: timestamp('visited_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('care_windows_routine_key').on(t.tenantId, t.residentId, t.opensAt).where(sql`reason = 'routine'`),
    uniqueIndex('care_windows_event_key').on(t.tenantId, t.residentId, t.eventId).where(sql`event_id is not null`),
    uniqueIndex('care_windows_period_key').on(t.tenantId, t.residentId, t.periodId).where(sql`period_id is not null`),
    uniqueIndex('care_windows_source_key').on(t.tenantId, t.residentId, t.sourceKey).where(sql`source_key is not null`),
    index('care_windows_open_idx').on(t.tenantId, t.residentId, t.closesAt),
    index('care_windows_month_idx').on(t.tenantId, t.closesAt),
    foreignKey({ name: 'care_windows_resident_fk', columns: [t.tenantId, t.residentId], foreignColumns: [residents.tenantId, residents.id] }),
    foreignKey({ name: 'care_windows_event_fk', columns: [t.tenantId, t.eventId], foreignColumns: [careEvents.tenantId, careEvents.id] }),
    foreignKey({ name: 'care_windows_period_fk', columns: [t.tenantId, t.periodId], foreignColumns: [carePeriods.tenantId, carePeriods.id] }),
    check('care_windows_tier_check', sql`${oneOf('tier', ['high', 'priority', 'regular'])}`),
    check('care_windows_reason_check', sql`${oneOf('reason', ['routine', 'major_change', 'weather', 'festival', 'missed_meal'])}`),
    check('care_windows_span_check', sql`opens_at < closes_at`),
    tenantIsolation('care_windows'),
    // Declared only inside the SECURITY DEFINER function care_visit_counts (migration 0035): streets and districts
    // see each community's monthly counts per tier (the 探访率), never a person.
    pgPolicy('care_windows_aggregate_paths', { as: 'permissive', for: 'select', using: sql`${inSystemScope('care-count')}` }),
  ],
).enableRLS();

/**
 * A contact with a recipient (入户走访, phone, video). Append-only (a trigger refuses UPDATE and DELETE): a visit
 * cannot conflict with anything, and what was recorded stays as recorded. `id` may be generated on the phone, so a
 * visit sent twice is stored once. Photo optional (基层减负 2024: never proof); location optional.
 */
export const careVisits = pgTable(
  'care_visits',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: uuid('id').notNull(),
    residentId: uuid('resident_id').notNull(),
    visitorId: uuid('visitor_id')
      .notNull()
      .references(() => users.id),
    kind: varchar('kind', { length: 10 }).notNull(),
    visitedAt: timestamp('visited_at', { withTimezone: true }).notNull(),
    seen: varchar('seen', { length: 10 }),
    living: varchar('living', { length: 10 }),
    health: varchar('health', { length: 10 }),
    safety: text('safety').array().notNull().default(sql`'{}'::text[]`),
    familyCare: varchar('family_care', { length: 10 }),
    needs: text('needs').array().notNull().default(sql`'{}'::text[]`),
    note: text('note'),
    photoPath: text('photo_path'),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    /** The wish/case a need found on this visit became (created in the same step). */
    caseId: uuid('case_id'),
    /** Recorded on the phone without a network and sent later. */
    offline: boolean('offline').notNull().default(false),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('care_visits_resident_idx').on(t.tenantId, t.residentId, t.visitedAt),
    foreignKey({ name: 'care_visits_resident_fk', columns: [t.tenantId, t.residentId], foreignColumns: [residents.tenantId, residents.id] }),
    foreignKey({ name: 'care_visits_case_fk', columns: [t.tenantId, t.caseId], foreignColumns: [cases.tenantId, cases.id] }),
    check('care_visits_kind_check', sql`${oneOf('kind', ['home', 'phone', 'video'])}`),
    tenantIsolation('care_visits'),
  ],
).enableRLS();

/**
 * A hand-over of a grid's care recipients from one grid worker to the next, with each person's last three visit
 * summaries as they were at the time (masked names only).
 */
export type HandoverVisit = { visitedAt: string; kind: string; seen: string | null; living: string | null; health: string | null; needs: string[]; safety: string[]; note: string | null };
export type HandoverPerson = { residentId: string; nameHint: string; tier: string; lastVisits: HandoverVisit[] };
export const careHandovers = pgTable(
  'care_handovers',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    gridId: uuid('grid_id').notNull(),
    fromUserId: uuid('from_user_id').references(() => users.id),
    toUserId: uuid('to_user_id').references(() => users.id),
    people: jsonb('people').$type<HandoverPerson[]>().notNull(),
    count: integer('count').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('care_handovers_to_idx').on(t.tenantId, t.toUserId),
    foreignKey({ name: 'care_handovers_grid_fk', columns: [t.tenantId, t.gridId], foreignColumns: [grids.tenantId, grids.id] }),
    tenantIsolation('care_handovers'),
  ],
).enableRLS();

/** Edited person fields a phone may carry offline (plain register columns; sealed ones are edited online only). */
export type OfflineEditFields = { unit?: string | null; room?: string | null; note?: string | null };

/**
 * An edit of a person's details made on the phone without a network (issue 20), keyed by the id the phone generated
 * (sent twice, stored once). It carries the version it started from (the person's `updated_at` then) and the values
 * it started from: when the server's record had not changed it is `applied`; when it had, it waits as a `conflict`
 * with the server's values at that moment (`theirs`) until a staff member chooses field by field (`resolved`,
 * `chosen`). Never silently overwritten.
 */
export const careOfflineEdits = pgTable(
  'care_offline_edits',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: uuid('id').notNull(),
    residentId: uuid('resident_id').notNull(),
    baseVersion: timestamp('base_version', { withTimezone: true, mode: 'string' }).notNull(),
    base: jsonb('base').$type<OfflineEditFields>().notNull(),
    mine: jsonb('mine').$type<OfflineEditFields>().notNull(),
    theirs: jsonb('theirs').$type<OfflineEditFields>(),
    status: varchar('status', { length: 10 }).notNull(),
    chosen: jsonb('chosen').$type<Record<string, 'mine' | 'theirs'>>(),
    editedAt: timestamp('edited_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    resolvedBy: uuid('resolved_by').references(() => users.id),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('care_offline_edits_status_idx').on(t.tenantId, t.status, t.createdAt),
    foreignKey({ name: 'care_offline_edits_resident_fk', columns: [t.tenantId, t.residentId], foreignColumns: [residents.tenantId, residents.id] }),
    check('care_offline_edits_status_check', sql`${oneOf('status', ['applied', 'conflict', 'resolved'])}`),
    tenantIsolation('care_offline_edits'),
  ],
).enableRLS();
