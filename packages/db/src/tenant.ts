import { sql } from 'drizzle-orm';
import type { Db, Tx } from './client.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

export class InvalidTenantError extends Error {
  constructor() {
    super('invalid tenant id');
    this.name = 'InvalidTenantError';
  }
}

/**
 * The one way into a tenant's rows: a transaction whose first statement sets the transaction-local tenant context
 * that every row-level-security policy reads. The setting dies with the transaction, so a pooled connection never
 * carries one tenant's context into another request.
 */
export async function withTenant<T>(db: Db, tenantId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (!isUuid(tenantId)) throw new InvalidTenantError();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.tenant_id', ${tenantId}, true)`);
    return fn(tx);
  });
}

/**
 * A transaction with no tenant context: for the reference tables (hierarchy, users, sessions) only.
 * Tenant-owned tables read as empty here and refuse writes, by RLS.
 */
export async function withoutTenant<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(fn);
}

/**
 * Enters a tenant's context inside a transaction that is already open (e.g. onboarding creates a community and
 * then provisions its rows in the same transaction). Everything after it in the transaction is bound to that tenant.
 */
export async function enterTenant(tx: Tx, tenantId: string): Promise<void> {
  if (!isUuid(tenantId)) throw new InvalidTenantError();
  await tx.execute(sql`select set_config('app.tenant_id', ${tenantId}, true)`);
}
