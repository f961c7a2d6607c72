import { sql } from 'drizzle-orm';
import { foreignKey, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId, tenantIsolation } from './columns.ts';
import { users } from './identity.ts';
import { orgUnits } from './org.ts';
import { residents } from './residents.ts';

// Residents' own way in (decision 035): a six-digit code by text message, a session of the community, and the
// pending entry a first sign-in leaves for staff when the register does not know the number. Tenant-owned, forced
// RLS with the tenant policy: every row is looked up inside the community the resident's URL names.

/**
 * Sign-in codes asked for in a community. The mobile is kept only as its keyed hash (blind index, decision 034);
 * the code only as its slow salted hash (scrypt, the reset codes' mechanics, decision 033). attempts counts wrong
 * codes (five end it); used_at marks it spent or replaced by a newer one.
 */
export const residentSignInCodes = pgTable(
  'resident_sign_in_codes',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    mobileIndex: varchar('mobile_index', { length: 64 }).notNull(),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('resident_sign_in_codes_mobile_idx').on(t.tenantId, t.mobileIndex, t.createdAt),
    index('resident_sign_in_codes_created_idx').on(t.tenantId, t.createdAt),
    tenantIsolation('resident_sign_in_codes'),
  ],
).enableRLS();

/**
 * A first sign-in whose number the register does not know: staff confirm it (register the person, or link a record)
 * or dismiss it. The mobile is sealed like the register's. One open entry per number and community.
 */
export const residentSignUps = pgTable(
  'resident_sign_ups',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    mobileEnc: text('mobile_enc').notNull(),
    mobileHint: text('mobile_hint').notNull(),
    mobileIndex: varchar('mobile_index', { length: 64 }).notNull(),
    createdAt: createdAt(),
    /** 'confirmed' (linked to resident_id) or 'dismissed'; null while waiting. */
    outcome: varchar('outcome', { length: 10 }),
    residentId: uuid('resident_id'),
    resolvedBy: uuid('resolved_by').references(() => users.id),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('resident_sign_ups_open_key').on(t.tenantId, t.mobileIndex).where(sql`${t.resolvedAt} is null`),
    index('resident_sign_ups_created_idx').on(t.tenantId, t.createdAt),
    foreignKey({ name: 'resident_sign_ups_resident_fk', columns: [t.tenantId, t.residentId], foreignColumns: [residents.tenantId, residents.id] }),
    tenantIsolation('resident_sign_ups'),
  ],
).enableRLS();

/**
 * Residents' sessions, apart from staff sessions (`sessions`): the cookie holds a random token, the row its SHA-256,
 * in the community the resident chose. resident_id is the register entry the number was linked to at sign-in (null
 * while a sign-up waits for staff); revoked_at ends it (sign-out, staff revoking, moving out).
 */
export const residentSessions = pgTable(
  'resident_sessions',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: varchar('id', { length: 64 }).notNull(),
    mobileIndex: varchar('mobile_index', { length: 64 }).notNull(),
    mobileHint: text('mobile_hint').notNull(),
    residentId: uuid('resident_id'),
    signUpId: uuid('sign_up_id'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('resident_sessions_mobile_idx').on(t.tenantId, t.mobileIndex),
    index('resident_sessions_resident_idx').on(t.tenantId, t.residentId),
    foreignKey({ name: 'resident_sessions_resident_fk', columns: [t.tenantId, t.residentId], foreignColumns: [residents.tenantId, residents.id] }),
    foreignKey({ name: 'resident_sessions_sign_up_fk', columns: [t.tenantId, t.signUpId], foreignColumns: [residentSignUps.tenantId, residentSignUps.id] }),
    tenantIsolation('resident_sessions'),
  ],
).enableRLS();
