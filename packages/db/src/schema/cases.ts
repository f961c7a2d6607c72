import { sql } from 'drizzle-orm';
import { boolean, check, foreignKey, index, integer, jsonb, pgEnum, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { CASE_STATUSES, CHANNELS, CLOSE_KINDS, REJECT_REASONS } from '@shequ/domain';
import { createdAt, id, tenantId, tenantIsolation, updatedAt } from './columns.ts';
import { buildings, categories, grids } from './community.ts';
import { users } from './identity.ts';
import { orgUnits } from './org.ts';
import { residents } from './residents.ts';

export const caseStatus = pgEnum('case_status', CASE_STATUSES);
export const caseChannel = pgEnum('case_channel', CHANNELS);
export const closeKind = pgEnum('close_kind', CLOSE_KINDS);
export const rejectReason = pgEnum('reject_reason', REJECT_REASONS);

/**
 * QR codes residents scan: one for the community (building_id null) and one per building. The token in the URL is
 * unguessable; rotating a code marks the old row replaced (its URL then shows a friendly notice).
 */
export const qrCodes = pgTable(
  'qr_codes',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    buildingId: uuid('building_id'),
    token: varchar('token', { length: 32 }).notNull(),
    createdAt: createdAt(),
    replacedAt: timestamp('replaced_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('qr_codes_tenant_token_key').on(t.tenantId, t.token),
    foreignKey({ name: 'qr_codes_building_fk', columns: [t.tenantId, t.buildingId], foreignColumns: [buildings.tenantId, buildings.id] }),
    tenantIsolation('qr_codes'),
  ],
).enableRLS();

/** A resident's request (微心愿 and other cases), from submission until closed. */
export const cases = pgTable(
  'cases',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    trackingCode: varchar('tracking_code', { length: 10 }).notNull(),
    kind: varchar('kind', { length: 20 }).notNull().default('wish'),
    categoryId: uuid('category_id').notNull(),
    content: text('content').notNull(),
    buildingId: uuid('building_id'),
    gridId: uuid('grid_id'),
    channel: caseChannel('channel').notNull(),
    status: caseStatus('status').notNull().default('submitted'),
    assigneeId: uuid('assignee_id').references(() => users.id),
    /** AES-256-GCM ciphertexts (see use-cases/security/personal-data.ts); the hint is the masked form shown in lists. */
    reporterNameEnc: text('reporter_name_enc'),
    reporterMobileEnc: text('reporter_mobile_enc'),
    reporterHint: text('reporter_hint'),
    /** The reporter's mobile as a keyed hash (blind index, decision 034): their register entry finds their wishes by it. */
    reporterMobileIndex: varchar('reporter_mobile_index', { length: 64 }),
    /** The register's person this case is about, when staff linked it (decision 034). */
    residentId: uuid('resident_id'),
    consentAt: timestamp('consent_at', { withTimezone: true }),
    resolution: text('resolution'),
    rejectReason: rejectReason('reject_reason'),
    rejectNote: text('reject_note'),
    mergedIntoId: uuid('merged_into_id'),
    rating: smallint('rating'),
    ratingComment: text('rating_comment'),
    reopenCount: smallint('reopen_count').notNull().default(0),
    closeKind: closeKind('close_kind'),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    /**
     * The random key the form carried (one per form shown): the same form sent twice — a double tap, a retry after
     * a lost answer, the fast lane handing a failed attempt to Remix — stores one case, and both get its tracking code.
     */
    submissionKey: varchar('submission_key', { length: 64 }),
    /**
     * Escalation (issue 4). The holder is the street or department that has the case now (null: the community);
     * street and district are those it was escalated to (kept even if the community later moves).
     */
    holderOrgUnitId: uuid('holder_org_unit_id').references(() => orgUnits.id),
    streetId: uuid('street_id').references(() => orgUnits.id),
    districtId: uuid('district_id').references(() => orgUnits.id),
    leadDepartmentId: uuid('lead_department_id').references(() => orgUnits.id),
    coDepartmentIds: uuid('co_department_ids').array().notNull().default(sql`'{}'::uuid[]`),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    /** Set while the holder waits for the resident's information: the running deadline is paused meanwhile. */
    awaitingResidentSince: timestamp('awaiting_resident_since', { withTimezone: true }),
    /** The first breach of any deadline of this case (超期). */
    overdueAt: timestamp('overdue_at', { withTimezone: true }),
    supervisedAt: timestamp('supervised_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /** Bumped by every change: a conditional update on it makes concurrent or repeated actions apply once. */
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('cases_tenant_tracking_code_key').on(t.tenantId, t.trackingCode),
    uniqueIndex('cases_tenant_submission_key').on(t.tenantId, t.submissionKey).where(sql`${t.submissionKey} is not null`),
    index('cases_tenant_status_created_idx').on(t.tenantId, t.status, t.createdAt),
    // A community's cases received on given days (rollup refreshes, date-range filters).
    index('cases_tenant_created_idx').on(t.tenantId, t.createdAt),
    index('cases_tenant_assignee_idx').on(t.tenantId, t.assigneeId),
    index('cases_tenant_grid_idx').on(t.tenantId, t.gridId),
    index('cases_tenant_reporter_mobile_idx').on(t.tenantId, t.reporterMobileIndex).where(sql`${t.reporterMobileIndex} is not null`),
    index('cases_tenant_resident_idx').on(t.tenantId, t.residentId).where(sql`${t.residentId} is not null`),
    index('cases_tenant_overdue_idx').on(t.tenantId, t.overdueAt),
    // The wishes merged into a case (their reporters follow it: messages, figures).
    index('cases_tenant_merged_into_idx').on(t.tenantId, t.mergedIntoId).where(sql`${t.mergedIntoId} is not null`),
    // The inbox search compares folded text (like.ts: foldedText), so the index is on that expression.
    index('cases_content_folded_trgm_idx').using('gin', sql`lower(normalize(${t.content}, NFKC)) gin_trgm_ops`),
    foreignKey({ name: 'cases_category_fk', columns: [t.tenantId, t.categoryId], foreignColumns: [categories.tenantId, categories.id] }),
    foreignKey({ name: 'cases_building_fk', columns: [t.tenantId, t.buildingId], foreignColumns: [buildings.tenantId, buildings.id] }),
    foreignKey({ name: 'cases_grid_fk', columns: [t.tenantId, t.gridId], foreignColumns: [grids.tenantId, grids.id] }),
    foreignKey({ name: 'cases_resident_fk', columns: [t.tenantId, t.residentId], foreignColumns: [residents.tenantId, residents.id] }),
    foreignKey({ name: 'cases_merged_into_fk', columns: [t.tenantId, t.mergedIntoId], foreignColumns: [t.tenantId, t.id] }),
    check('cases_rating_range', sql`${t.rating} IS NULL OR ${t.rating} BETWEEN 1 AND 5`),
    check('cases_content_length', sql`char_length(${t.content}) BETWEEN 1 AND 1000`),
    tenantIsolation('cases'),
  ],
).enableRLS();

/** The case's timeline. Append-only: the runtime role may insert and read, never update or delete. */
export const caseEvents = pgTable(
  'case_events',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    caseId: uuid('case_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorKind: varchar('actor_kind', { length: 10 }).notNull(),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    type: varchar('type', { length: 30 }).notNull(),
    /** Public events show on the resident's tracking page (without staff names); the rest are internal. */
    public: boolean('public').notNull().default(false),
    body: text('body'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('case_events_case_idx').on(t.tenantId, t.caseId, t.at),
    foreignKey({ name: 'case_events_case_fk', columns: [t.tenantId, t.caseId], foreignColumns: [cases.tenantId, cases.id] }),
    tenantIsolation('case_events'),
  ],
).enableRLS();

export const casePhotos = pgTable(
  'case_photos',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    caseId: uuid('case_id').notNull(),
    storageKey: text('storage_key').notNull(),
    mime: varchar('mime', { length: 20 }).notNull(),
    bytes: integer('bytes').notNull(),
    hiddenAt: timestamp('hidden_at', { withTimezone: true }),
    hiddenBy: uuid('hidden_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('case_photos_case_idx').on(t.tenantId, t.caseId),
    foreignKey({ name: 'case_photos_case_fk', columns: [t.tenantId, t.caseId], foreignColumns: [cases.tenantId, cases.id] }),
    tenantIsolation('case_photos'),
  ],
).enableRLS();

/** Reusable public replies (回复模板). */
export const replyTemplates = pgTable(
  'reply_templates',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), uniqueIndex('reply_templates_tenant_title_key').on(t.tenantId, t.title), tenantIsolation('reply_templates')],
).enableRLS();

/** Per-community settings. One row per tenant. */
export const communitySettings = pgTable(
  'community_settings',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    unratedCloseDays: smallint('unrated_close_days').notNull().default(7),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId] }), check('community_settings_unrated_days', sql`${t.unratedCloseDays} BETWEEN 1 AND 60`), tenantIsolation('community_settings')],
).enableRLS();
