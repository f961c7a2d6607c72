import { createDb, type Db } from '@shequ/db';
import { env } from './env.server.ts';
import { onShutdown } from './shutdown.server.ts';

// One pool per process (kept across dev reloads). Connects as the runtime role, which RLS binds.
const g = globalThis as unknown as { __shequDb?: Db };
export const db: Db = (g.__shequDb ??= createDb(env.DATABASE_APP_URL, { max: 10, applicationName: 'shequ-web' }));
onShutdown(() => db.close());
