import { sql } from 'drizzle-orm';
import { type AnyPgColumn, check, index, jsonb, pgEnum, pgTable, primaryKey, text, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { ORG_KINDS, ORG_STATUSES } from '@shequ/domain';
import { createdAt, id, updatedAt } from './columns.ts';

export const orgKind = pgEnum('org_kind', ORG_KINDS);
export const orgStatus = pgEnum('org_status', ORG_STATUSES);

export type CommunityProfile = { areaKm2?: number; residents?: number; partnerUnits?: number };

/**
 * The hierarchy: a reference table (replicated to every node under Citus). A community's id is its tenant id.
 * district_id / street_id are denormalised ancestors so scoping by level is one equality, not a recursive query.
 */
export const orgUnits = pgTable(
  'org_units',
  {
    id: id(),
    kind: orgKind('kind').notNull(),
    parentId: uuid('parent_id').references((): AnyPgColumn => orgUnits.id),
    districtId: uuid('district_id').references((): AnyPgColumn => orgUnits.id),
    streetId: uuid('street_id').references((): AnyPgColumn => orgUnits.id),
    name: text('name').notNull(),
    adminCode: varchar('admin_code', { length: 12 }),
    slug: varchar('slug', { length: 40 }),
    status: orgStatus('status').notNull().default('active'),
    profile: jsonb('profile').$type<CommunityProfile>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.id] }),
    uniqueIndex('org_units_admin_code_key').on(t.adminCode),
    uniqueIndex('org_units_slug_key').on(t.slug),
    uniqueIndex('org_units_parent_name_key').on(t.parentId, t.kind, t.name),
    index('org_units_street_idx').on(t.streetId),
    index('org_units_district_idx').on(t.districtId),
    check('org_units_admin_code_shape', sql`${t.adminCode} ~ '^[0-9]{12}$'`),
    check('org_units_slug_only_community', sql`${t.slug} IS NULL OR ${t.kind} = 'community'`),
  ],
);
