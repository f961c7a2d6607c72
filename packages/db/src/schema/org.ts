import { sql } from 'drizzle-orm';
import { type AnyPgColumn, check, index, integer, jsonb, pgEnum, pgPolicy, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { ORG_KINDS, ORG_STATUSES } from '@shequ/domain';
import { createdAt, CURRENT_UNITS, CURRENT_USER_ID, id, inSystemScope, updatedAt } from './columns.ts';

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

/**
 * Every move of a community to another street, kept forever: dashboards attribute a period's figures to the street
 * the community belonged to at the time, and the history explains changed admin codes.
 */
export const orgUnitMoves = pgTable(
  'org_unit_moves',
  {
    id: id(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    fromStreetId: uuid('from_street_id').references(() => orgUnits.id),
    toStreetId: uuid('to_street_id')
      .notNull()
      .references(() => orgUnits.id),
    fromDistrictId: uuid('from_district_id').references(() => orgUnits.id),
    toDistrictId: uuid('to_district_id').references(() => orgUnits.id),
    fromAdminCode: varchar('from_admin_code', { length: 12 }),
    toAdminCode: varchar('to_admin_code', { length: 12 }),
    movedBy: uuid('moved_by'),
    movedAt: timestamp('moved_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.id] }), index('org_unit_moves_unit_idx').on(t.unitId, t.movedAt)],
);

export const IMPORT_STATUSES = ['checked', 'queued', 'running', 'done', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];
export const importStatus = pgEnum('import_status', IMPORT_STATUSES);

/** One row of a bulk onboarding file, as checked: `errors` empty means it can be imported. */
export type ImportRow = {
  line: number;
  district: string;
  street: string;
  community: string;
  adminCode: string;
  adminName: string;
  adminMobile: string;
  streetId: string | null;
  slug: string | null;
  /** The community already on the platform under this code (re-imports skip it). */
  existingId: string | null;
  errors: string[];
};

/** What the import did with one row. The invitation link is encrypted at rest (personal-data key) until downloaded. */
export type ImportOutcome = {
  line: number;
  result: 'created' | 'exists' | 'failed';
  communityId?: string;
  slug?: string;
  invitation?: string;
  invitationExpiresAt?: string;
  error?: string;
};

/**
 * A bulk onboarding file: checked (dry run) on upload, imported by the worker on request. Platform-level (not a tenant
 * table): it creates tenants. Re-importing is safe because each row is matched by its admin code before creating.
 */
export const onboardingImports = pgTable(
  'onboarding_imports',
  {
    id: id(),
    createdBy: uuid('created_by').notNull(),
    scopeDistrictId: uuid('scope_district_id'),
    fileName: text('file_name').notNull(),
    status: importStatus('status').notNull().default('checked'),
    rows: jsonb('rows').$type<ImportRow[]>().notNull(),
    outcomes: jsonb('outcomes').$type<ImportOutcome[]>().notNull().default([]),
    total: integer('total').notNull(),
    processed: integer('processed').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.id] }),
    index('onboarding_imports_created_idx').on(t.createdAt),
    // Its rows hold future admins' names and mobiles: seen by whoever uploaded it, the district it is scoped to,
    // and operators' maintenance (which the worker's import also runs in).
    pgPolicy('onboarding_imports_scope', {
      as: 'permissive',
      for: 'all',
      using: sql`created_by = ${CURRENT_USER_ID} or scope_district_id = any(${CURRENT_UNITS}) or ${inSystemScope('maintenance')}`,
      withCheck: sql`created_by = ${CURRENT_USER_ID} or scope_district_id = any(${CURRENT_UNITS}) or ${inSystemScope('maintenance')}`,
    }),
  ],
).enableRLS();
