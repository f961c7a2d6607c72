import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema/index.ts';

export type DbOptions = {
  max?: number;
  applicationName?: string;
  /**
   * PostgreSQL ends any statement that runs longer (0: no limit). For request paths: a statement stuck behind a
   * lock or gone wrong gives its connection back instead of holding one of the pool's few for ever.
   */
  statementTimeoutMs?: number;
  /** PostgreSQL ends a session whose transaction sits idle longer (0: no limit): a client that died between BEGIN
   * and COMMIT releases its locks. */
  idleInTransactionTimeoutMs?: number;
};

/** One pool per process. Web and worker connect as the runtime role (DATABASE_APP_URL), which cannot bypass RLS. */
export function createDb(url: string, options: DbOptions = {}) {
  const client = postgres(url, {
    max: options.max ?? 10,
    connect_timeout: 5,
    idle_timeout: 30,
    onnotice: () => {},
    connection: {
      application_name: options.applicationName ?? 'shequ',
      statement_timeout: options.statementTimeoutMs ?? 0,
      idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs ?? 0,
    },
  });
  const db = drizzle(client, { schema, casing: 'snake_case' });
  return Object.assign(db, { close: () => client.end({ timeout: 5 }) });
}

export type Db = ReturnType<typeof createDb>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Either the pool or an open transaction: what read helpers accept. */
export type Queryable = Db | Tx;

/** Whether PostgreSQL answers (readiness probes of the web app and the worker): resolves, or rejects with its error. */
export async function pingDatabase(db: Queryable): Promise<void> {
  await db.execute(sql`select 1`);
}
