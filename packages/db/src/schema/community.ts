import { boolean, foreignKey, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { id, tenantId, tenantIsolation } from './columns.ts';
import { orgUnits } from './org.ts';
import { users } from './identity.ts';

// Tenant-owned tables: tenant_id leads every key, and row-level security (enabled and forced) keeps tenants apart.

/** The community's list of request categories (微心愿 类别). */
export const categories = pgTable(
  'categories',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    name: text('name').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    active: boolean('active').notNull().default(true),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('categories_tenant_name_key').on(t.tenantId, t.name),
    tenantIsolation('categories'),
  ],
).enableRLS();

/** 网格: a group of buildings with its grid worker (网格员) and party-group leader. */
export const grids = pgTable(
  'grids',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    name: text('name').notNull(),
    code: varchar('code', { length: 15 }),
    gridWorkerId: uuid('grid_worker_id').references(() => users.id),
    partyLeaderId: uuid('party_leader_id').references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('grids_tenant_name_key').on(t.tenantId, t.name),
    uniqueIndex('grids_tenant_code_key').on(t.tenantId, t.code),
    tenantIsolation('grids'),
  ],
).enableRLS();

/** 楼栋: belongs to one grid of the same community (the composite key makes any other grid unreachable). */
export const buildings = pgTable(
  'buildings',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    gridId: uuid('grid_id').notNull(),
    name: text('name').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('buildings_tenant_name_key').on(t.tenantId, t.name),
    foreignKey({ name: 'buildings_grid_fk', columns: [t.tenantId, t.gridId], foreignColumns: [grids.tenantId, grids.id] }),
    tenantIsolation('buildings'),
  ],
).enableRLS();

/** What staff did inside a community (reveals of personal data, settings changes…). Append-only. */
export const auditEvents = pgTable(
  'audit_events',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id'),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), tenantIsolation('audit_events')],
).enableRLS();
