import { sql } from 'drizzle-orm';
import { check, index, inet, integer, pgEnum, pgPolicy, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { ROLES } from '@shequ/domain';
import { COMMUNITIES_IN_REACH, createdAt, CURRENT_TENANT, CURRENT_UNITS, CURRENT_USER_ID, id, inSystemScope, OFFICES_AROUND, UNITS_BELOW, updatedAt } from './columns.ts';
import { orgUnits } from './org.ts';

export const role = pgEnum('role', ROLES);

/**
 * Staff accounts (not residents: residents have none). A reference table: one person may work for several units.
 * The password hash is not here but in user_passwords, which only the authentication scope reads (issue 13).
 */
export const users = pgTable(
  'users',
  {
    id: id(),
    displayName: text('display_name').notNull(),
    mobile: varchar('mobile', { length: 11 }),
    email: text('email'),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.id] }),
    uniqueIndex('users_mobile_key').on(t.mobile),
    uniqueIndex('users_email_key').on(t.email),
    check('users_has_identifier', sql`${t.mobile} IS NOT NULL OR ${t.email} IS NOT NULL`),
    check('users_email_lowercase', sql`${t.email} = lower(${t.email})`),
    // Decision 019: a person sees their own account; a scope sees the accounts of the memberships and invitations it
    // sees (its colleagues, the offices around it, the people it invited), evaluated under those tables' own policies.
    // Signing in, sessions and one-time links (authentication) and operators' maintenance read any account. Finding an
    // account by mobile or email from another scope goes through account_by_identifier (ids only, never a hash).
    pgPolicy('users_read', {
      as: 'permissive',
      for: 'select',
      using: sql`id = ${CURRENT_USER_ID} or id in (select m.user_id from memberships m) or id in (select i.user_id from invitations i)
        or ${inSystemScope('authentication', 'maintenance', 'account-lookup')}`,
    }),
    // A new account is created by whoever invites it (a community, an officer) or in maintenance; it gets a place only
    // when its invitation is accepted.
    pgPolicy('users_create', {
      as: 'permissive',
      for: 'insert',
      withCheck: sql`${CURRENT_TENANT} is not null or ${CURRENT_UNITS} is not null or ${inSystemScope('authentication', 'maintenance')}`,
    }),
    // Changed by its person (name, password), by the authentication scope (reset links, invitations) and maintenance.
    pgPolicy('users_write', {
      as: 'permissive',
      for: 'update',
      using: sql`id = ${CURRENT_USER_ID} or ${inSystemScope('authentication', 'maintenance')}`,
      withCheck: sql`id = ${CURRENT_USER_ID} or ${inSystemScope('authentication', 'maintenance')}`,
    }),
    pgPolicy('users_delete', { as: 'permissive', for: 'delete', using: inSystemScope('maintenance') }),
  ],
).enableRLS();

/** A role held in an org unit. Platform operators hold theirs in no unit. */
export const memberships = pgTable(
  'memberships',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: role('role').notNull(),
    orgUnitId: uuid('org_unit_id').references(() => orgUnits.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.id] }),
    unique('memberships_user_role_unit_key').on(t.userId, t.role, t.orgUnitId).nullsNotDistinct(),
    index('memberships_org_unit_idx').on(t.orgUnitId),
    check('memberships_unit_matches_role', sql`(${t.role} = 'platform_operator') = (${t.orgUnitId} IS NULL)`),
    // Decision 019: a person's own memberships; a community's staff; the officers of the offices around a community or
    // an officer (its street, district and departments: whom its work is handed to); the staff of the communities an
    // officer reaches. Signing in and maintenance see all; 'account-lookup' is set only by the SECURITY DEFINER
    // functions of migration 0027 (account_places: ids, roles and units of given accounts, for the account rules).
    pgPolicy('memberships_read', {
      as: 'permissive',
      for: 'select',
      using: sql`user_id = ${CURRENT_USER_ID} or org_unit_id = ${CURRENT_TENANT} or org_unit_id = any(${CURRENT_UNITS})
        or org_unit_id in ${OFFICES_AROUND} or org_unit_id in ${COMMUNITIES_IN_REACH}
        or ${inSystemScope('authentication', 'maintenance', 'account-lookup')}`,
    }),
    // Granted and withdrawn by the community itself, by officers for the units they manage, by accepting an invitation
    // (authentication) and in maintenance; never by a person to themselves.
    pgPolicy('memberships_write', {
      as: 'permissive',
      for: 'all',
      using: sql`org_unit_id = ${CURRENT_TENANT} or org_unit_id in ${UNITS_BELOW} or ${inSystemScope('authentication', 'maintenance')}`,
      withCheck: sql`org_unit_id = ${CURRENT_TENANT} or org_unit_id in ${UNITS_BELOW} or ${inSystemScope('authentication', 'maintenance')}`,
    }),
  ],
).enableRLS();

/**
 * Server-side sessions: the cookie holds a random token, the table its SHA-256, so a database leak yields no usable cookie.
 * Deleting the row signs the session out everywhere.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: varchar('id', { length: 64 }).notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    membershipId: uuid('membership_id').references(() => memberships.id, { onDelete: 'set null' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    ip: inet('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [
    primaryKey({ columns: [t.id] }),
    index('sessions_user_idx').on(t.userId),
    index('sessions_expires_idx').on(t.expiresAt),
    // A person's own sessions (decision 019); a cookie is turned into its session, and expired ones are purged, only
    // in the named system scopes for that.
    pgPolicy('sessions_scope', {
      as: 'permissive',
      for: 'all',
      using: sql`user_id = ${CURRENT_USER_ID} or ${inSystemScope('authentication', 'session-purge', 'maintenance')}`,
      withCheck: sql`user_id = ${CURRENT_USER_ID} or ${inSystemScope('authentication', 'session-purge', 'maintenance')}`,
    }),
  ],
).enableRLS();

/**
 * A role offered to someone, waiting for them (issue 13: a role added to an existing account needs that person's
 * acceptance; issue 15: an admin sees whether an invitation was accepted). The membership is created only when the
 * invitation is accepted through its one-time link; grid_ids are the grids a grid worker takes on then.
 * revoked_at: replaced by a newer invitation for the same role and unit, or withdrawn.
 */
export const invitations = pgTable(
  'invitations',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The name as the inviter typed it: shown to the inviter instead of the account's own (never revealed). */
    inviteeName: text('invitee_name').notNull(),
    role: role('role').notNull(),
    orgUnitId: uuid('org_unit_id').references(() => orgUnits.id),
    gridIds: uuid('grid_ids').array().notNull().default(sql`'{}'::uuid[]`),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.id] }),
    index('invitations_org_unit_idx').on(t.orgUnitId, t.createdAt),
    index('invitations_user_idx').on(t.userId),
    check('invitations_unit_matches_role', sql`(${t.role} = 'platform_operator') = (${t.orgUnitId} IS NULL)`),
    // Seen and written by the unit the role is in (a community's admin, an officer's units and what they reach), by
    // the person invited and the inviter, and in the authentication (accepting) and maintenance scopes (decision 019).
    pgPolicy('invitations_scope', {
      as: 'permissive',
      for: 'all',
      using: sql`org_unit_id = ${CURRENT_TENANT} or org_unit_id = any(${CURRENT_UNITS}) or org_unit_id in (select o.id from org_units o where o.district_id = any(${CURRENT_UNITS}) or o.street_id = any(${CURRENT_UNITS}))
        or user_id = ${CURRENT_USER_ID} or invited_by = ${CURRENT_USER_ID} or ${inSystemScope('authentication', 'maintenance')}`,
      withCheck: sql`org_unit_id = ${CURRENT_TENANT} or org_unit_id = any(${CURRENT_UNITS}) or org_unit_id in (select o.id from org_units o where o.district_id = any(${CURRENT_UNITS}) or o.street_id = any(${CURRENT_UNITS}))
        or user_id = ${CURRENT_USER_ID} or invited_by = ${CURRENT_USER_ID} or ${inSystemScope('authentication', 'maintenance')}`,
    }),
  ],
).enableRLS();

export const authTokenPurpose = pgEnum('auth_token_purpose', ['password_reset', 'invitation']);

/** One-time links (password reset issued by an admin, invitations): stored hashed, single use, expiring. */
export const authTokens = pgTable(
  'auth_tokens',
  {
    id: varchar('id', { length: 64 }).notNull(),
    purpose: authTokenPurpose('purpose').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    issuedBy: uuid('issued_by').references(() => users.id, { onDelete: 'set null' }),
    /** For an invitation link: the role it offers. */
    invitationId: uuid('invitation_id').references(() => invitations.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.id] }),
    index('auth_tokens_user_idx').on(t.userId),
    // Seen by the person they are for and by whoever issued them; a link is redeemed, and expired ones purged, only
    // in the named system scopes for that (decision 019).
    pgPolicy('auth_tokens_scope', {
      as: 'permissive',
      for: 'all',
      using: sql`user_id = ${CURRENT_USER_ID} or issued_by = ${CURRENT_USER_ID} or ${inSystemScope('authentication', 'session-purge', 'maintenance')}`,
      withCheck: sql`user_id = ${CURRENT_USER_ID} or issued_by = ${CURRENT_USER_ID} or ${inSystemScope('authentication', 'session-purge', 'maintenance')}`,
    }),
  ],
).enableRLS();

/**
 * Codes sent by text message for an account holder's own password reset (issue 13: anything an admin may not do
 * goes through the holder). Keyed by the mobile as typed (normalised), whether or not an account has it: a mobile
 * without an account gets a row too (user_id null, nothing sent), so asking answers alike either way. Only a slow
 * hash of the code is stored (scrypt, salted: a leaked row is worth nothing within its ten minutes); attempts counts
 * wrong codes (five end it); used_at marks it spent or replaced by a newer one. Read and written only in the
 * authentication scope (decision 019), and purged with expired sessions.
 */
export const passwordResetCodes = pgTable(
  'password_reset_codes',
  {
    id: id(),
    mobile: varchar('mobile', { length: 11 }).notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.id] }),
    index('password_reset_codes_mobile_idx').on(t.mobile, t.createdAt),
    index('password_reset_codes_expires_idx').on(t.expiresAt),
    pgPolicy('password_reset_codes_scope', {
      as: 'permissive',
      for: 'all',
      using: sql`${inSystemScope('authentication', 'session-purge')}`,
      withCheck: sql`${inSystemScope('authentication', 'session-purge')}`,
    }),
  ],
).enableRLS();

/**
 * An account's password hash (argon2id), apart from its account (issue 13): a users row is visible to every scope
 * that sees the person (colleagues, offices around them), its hash only where a password is checked or set, in the
 * authentication scope (sign-in, one-time links, invitations, reset by code). No row = no password set yet (an
 * invited account before it accepts). Seed data, test fixtures and the migration that moved the hashes here write in
 * maintenance, which cannot read them back. `account-lookup` is the scope account_by_identifier declares inside the
 * database for its "has a password" flag; nothing in the apps sets it.
 */
export const userPasswords = pgTable(
  'user_passwords',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    hash: text('hash').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.userId] }),
    pgPolicy('user_passwords_read', { as: 'permissive', for: 'select', using: inSystemScope('authentication', 'account-lookup') }),
    pgPolicy('user_passwords_create', { as: 'permissive', for: 'insert', withCheck: inSystemScope('authentication', 'maintenance') }),
    pgPolicy('user_passwords_write', { as: 'permissive', for: 'update', using: inSystemScope('authentication'), withCheck: inSystemScope('authentication') }),
    pgPolicy('user_passwords_delete', { as: 'permissive', for: 'delete', using: inSystemScope('authentication', 'maintenance') }),
  ],
).enableRLS();
