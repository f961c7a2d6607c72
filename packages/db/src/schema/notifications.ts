import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgEnum, pgPolicy, pgTable, primaryKey, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';
import { NOTIFICATION_CHANNELS, OUTBOX_STATES } from '@shequ/domain';
import { COMMUNITIES_IN_REACH, createdAt, CURRENT_TENANT, CURRENT_UNITS, CURRENT_USER_ID, id, inSystemScope } from './columns.ts';
import { users } from './identity.ts';
import { orgUnits } from './org.ts';

export const notificationChannel = pgEnum('notification_channel', NOTIFICATION_CHANNELS);
export const outboxState = pgEnum('outbox_state', OUTBOX_STATES);

/** A notification kind is data (decision 026): a new feature adds its kind and its texts, not an enum migration. */
const kindFormat = (column: unknown) => sql`${column} ~ '^[a-z][a-z0-9_.]*$'`;

/**
 * In-app notifications (the bell). Written in the same transaction as the change that causes them. A user's bell
 * spans every community they work in, so the table belongs to its user (decision 026): `user_id` leads the keys;
 * `community_id` names the community the notification is about (a fact, not the owner), and (subject type, id)
 * what in it.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: varchar('kind', { length: 60 }).notNull(),
    communityId: uuid('community_id').references(() => orgUnits.id),
    subjectType: varchar('subject_type', { length: 40 }),
    subjectId: uuid('subject_id'),
    /** Facts to render the message with (tracking code, names); never a resident's personal data. */
    data: jsonb('data').$type<Record<string, string | number | null>>().notNull().default({}),
    createdAt: createdAt(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: 'notifications_pkey', columns: [t.userId, t.id] }),
    index('notifications_user_idx').on(t.userId, t.createdAt),
    index('notifications_unread_idx').on(t.userId).where(sql`${t.readAt} IS NULL`),
    check('notifications_kind_format', kindFormat(t.kind)),
    // Decision 019: a bell is read, marked and cleared by its person only (and in maintenance). It is written by the
    // transaction of the community the news is about (a community's, or an officer acting on its case), or by an
    // officer about a community they reach: never read back by the writer.
    pgPolicy('notifications_own', {
      as: 'permissive',
      for: 'all',
      using: sql`user_id = ${CURRENT_USER_ID} or ${inSystemScope('maintenance')}`,
      withCheck: sql`user_id = ${CURRENT_USER_ID} or ${inSystemScope('maintenance')}`,
    }),
    pgPolicy('notifications_send', {
      as: 'permissive',
      for: 'insert',
      withCheck: sql`community_id = ${CURRENT_TENANT} or community_id in ${COMMUNITIES_IN_REACH}`,
    }),
  ],
).enableRLS();

/**
 * Messages to deliver outside the app (email, SMS, WeChat), written with the change that causes them; a relay
 * moves pending rows to the delivery queue; delivery retries with backoff and ends `failed` for operators to retry.
 * Every message is about something in a community, so the table belongs to the community (decision 026):
 * `tenant_id` leads its keys. The row's id is the message's idempotency key at every transport, and
 * `attempt_token` marks the one delivery attempt allowed to send it now.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => orgUnits.id),
    channel: notificationChannel('channel').notNull(),
    kind: varchar('kind', { length: 60 }).notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    /** Where it goes: an email address or a mobile number (residents' numbers are sealed, see personal data). */
    recipient: text('recipient').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    /**
     * The facts the text was written from, as a JSON object of strings (e.g. `{"code":"123456","minutes":"5"}`):
     * an SMS gateway sends only approved templates, filled with these variables (decision 042). Sealed (`sealed:`)
     * like the body when it holds a code. Null for messages written before 0034 and for channels that send the body.
     */
    params: text('params'),
    state: outboxState('state').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** Set when a delivery attempt claims the row; only the holder of this token may mark it sent or failed. */
    attemptToken: uuid('attempt_token'),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: createdAt(),
    queuedAt: timestamp('queued_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: 'outbox_pkey', columns: [t.tenantId, t.id] }),
    index('outbox_state_idx').on(t.state, t.createdAt),
    check('outbox_kind_format', kindFormat(t.kind)),
    // Decision 019: written in the community's transaction the message is about; relayed and delivered by the worker
    // ('outbox-relay'), listed and retried by operators (maintenance).
    pgPolicy('outbox_scope', {
      as: 'permissive',
      for: 'all',
      using: sql`tenant_id = ${CURRENT_TENANT} or ${inSystemScope('outbox-relay', 'maintenance')}`,
      withCheck: sql`tenant_id = ${CURRENT_TENANT} or ${inSystemScope('outbox-relay', 'maintenance')}`,
    }),
    // A reset code by text message (decision 033) is written in the authentication scope, before anyone is known;
    // that scope may add such a message and nothing else, and never reads the outbox.
    pgPolicy('outbox_reset_code', {
      as: 'permissive',
      for: 'insert',
      withCheck: sql`${inSystemScope('authentication')} and kind = 'password_reset_code'`,
    }),
  ],
).enableRLS();

/**
 * Which channels a user receives (in-app is always on). Written only by its user; read by its user and by any
 * community or officer transaction that notifies people (it only says which channels they chose), and by delivery.
 */
export const notificationSettings = pgTable(
  'notification_settings',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    channels: jsonb('channels').$type<string[]>().notNull().default(['email']),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  () => [
    pgPolicy('notification_settings_read', {
      as: 'permissive',
      for: 'select',
      using: sql`user_id = ${CURRENT_USER_ID} or ${CURRENT_TENANT} is not null or ${CURRENT_UNITS} is not null or ${inSystemScope('outbox-relay', 'maintenance')}`,
    }),
    pgPolicy('notification_settings_own', {
      as: 'permissive',
      for: 'all',
      using: sql`user_id = ${CURRENT_USER_ID} or ${inSystemScope('maintenance')}`,
      withCheck: sql`user_id = ${CURRENT_USER_ID} or ${inSystemScope('maintenance')}`,
    }),
  ],
).enableRLS();
