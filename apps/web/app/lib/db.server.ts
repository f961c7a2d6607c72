import { createDb, onSystemScope, SYSTEM_SCOPES, systemScopeLogger, withScope, type Db, type Tx } from '@shequ/db';
import type { Actor } from '@shequ/permissions';
import { actorScope, operatorMaintenance } from '@shequ/use-cases';
import { log } from './log.server.ts';
import { env } from './env.server.ts';
import { onShutdown } from './shutdown.server.ts';

// One pool per process (kept across dev reloads). Connects as the runtime role, which RLS binds. No statement of a
// request runs longer than 30 s (the slowest measured, a district comparison over 1,000 communities, takes 0.1 s).
const g = globalThis as unknown as { __shequDb?: Db };
export const db: Db = (g.__shequDb ??= createDb(env.DATABASE_APP_URL, { max: 10, applicationName: 'shequ-web', statementTimeoutMs: 30_000, idleInTransactionTimeoutMs: 60_000 }));
onSystemScope(systemScopeLogger(log));
onShutdown(() => db.close());

/** A transaction in the actor's own scope (their community, or their unit, and themselves): see actorScope. */
export function withActor<T>(actor: Actor, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return withScope(db, actorScope(actor), fn);
}

/** A transaction in the operators' maintenance scope (named and logged), for the operator console's pages and district imports. */
export function withMaintenance<T>(actor: Actor, reason: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return withScope(db, operatorMaintenance(actor, reason), fn);
}

/** A transaction of the authentication scope (named, logged): turning a cookie, a sign-in or a one-time link into an account. */
export function withAuthentication<T>(reason: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return withScope(db, { system: SYSTEM_SCOPES.authentication, reason }, fn);
}

/** A transaction declaring only the signed-in person: their own sessions and settings. */
export function withUser<T>(userId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return withScope(db, { userId }, fn);
}
