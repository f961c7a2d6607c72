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
