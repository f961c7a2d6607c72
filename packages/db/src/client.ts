import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema/index.ts';

export type DbOptions = { max?: number; applicationName?: string };

/** One pool per process. Web and worker connect as the runtime role (DATABASE_APP_URL), which cannot bypass RLS. */
export function createDb(url: string, options: DbOptions = {}) {
  const client = postgres(url, {
    max: options.max ?? 10,
    connect_timeout: 5,
    idle_timeout: 30,
    onnotice: () => {},
    connection: { application_name: options.applicationName ?? 'shequ' },
  });
  const db = drizzle(client, { schema, casing: 'snake_case' });
  return Object.assign(db, { close: () => client.end({ timeout: 5 }) });
}

export type Db = ReturnType<typeof createDb>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Either the pool or an open transaction: what read helpers accept. */
export type Queryable = Db | Tx;
