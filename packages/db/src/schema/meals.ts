import { sql } from 'drizzle-orm';
import { boolean, check, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId, tenantIsolation, updatedAt } from './columns.ts';
import { users } from './identity.ts';
import { orgUnits } from './org.ts';
import { residents, residentTags } from './residents.ts';

// Meal help at the elderly service station (助餐, issue 19, decision 038). Tenant-owned: tenant_id leads every key,
// forced RLS. Amounts are fen (integers); every amount, capacity and cut-off is the community's configuration.

/** The station's dishes, tagged (荤/素/汤, 软食, 低盐, 低糖, 清真 …) for menu rules and the kitchen. */
export const mealDishes = pgTable(
  'meal_dishes',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    name: varchar('name', { length: 40 }).notNull(),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), uniqueIndex('meal_dishes_tenant_name_key').on(t.tenantId, t.name), tenantIsolation('meal_dishes')],
).enableRLS();

/**
 * A sitting (餐次): one meal of the day with its daily capacity, full price (fen), booking cut-off (`cutoffDaysBefore`
 * days before at `cutoffTime`, China time), serving hours and menu rule (least dishes per tag, e.g. {"荤":3,"素":3}).
 */
export const mealSittings = pgTable(
  'meal_sittings',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    meal: varchar('meal', { length: 12 }).notNull(),
    name: varchar('name', { length: 20 }).notNull(),
    capacity: integer('capacity').notNull(),
    priceCents: integer('price_cents').notNull(),
    cutoffDaysBefore: integer('cutoff_days_before').notNull().default(1),
    cutoffTime: varchar('cutoff_time', { length: 5 }).notNull(),
    serveFrom: varchar('serve_from', { length: 5 }).notNull(),
    serveUntil: varchar('serve_until', { length: 5 }).notNull(),
    menuRule: jsonb('menu_rule').$type<Record<string, number>>().notNull().default({}),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('meal_sittings_tenant_meal_key').on(t.tenantId, t.meal),
    check('meal_sittings_meal', sql`${t.meal} in ('breakfast', 'lunch', 'dinner')`),
    check('meal_sittings_amounts', sql`${t.capacity} >= 0 and ${t.priceCents} >= 0 and ${t.cutoffDaysBefore} >= 0`),
    tenantIsolation('meal_sittings'),
  ],
).enableRLS();

/** The menu of a sitting on a day: a draft until published (publication checks the sitting's menu rule). */
export const mealMenus = pgTable(
  'meal_menus',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    sittingId: uuid('sitting_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    status: varchar('status', { length: 12 }).notNull().default('draft'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedBy: uuid('published_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('meal_menus_sitting_day_key').on(t.tenantId, t.sittingId, t.day),
    foreignKey({ name: 'meal_menus_sitting_fk', columns: [t.tenantId, t.sittingId], foreignColumns: [mealSittings.tenantId, mealSittings.id] }),
    check('meal_menus_status', sql`${t.status} in ('draft', 'published')`),
    tenantIsolation('meal_menus'),
  ],
).enableRLS();

/** The dishes of a menu. */
export const mealMenuDishes = pgTable(
  'meal_menu_dishes',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    menuId: uuid('menu_id').notNull(),
    dishId: uuid('dish_id').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.menuId, t.dishId] }),
    foreignKey({ name: 'meal_menu_dishes_menu_fk', columns: [t.tenantId, t.menuId], foreignColumns: [mealMenus.tenantId, mealMenus.id] }).onDelete('cascade'),
    foreignKey({ name: 'meal_menu_dishes_dish_fk', columns: [t.tenantId, t.dishId], foreignColumns: [mealDishes.tenantId, mealDishes.id] }),
    tenantIsolation('meal_menu_dishes'),
  ],
).enableRLS();

/**
 * The subsidy rule table, versioned by dates: who a row covers (a register tag, a minimum age, or both), the amount
 * per served meal and the monthly cap per person (fen), its priority when several cover a person, and the days it
 * is in force (`effective_from` inclusive, `effective_to` exclusive; null: open).
 */
export const mealSubsidyRules = pgTable(
  'meal_subsidy_rules',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    name: varchar('name', { length: 20 }).notNull(),
    tagId: uuid('tag_id'),
    minAge: integer('min_age'),
    perMealCents: integer('per_meal_cents').notNull(),
    monthlyCapCents: integer('monthly_cap_cents'),
    priority: integer('priority').notNull().default(0),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    effectiveTo: date('effective_to', { mode: 'string' }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('meal_subsidy_rules_effective_idx').on(t.tenantId, t.effectiveFrom),
    foreignKey({ name: 'meal_subsidy_rules_tag_fk', columns: [t.tenantId, t.tagId], foreignColumns: [residentTags.tenantId, residentTags.id] }),
    check('meal_subsidy_rules_who', sql`${t.tagId} is not null or ${t.minAge} is not null`),
    check('meal_subsidy_rules_amounts', sql`${t.perMealCents} >= 0 and (${t.monthlyCapCents} is null or ${t.monthlyCapCents} >= 0)`),
    check('meal_subsidy_rules_dates', sql`${t.effectiveTo} is null or ${t.effectiveTo} > ${t.effectiveFrom}`),
    tenantIsolation('meal_subsidy_rules'),
  ],
).enableRLS();

/**
 * A booking of a sitting on a day for a person of the register. `priceCents` is the full price, `subsidyCents` the
 * subsidy (an estimate while booked; fixed when served: only served meals count toward claims), `ruleId` and
 * `category` the rule that applied. `queuedAt` orders the waiting list.
 */
export const mealBookings = pgTable(
  'meal_bookings',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    sittingId: uuid('sitting_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    residentId: uuid('resident_id').notNull(),
    mode: varchar('mode', { length: 10 }).notNull(),
    /** The diets asked for (软食, 低盐, 糖尿病 …: several may apply to one person), each a diet the station offers. */
    diets: text('diets').array().notNull().default(sql`'{}'::text[]`),
    status: varchar('status', { length: 12 }).notNull(),
    bookedBy: varchar('booked_by', { length: 8 }).notNull(),
    bookedByUserId: uuid('booked_by_user_id').references(() => users.id),
    bookedByResidentId: uuid('booked_by_resident_id'),
    queuedAt: timestamp('queued_at', { withTimezone: true }).notNull(),
    priceCents: integer('price_cents').notNull(),
    subsidyCents: integer('subsidy_cents').notNull().default(0),
    ruleId: uuid('rule_id'),
    category: varchar('category', { length: 20 }),
    servedAt: timestamp('served_at', { withTimezone: true }),
    servedVia: varchar('served_via', { length: 10 }),
    servedBy: uuid('served_by').references(() => users.id),
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
    // One live booking per person per sitting and day (cancelled and given-away ones are history).
    uniqueIndex('meal_bookings_person_key').on(t.tenantId, t.sittingId, t.day, t.residentId).where(sql`${t.status} in ('booked', 'waiting', 'served', 'missed')`),
    index('meal_bookings_sitting_day_idx').on(t.tenantId, t.day, t.sittingId, t.status, t.queuedAt),
    index('meal_bookings_resident_idx').on(t.tenantId, t.residentId, t.day),
    foreignKey({ name: 'meal_bookings_sitting_fk', columns: [t.tenantId, t.sittingId], foreignColumns: [mealSittings.tenantId, mealSittings.id] }),
    foreignKey({ name: 'meal_bookings_resident_fk', columns: [t.tenantId, t.residentId], foreignColumns: [residents.tenantId, residents.id] }),
    foreignKey({ name: 'meal_bookings_booker_fk', columns: [t.tenantId, t.bookedByResidentId], foreignColumns: [residents.tenantId, residents.id] }),
    foreignKey({ name: 'meal_bookings_canceller_fk', columns: [t.tenantId, t.cancelledByResidentId], foreignColumns: [residents.tenantId, residents.id] }),
    foreignKey({ name: 'meal_bookings_rule_fk', columns: [t.tenantId, t.ruleId], foreignColumns: [mealSubsidyRules.tenantId, mealSubsidyRules.id] }),
    check('meal_bookings_mode', sql`${t.mode} in ('dine_in', 'delivery')`),
    check('meal_bookings_status', sql`${t.status} in ('booked', 'waiting', 'cancelled', 'given_away', 'served', 'missed')`),
    check('meal_bookings_booked_by', sql`${t.bookedBy} in ('self', 'family', 'staff')`),
    check('meal_bookings_cancelled_by', sql`${t.cancelledBy} is null or ${t.cancelledBy} in ('self', 'family', 'staff')`),
    check('meal_bookings_served', sql`(${t.status} = 'served') = (${t.servedAt} is not null and ${t.servedVia} in ('counter', 'delivery'))`),
    check('meal_bookings_amounts', sql`${t.priceCents} >= 0 and ${t.subsidyCents} >= 0 and ${t.subsidyCents} <= ${t.priceCents}`),
    tenantIsolation('meal_bookings'),
  ],
).enableRLS();
