import { createDb, onSystemScope, systemScopeLogger, type Db } from '@shequ/db';
import { log } from './log.server.ts';
import { env } from './env.server.ts';
import { onShutdown } from './shutdown.server.ts';

// One pool per process (kept across dev reloads). Connects as the runtime role, which RLS binds. No statement of a
// request runs longer than 30 s (the slowest measured, a district comparison over 1,000 communities, takes 0.1 s).
const g = globalThis as unknown as { __shequDb?: Db };
export const db: Db = (g.__shequDb ??= createDb(env.DATABASE_APP_URL, { max: 10, applicationName: 'shequ-web', statementTimeoutMs: 30_000, idleInTransactionTimeoutMs: 60_000 }));
onSystemScope(systemScopeLogger(log));
onShutdown(() => db.close());
