import { sql } from 'drizzle-orm';
import { bigint, date, index, integer, pgPolicy, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { COMMUNITIES_IN_REACH, CURRENT_TENANT, CURRENT_UNITS, inSystemScope } from './columns.ts';
import { orgUnits } from './org.ts';

// Dashboard rollups (issue 5): counters only (no cases, no text, no personal data), per community, day and
// category (and grid, for a community's own view). They are read across communities by streets and districts,
// so besides the community's own context (`app.tenant_id`) their policy admits the communities an officer's units
// reach (`app.unit_ids`, now or before a move); only the community's context and the worker's refresh write them.
// Each row is exactly the domain's `countCases` of the cases it covers, recomputed from the raw cases, so rollups
// and direct counts always agree.

/** Row-level security of a rollup table (decision 019): read by the community, its street and district; written by the community's refresh. */
const rollupPolicies = (table: string) => [
  pgPolicy(`${table}_read`, {
    as: 'permissive',
    for: 'select',
    using: sql`community_id = ${CURRENT_TENANT} or community_id in ${COMMUNITIES_IN_REACH} or ${inSystemScope('rollup-refresh', 'maintenance', 'street-aggregate')}`,
  }),
  pgPolicy(`${table}_write`, {
    as: 'permissive',
    for: 'all',
    using: sql`community_id = ${CURRENT_TENANT} or ${inSystemScope('rollup-refresh', 'maintenance')}`,
    withCheck: sql`community_id = ${CURRENT_TENANT} or ${inSystemScope('rollup-refresh', 'maintenance')}`,
  }),
];

const counters = {
  received: integer('received').notNull().default(0),
  acceptedInTime: integer('accepted_in_time').notNull().default(0),
  closed: integer('closed').notNull().default(0),
  closedInTime: integer('closed_in_time').notNull().default(0),
  /** Open cases of the day's cohort past a time limit when the row was computed (超期未办结). */
  overdueOpen: integer('overdue_open').notNull().default(0),
  due: integer('due').notNull().default(0),
  dueClosed: integer('due_closed').notNull().default(0),
  rated: integer('rated').notNull().default(0),
  satisfied: integer('satisfied').notNull().default(0),
  /** Reporters who could rate the closed cases (merged wishes' reporters included): the 评价率 denominator. */
  rateable: integer('rateable').notNull().default(0),
  reopened: integer('reopened').notNull().default(0),
  escalated: integer('escalated').notNull().default(0),
  forwarded: integer('forwarded').notNull().default(0),
  autoEscalated: integer('auto_escalated').notNull().default(0),
  acceptMsSum: bigint('accept_ms_sum', { mode: 'number' }).notNull().default(0),
  acceptCount: integer('accept_count').notNull().default(0),
  closeMsSum: bigint('close_ms_sum', { mode: 'number' }).notNull().default(0),
  closeCount: integer('close_count').notNull().default(0),
  acceptHist: integer('accept_hist').array().notNull().default(sql`'{}'::int[]`),
  closeHist: integer('close_hist').array().notNull().default(sql`'{}'::int[]`),
};

/** One community's counters for one China-time day, category and grid ('' = no grid). */
export const caseRollupsDaily = pgTable(
  'case_rollups_daily',
  {
    communityId: uuid('community_id')
      .notNull()
      .references(() => orgUnits.id),
    day: date('day', { mode: 'string' }).notNull(),
    categoryName: text('category_name').notNull(),
    gridId: text('grid_id').notNull().default(''),
    ...counters,
  },
  (t) => [primaryKey({ columns: [t.communityId, t.day, t.categoryName, t.gridId] }), index('case_rollups_daily_day_idx').on(t.day), ...rollupPolicies('case_rollups_daily')],
).enableRLS();

/** The same counters summed per month (first day of the month), per community and category: what a year's page reads. */
export const caseRollupsMonthly = pgTable(
  'case_rollups_monthly',
  {
    communityId: uuid('community_id')
      .notNull()
      .references(() => orgUnits.id),
    month: date('month', { mode: 'string' }).notNull(),
    categoryName: text('category_name').notNull(),
    ...counters,
  },
  (t) => [
    primaryKey({ columns: [t.communityId, t.month, t.categoryName] }),
    index('case_rollups_monthly_month_idx').on(t.month),
    // The monthly totals (category '*') that comparisons of many communities read, covering the counters so the
    // month-by-month trend of a whole district is read from the index alone (see the custom migrations 0011, 0016).
    index('case_rollups_monthly_totals_idx').on(t.month, t.communityId).where(sql`${t.categoryName} = '*'`),
    ...rollupPolicies('case_rollups_monthly'),
  ],
).enableRLS();

/** Days whose rollups a case change has made stale; the worker recomputes them from the raw cases. */
export const rollupDirty = pgTable(
  'rollup_dirty',
  {
    communityId: uuid('community_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    markedAt: timestamp('marked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.communityId, t.day] }),
    // Marked inside the community's transaction that changed a case; claimed by the worker's refresh.
    pgPolicy('rollup_dirty_scope', {
      as: 'permissive',
      for: 'all',
      using: sql`community_id = ${CURRENT_TENANT} or ${inSystemScope('rollup-refresh', 'maintenance')}`,
      withCheck: sql`community_id = ${CURRENT_TENANT} or ${inSystemScope('rollup-refresh', 'maintenance')}`,
    }),
  ],
).enableRLS();

/**
 * A district's weights for the composite score (default 响应率 30%, 解决率 35%, 满意率 35%). Read by the district, its
 * streets and departments, and its communities; written by the district (or an operator's maintenance).
 */
export const scoreWeights = pgTable(
  'score_weights',
  {
    districtId: uuid('district_id')
      .primaryKey()
      .references(() => orgUnits.id),
    response: integer('response').notNull(),
    resolution: integer('resolution').notNull(),
    satisfaction: integer('satisfaction').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  () => [
    pgPolicy('score_weights_read', {
      as: 'permissive',
      for: 'select',
      using: sql`district_id = any(${CURRENT_UNITS}) or district_id in (select o.district_id from org_units o where o.id = ${CURRENT_TENANT} or o.id = any(${CURRENT_UNITS})) or ${inSystemScope('maintenance')}`,
    }),
    pgPolicy('score_weights_write', {
      as: 'permissive',
      for: 'all',
      using: sql`district_id = any(${CURRENT_UNITS}) or ${inSystemScope('maintenance')}`,
      withCheck: sql`district_id = any(${CURRENT_UNITS}) or ${inSystemScope('maintenance')}`,
    }),
  ],
).enableRLS();

/** The same counters per calendar year (first day of the year), per community and category, with '*' totals. */
export const caseRollupsYearly = pgTable(
  'case_rollups_yearly',
  {
    communityId: uuid('community_id')
      .notNull()
      .references(() => orgUnits.id),
    year: date('year', { mode: 'string' }).notNull(),
    categoryName: text('category_name').notNull(),
    ...counters,
  },
  (t) => [
    primaryKey({ columns: [t.communityId, t.year, t.categoryName] }),
    index('case_rollups_yearly_year_idx').on(t.year, t.categoryName),
    // Covering index of the '*' totals: custom migrations 0011 and 0016 (drizzle-kit cannot express INCLUDE).
    ...rollupPolicies('case_rollups_yearly'),
  ],
).enableRLS();
