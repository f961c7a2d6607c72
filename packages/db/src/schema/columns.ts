import { sql } from 'drizzle-orm';
import { pgPolicy, timestamp, uuid } from 'drizzle-orm/pg-core';
import { v7 as uuidv7 } from 'uuid';

/** Time-sortable unique ids (UUIDv7): index-friendly, and safe to expose (not guessable as a sequence). */
export const id = () => uuid('id').notNull().$defaultFn(() => uuidv7());
export const newId = () => uuidv7();

export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const updatedAt = () =>
  timestamp('updated_at', { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());

/** The community (tenant) that owns the row. Part of every primary, unique and foreign key of a tenant-owned table. */
export const tenantId = () => uuid('tenant_id').notNull();

/**
 * The expression every tenant policy compares against: the transaction-local tenant context set by `withTenant`.
 * With no context it is NULL, so the comparison is never true and nothing is visible or writable.
 */
export const CURRENT_TENANT = sql`nullif(current_setting('app.tenant_id', true), '')::uuid`;

/** Row-level security for a tenant-owned table: a row is visible and writable only inside its own tenant's context. */
export const tenantIsolation = (table: string) =>
  pgPolicy(`${table}_tenant_isolation`, {
    as: 'permissive',
    for: 'all',
    using: sql`tenant_id = ${CURRENT_TENANT}`,
    withCheck: sql`tenant_id = ${CURRENT_TENANT}`,
  });

// The other settings a transaction's scope declares (packages/db/src/scope.ts). Each is NULL when not declared, so a
// policy term keyed on it is never true: no setting = no rows.

/** The signed-in person (`app.user_id`): their own rows (notifications, settings, sessions). */
export const CURRENT_USER_ID = sql`nullif(current_setting('app.user_id', true), '')::uuid`;

/**
 * The streets, districts and departments an officer acts for (`app.unit_ids`), as uuid[]. Wrapped in a sub-select
 * so PostgreSQL parses the setting once per statement (an InitPlan), not once per row; the outer cast makes it a
 * scalar, so `x = any(CURRENT_UNITS)` compares with its elements rather than reading it as a sub-query's rows.
 */
export const CURRENT_UNITS = sql`((select nullif(current_setting('app.unit_ids', true), '')::uuid[])::uuid[])`;

/** True inside one of the named system scopes (SYSTEM_SCOPES in scope.ts); a policy names the ones it admits. */
export const inSystemScope = (...names: string[]) => {
  for (const n of names) if (!/^[a-z-]+$/.test(n)) throw new Error(`bad system scope name ${n}`);
  return sql.raw(`current_setting('app.system', true) in (${names.map((n) => `'${n}'`).join(', ')})`);
};

/**
 * The communities an officer's units reach: those now under the street or district, and those that were under it
 * before a move (a street's past figures stay its own, decision 013). Uncorrelated, so PostgreSQL evaluates it once
 * per statement (a hashed sub-plan) however many rows it filters.
 */
export const COMMUNITIES_IN_REACH = sql`(select o.id from org_units o where o.street_id = any(${CURRENT_UNITS}) or o.district_id = any(${CURRENT_UNITS})
  union select m.unit_id from org_unit_moves m where m.from_street_id = any(${CURRENT_UNITS}) or m.from_district_id = any(${CURRENT_UNITS}))`;

/**
 * The districts of the officer's units (a district is its own; a street or department the district above it), for
 * policies that let an officer see the people of the hierarchy around them. Uncorrelated: evaluated once per statement.
 */
export const OFFICER_DISTRICTS = sql`(select coalesce(u.district_id, u.id) from org_units u where u.id = any(${CURRENT_UNITS}))`;

/**
 * The units above and beside the scope's community or officer that its work reaches: the street and district over a
 * community and every department, street and district office of that district (not other communities). A community
 * escalates to its street, a street forwards to a department: each notifies the people of the unit it hands to.
 */
export const OFFICES_AROUND = sql`(select o.id from org_units o where o.kind <> 'community' and (
    o.id in (select c.district_id from org_units c where c.id = ${CURRENT_TENANT}) or o.district_id in (select c.district_id from org_units c where c.id = ${CURRENT_TENANT})
    or o.id in ${OFFICER_DISTRICTS} or o.district_id in ${OFFICER_DISTRICTS}))`;

/** The units an officer's units manage: those whose street, district or parent is one of them (communities, departments, streets). */
export const UNITS_BELOW = sql`(select o.id from org_units o where o.street_id = any(${CURRENT_UNITS}) or o.district_id = any(${CURRENT_UNITS}) or o.parent_id = any(${CURRENT_UNITS}))`;
