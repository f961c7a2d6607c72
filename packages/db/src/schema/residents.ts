import { sql } from 'drizzle-orm';
import { boolean, check, date, foreignKey, index, integer, pgEnum, pgPolicy, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { CONSENT_CHANNELS, CONSENT_PURPOSES, GENDERS, RESIDENT_LINK_KINDS, RESIDENT_STATUSES } from '@shequ/domain';
import { createdAt, id, inSystemScope, tenantId, tenantIsolation, updatedAt } from './columns.ts';
import { buildings } from './community.ts';
import { users } from './identity.ts';
import { orgUnits } from './org.ts';

// The residents' register (居民档案, decision 034). Tenant-owned: tenant_id leads every key, forced RLS.

export const residentStatus = pgEnum('resident_status', RESIDENT_STATUSES);
export const residentGender = pgEnum('resident_gender', GENDERS);
export const residentLinkKind = pgEnum('resident_link_kind', RESIDENT_LINK_KINDS);
export const consentPurpose = pgEnum('consent_purpose', CONSENT_PURPOSES);
export const consentChannel = pgEnum('consent_channel', CONSENT_CHANNELS);

/**
 * A person of the community. Name, mobile and ID number are AES-256-GCM ciphertexts (use-cases
 * security/personal-data.ts) with their masked hints for lists; `*_index` are keyed hashes (HMAC, blind index) for
 * exact look-ups, and `name_pieces` the keyed hashes of the name's characters and pairs for fragment search.
 */
export const residents = pgTable(
  'residents',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    nameEnc: text('name_enc').notNull(),
    nameHint: text('name_hint').notNull(),
    namePieces: text('name_pieces').array().notNull().default(sql`'{}'::text[]`),
    mobileEnc: text('mobile_enc'),
    mobileHint: text('mobile_hint'),
    mobileIndex: varchar('mobile_index', { length: 64 }),
    idNumberEnc: text('id_number_enc'),
    idNumberHint: text('id_number_hint'),
    idNumberIndex: varchar('id_number_index', { length: 64 }),
    gender: residentGender('gender'),
    /** YYYY-MM or YYYY-MM-DD (compared as text: a month sorts before the days of that month). */
    birth: varchar('birth', { length: 10 }),
    buildingId: uuid('building_id'),
    unit: varchar('unit', { length: 10 }),
    room: varchar('room', { length: 10 }),
    status: residentStatus('status').notNull().default('active'),
    movedOutAt: timestamp('moved_out_at', { withTimezone: true }),
    mergedIntoId: uuid('merged_into_id'),
    note: text('note'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    // One record per ID number in a community (a merged record keeps its number for history).
    uniqueIndex('residents_tenant_id_number_key').on(t.tenantId, t.idNumberIndex).where(sql`${t.idNumberIndex} is not null and ${t.status} <> 'merged'`),
    index('residents_tenant_mobile_idx').on(t.tenantId, t.mobileIndex),
    index('residents_tenant_building_idx').on(t.tenantId, t.buildingId),
    index('residents_tenant_status_idx').on(t.tenantId, t.status, t.createdAt),
    index('residents_name_pieces_idx').using('gin', t.namePieces),
    foreignKey({ name: 'residents_building_fk', columns: [t.tenantId, t.buildingId], foreignColumns: [buildings.tenantId, buildings.id] }),
    foreignKey({ name: 'residents_merged_into_fk', columns: [t.tenantId, t.mergedIntoId], foreignColumns: [t.tenantId, t.id] }),
    check('residents_merged_has_target', sql`(${t.status} = 'merged') = (${t.mergedIntoId} is not null)`),
    tenantIsolation('residents'),
    // Declared only inside two SECURITY DEFINER functions (migration 0030, decision 035): 'resident-lookup' by
    // resident_communities (which communities know a mobile's keyed hash, answered to a resident who has just proved
    // the number with a code), 'resident-count' by resident_counts (streets and districts see counts, not people).
    pgPolicy('residents_aggregate_paths', { as: 'permissive', for: 'select', using: sql`${inSystemScope('resident-lookup', 'resident-count')}` }),
  ],
).enableRLS();

/** The community's list of tags (独居, 高龄, 党员 …): seeded with DEFAULT_RESIDENT_TAGS, extended by the community. */
export const residentTags = pgTable(
  'resident_tags',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    name: varchar('name', { length: 12 }).notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    active: boolean('active').notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), uniqueIndex('resident_tags_tenant_name_key').on(t.tenantId, t.name), tenantIsolation('resident_tags')],
).enableRLS();

/** A person's tags. */
export const residentTagLinks = pgTable(
  'resident_tag_links',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    residentId: uuid('resident_id').notNull(),
    tagId: uuid('tag_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.residentId, t.tagId] }),
    index('resident_tag_links_tag_idx').on(t.tenantId, t.tagId),
    foreignKey({ name: 'resident_tag_links_resident_fk', columns: [t.tenantId, t.residentId], foreignColumns: [residents.tenantId, residents.id] }),
    foreignKey({ name: 'resident_tag_links_tag_fk', columns: [t.tenantId, t.tagId], foreignColumns: [residentTags.tenantId, residentTags.id] }),
    tenantIsolation('resident_tag_links'),
  ],
).enableRLS();

/** Household links: `residentId` lives with, or has as family contact, `otherId` (relation: 配偶, 子女 …). */
export const residentLinks = pgTable(
  'resident_links',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    residentId: uuid('resident_id').notNull(),
    otherId: uuid('other_id').notNull(),
    kind: residentLinkKind('kind').notNull(),
    relation: varchar('relation', { length: 10 }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('resident_links_pair_key').on(t.tenantId, t.residentId, t.otherId, t.kind),
    index('resident_links_other_idx').on(t.tenantId, t.otherId),
    foreignKey({ name: 'resident_links_resident_fk', columns: [t.tenantId, t.residentId], foreignColumns: [residents.tenantId, residents.id] }),
    foreignKey({ name: 'resident_links_other_fk', columns: [t.tenantId, t.otherId], foreignColumns: [residents.tenantId, residents.id] }),
    check('resident_links_not_self', sql`${t.residentId} <> ${t.otherId}`),
    tenantIsolation('resident_links'),
  ],
).enableRLS();

/** What a person agreed to (register, contact, text messages), when, by which channel, and who recorded it. */
export const residentConsents = pgTable(
  'resident_consents',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    residentId: uuid('resident_id').notNull(),
    purpose: consentPurpose('purpose').notNull(),
    channel: consentChannel('channel').notNull(),
    givenOn: date('given_on', { mode: 'string' }).notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('resident_consents_resident_idx').on(t.tenantId, t.residentId),
    foreignKey({ name: 'resident_consents_resident_fk', columns: [t.tenantId, t.residentId], foreignColumns: [residents.tenantId, residents.id] }),
    tenantIsolation('resident_consents'),
  ],
).enableRLS();
