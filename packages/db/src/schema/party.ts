import { sql } from 'drizzle-orm';
import { check, date, foreignKey, index, integer, pgEnum, pgTable, primaryKey, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId, tenantIsolation } from './columns.ts';
import { partnerUnits } from './cogovernance.ts';
import { grids } from './community.ts';
import { users } from './identity.ts';
import { orgUnits } from './org.ts';
import { residents } from './residents.ts';

// The community's party organisation (issue 16): 党总支 › 党支部 › 网格党小组 (a grid party group belongs to a grid),
// and its members, people of the register. Tenant-owned, forced RLS with the tenant policy.

export const partyOrgKind = pgEnum('party_org_kind', ['general_branch', 'branch', 'grid_group']);
/** 'local': a member whose organisation is here; 'reporting': 在职党员报到 (works elsewhere, reports where they live). */
export const partyMemberKind = pgEnum('party_member_kind', ['local', 'reporting']);

/** 党总支 / 党支部 / 网格党小组: a tree (parent), a grid group tied to its grid. */
export const partyOrgs = pgTable(
  'party_orgs',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    kind: partyOrgKind('kind').notNull(),
    name: varchar('name', { length: 40 }).notNull(),
    parentId: uuid('parent_id'),
    gridId: uuid('grid_id'),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: createdAt(),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('party_orgs_tenant_name_key').on(t.tenantId, t.name).where(sql`${t.retiredAt} is null`),
    index('party_orgs_tenant_grid_idx').on(t.tenantId, t.gridId),
    foreignKey({ name: 'party_orgs_parent_fk', columns: [t.tenantId, t.parentId], foreignColumns: [t.tenantId, t.id] }),
    foreignKey({ name: 'party_orgs_grid_fk', columns: [t.tenantId, t.gridId], foreignColumns: [grids.tenantId, grids.id] }),
    check('party_orgs_grid_group_has_grid', sql`(${t.kind} = 'grid_group') = (${t.gridId} is not null)`),
    check('party_orgs_root_is_general', sql`(${t.kind} = 'general_branch') = (${t.parentId} is null)`),
    tenantIsolation('party_orgs'),
  ],
).enableRLS();

/**
 * A party member: a person of the register in one of the community's party organisations. `kind` 'reporting' is
 * 在职党员报到: `workUnit` is where they work, `reportedOn` the day they reported (null: not yet). One current
 * membership per person (`leftAt` null).
 */
export const partyMembers = pgTable(
  'party_members',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    residentId: uuid('resident_id').notNull(),
    orgId: uuid('org_id').notNull(),
    kind: partyMemberKind('kind').notNull().default('local'),
    workUnit: varchar('work_unit', { length: 60 }),
    /** The partner unit (共建单位) the reporting member works at, when it is one of the community's (issue 18, decision 057). */
    partnerUnitId: uuid('partner_unit_id'),
    reportedOn: date('reported_on', { mode: 'string' }),
    duty: varchar('duty', { length: 12 }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    leftAt: timestamp('left_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('party_members_current_key').on(t.tenantId, t.residentId).where(sql`${t.leftAt} is null`),
    index('party_members_org_idx').on(t.tenantId, t.orgId),
    foreignKey({ name: 'party_members_resident_fk', columns: [t.tenantId, t.residentId], foreignColumns: [residents.tenantId, residents.id] }),
    foreignKey({ name: 'party_members_org_fk', columns: [t.tenantId, t.orgId], foreignColumns: [partyOrgs.tenantId, partyOrgs.id] }),
    foreignKey({ name: 'party_members_unit_fk', columns: [t.tenantId, t.partnerUnitId], foreignColumns: [partnerUnits.tenantId, partnerUnits.id] }),
    index('party_members_unit_idx').on(t.tenantId, t.partnerUnitId).where(sql`${t.partnerUnitId} is not null`),
    check('party_members_reporting_unit', sql`${t.kind} = 'local' or ${t.workUnit} is not null`),
    tenantIsolation('party_members'),
  ],
).enableRLS();
