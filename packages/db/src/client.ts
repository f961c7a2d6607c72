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
  const db = drizzle(preparing(client), { schema, casing: 'snake_case' });
  return Object.assign(db, { close: () => client.end({ timeout: 5 }) });
}

type Client = ReturnType<typeof postgres>;

/**
 * Statements with more parameters than this stay unnamed: bulk writes and long id lists come in as many shapes as
 * there are row counts, each would be kept on every connection, and their planning is spread over their many rows.
 */
export const PREPARED_MAX_PARAMETERS = 64;

/**
 * The client as drizzle sees it, with every parameterised statement prepared (named, kept per connection and reused
 * by its text) instead of drizzle's unnamed ones. An unnamed statement is planned at every execution, and under
 * row-level security planning is most of the cost: the policies' subqueries make a two-line read a plan of dozens
 * of nodes (8 ms to plan the breach's read of its facts, 1 ms to run it; decision 041). A prepared statement is
 * planned for its first five executions and then, where PostgreSQL finds it no worse, runs a generic plan.
 * Statements without parameters go as simple queries, as before, and bulk ones (PREPARED_MAX_PARAMETERS) unnamed.
 * Transactions and savepoints get the same client.
 */
function preparing(client: Client): Client {
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === 'unsafe')
        return (query: string, args?: unknown[], options?: object) => target.unsafe(query, args as never, { ...options, prepare: (args?.length ?? 0) <= PREPARED_MAX_PARAMETERS });
      if (prop === 'begin' || prop === 'savepoint')
        return (...args: unknown[]) => {
          const fn = args.pop() as (tx: Client) => unknown;
          const open = (target as unknown as Record<string, (...a: unknown[]) => unknown>)[prop]!;
          return open.apply(target, [...args, (tx: Client) => fn(preparing(tx))]);
        };
      return Reflect.get(target, prop, receiver);
    },
  });
}

export type Db = ReturnType<typeof createDb>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Either the pool or an open transaction: what read helpers accept. */
export type Queryable = Db | Tx;

/** Whether PostgreSQL answers (readiness probes of the web app and the worker): resolves, or rejects with its error. */
export async function pingDatabase(db: Queryable): Promise<void> {
  await db.execute(sql`select 1`);
}
