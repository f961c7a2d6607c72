import type postgres from 'postgres';
import { isUuid, InvalidTenantError } from './scope.ts';

/**
 * For the hottest write paths: a whole tenant-scoped transaction sent as one pipeline (BEGIN, the tenant context,
 * the statements, COMMIT) in a single network round trip on a reserved connection. Statements cannot depend on
 * each other's results in JavaScript (use INSERT … SELECT), but they run in order inside one transaction under
 * row-level security exactly as `withTenant` would. If any statement fails, PostgreSQL aborts the transaction and
 * the final COMMIT rolls it back; the first real error is thrown.
 */
export async function pipelinedTenantTransaction(
  client: postgres.Sql,
  tenantId: string,
  build: (sql: postgres.ReservedSql) => postgres.PendingQuery<postgres.Row[]>[],
): Promise<postgres.RowList<postgres.Row[]>[]> {
  if (!isUuid(tenantId)) throw new InvalidTenantError();
  const reserved = await client.reserve();
  try {
    const queries = [reserved`begin`, reserved`select set_config('app.tenant_id', ${tenantId}, true)`, ...build(reserved), reserved`commit`];
    const settled = await Promise.allSettled(queries);
    const failed = settled.find((s) => s.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
    const committed = (settled.at(-1) as PromiseFulfilledResult<postgres.RowList<postgres.Row[]>>).value;
    // COMMIT of an aborted transaction answers ROLLBACK instead of failing: treat that as the failure it is.
    if (committed.command !== 'COMMIT') throw new Error(`transaction ended with ${committed.command}`);
    return settled.slice(2, -1).map((s) => (s as PromiseFulfilledResult<postgres.RowList<postgres.Row[]>>).value);
  } finally {
    reserved.release();
  }
}
