import { sql } from 'drizzle-orm';
import { boolean, check, date, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId, tenantIsolation, updatedAt } from './columns.ts';
import { users } from './identity.ts';
import { orgUnits } from './org.ts';
import { residents, residentTags } from './residents.ts';

// Bookings for services at the elderly service station (助浴, 助洁, 理疗, 康复; issue 19, decision 044). Tenant-owned:
// tenant_id leads every key, forced RLS. Amounts are fen; durations, places and prerequisites are configuration.

/** A service the station offers: kind, duration, full price, and the prerequisite of a recent ability assessment. */
export const elderServices = pgTable(
  'elder_services',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    kind: varchar('kind', { length: 10 }).notNull(),
    name: varchar('name', { length: 20 }).notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    priceCents: integer('price_cents').notNull(),
    /** An ability assessment on file no older than this many days before the service (null: none needed). */
    assessmentDays: integer('assessment_days'),
    /** The least age (years, from the register's birth) a person must have on the slot's day (null: anyone). */
    minAge: integer('min_age'),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('elder_services_name_key').on(t.tenantId, t.name),
    check('elder_services_kind', sql`${t.kind} in ('bathing', 'cleaning', 'physio', 'rehab')`),
    check('elder_services_amounts', sql`${t.durationMinutes} > 0 and ${t.priceCents} >= 0 and (${t.assessmentDays} is null or ${t.assessmentDays} > 0)`),
    check('elder_services_min_age', sql`${t.minAge} is null or ${t.minAge} between 0 and 120`),
    tenantIsolation('elder_services'),
  ],
).enableRLS();

/** A time slot of a service with its places (several helpers or rooms at once) and where it happens. */
export const elderServiceSlots = pgTable(
  'elder_service_slots',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    serviceId: uuid('service_id').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    capacity: integer('capacity').notNull(),
    place: varchar('place', { length: 40 }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('elder_service_slots_time_key').on(t.tenantId, t.serviceId, t.startsAt),
    foreignKey({ name: 'elder_service_slots_service_fk', columns: [t.tenantId, t.serviceId], foreignColumns: [elderServices.tenantId, elderServices.id] }),
    check('elder_service_slots_capacity', sql`${t.capacity} > 0`),
    tenantIsolation('elder_service_slots'),
  ],
).enableRLS();

/**
 * The subsidy rule table of the station's services, versioned by dates as meal help's (decision 038): who a row
 * covers (a register tag, a minimum age, or both), which kind of service (null: every kind), the amount per service
 * and the monthly cap per person (fen), its priority.
 */
export const elderServiceSubsidyRules = pgTable(
  'elder_service_subsidy_rules',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    name: varchar('name', { length: 20 }).notNull(),
    serviceKind: varchar('service_kind', { length: 10 }),
    tagId: uuid('tag_id'),
    minAge: integer('min_age'),
    perUseCents: integer('per_use_cents').notNull(),
    monthlyCapCents: integer('monthly_cap_cents'),
    priority: integer('priority').notNull().default(0),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    effectiveTo: date('effective_to', { mode: 'string' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ name: 'elder_service_subsidy_rules_tag_fk', columns: [t.tenantId, t.tagId], foreignColumns: [residentTags.tenantId, residentTags.id] }),
    check('elder_service_subsidy_rules_who', sql`${t.tagId} is not null or ${t.minAge} is not null`),
    check('elder_service_subsidy_rules_amounts', sql`${t.perUseCents} >= 0 and (${t.monthlyCapCents} is null or ${t.monthlyCapCents} >= 0)`),
    check('elder_service_subsidy_rules_dates', sql`${t.effectiveTo} is null or ${t.effectiveTo} > ${t.effectiveFrom}`),
    tenantIsolation('elder_service_subsidy_rules'),
  ],
).enableRLS();

/**
 * A booking of a slot for a person of the register: requested (by the resident or family; staff confirm) or
 * confirmed (booked by staff), cancelled before the slot starts, then done (with the note after the service; the
 * subsidy fixed then) or no_show. `priceCents`/`subsidyCents` as quoted, fixed when done.
 */
export const elderServiceBookings = pgTable(
  'elder_service_bookings',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    slotId: uuid('slot_id').notNull(),
    residentId: uuid('resident_id').notNull(),
    status: varchar('status', { length: 10 }).notNull(),
    priceCents: integer('price_cents').notNull(),
    subsidyCents: integer('subsidy_cents').notNull().default(0),
    ruleId: uuid('rule_id'),
    category: varchar('category', { length: 20 }),
    bookedBy: varchar('booked_by', { length: 8 }).notNull(),
    bookedByUserId: uuid('booked_by_user_id').references(() => users.id),
    bookedByResidentId: uuid('booked_by_resident_id'),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneBy: uuid('done_by').references(() => users.id),
    note: text('note'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    /**
     * Who cancelled it (or gave it away): 'self' the person, 'family' a family member on 我的 (`cancelledByResidentId`:
     * who, as for booking), 'staff' the station's staff or a grid worker — what 我的 says of a booking that went.
     */
    cancelledBy: varchar('cancelled_by', { length: 8 }),
    cancelledByResidentId: uuid('cancelled_by_resident_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('elder_service_bookings_person_key').on(t.tenantId, t.slotId, t.residentId).where(sql`${t.status} in ('requested', 'confirmed', 'done')`),
    index('elder_service_bookings_resident_idx').on(t.tenantId, t.residentId),
    foreignKey({ name: 'elder_service_bookings_slot_fk', columns: [t.tenantId, t.slotId], foreignColumns: [elderServiceSlots.tenantId, elderServiceSlots.id] }),
    foreignKey({ name: 'elder_service_bookings_resident_fk', columns: [t.tenantId, t.residentId], foreignColumns: [residents.tenantId, residents.id] }),
    foreignKey({ name: 'elder_service_bookings_booker_fk', columns: [t.tenantId, t.bookedByResidentId], foreignColumns: [residents.tenantId, residents.id] }),
    foreignKey({ name: 'elder_service_bookings_canceller_fk', columns: [t.tenantId, t.cancelledByResidentId], foreignColumns: [residents.tenantId, residents.id] }),
    foreignKey({ name: 'elder_service_bookings_rule_fk', columns: [t.tenantId, t.ruleId], foreignColumns: [elderServiceSubsidyRules.tenantId, elderServiceSubsidyRules.id] }),
    check('elder_service_bookings_status', sql`${t.status} in ('requested', 'confirmed', 'cancelled', 'done', 'no_show')`),
    check('elder_service_bookings_booked_by', sql`${t.bookedBy} in ('self', 'family', 'staff')`),
    check('elder_service_bookings_cancelled_by', sql`${t.cancelledBy} is null or ${t.cancelledBy} in ('self', 'family', 'staff')`),
    check('elder_service_bookings_amounts', sql`${t.priceCents} >= 0 and ${t.subsidyCents} >= 0 and ${t.subsidyCents} <= ${t.priceCents}`),
    tenantIsolation('elder_service_bookings'),
  ],
).enableRLS();

/** An ability assessment on file (GB/T 42195-2022 level 0–4 as given by the assessor), the prerequisite of some services. */
export const abilityAssessments = pgTable(
  'ability_assessments',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    residentId: uuid('resident_id').notNull(),
    assessedOn: date('assessed_on', { mode: 'string' }).notNull(),
    level: integer('level').notNull(),
    assessor: varchar('assessor', { length: 40 }).notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('ability_assessments_resident_idx').on(t.tenantId, t.residentId, t.assessedOn),
    foreignKey({ name: 'ability_assessments_resident_fk', columns: [t.tenantId, t.residentId], foreignColumns: [residents.tenantId, residents.id] }),
    check('ability_assessments_level', sql`${t.level} between 0 and 4`),
    tenantIsolation('ability_assessments'),
  ],
).enableRLS();
