import { type Db, SYSTEM_SCOPES, withSystem } from '@shequ/db';

// The outbox's transactions (not exported from the package root).

/** The relay's and delivery's transactions: every community's messages, in the named system scope. */
export const relayScope = <T>(db: Db, reason: string, fn: Parameters<typeof withSystem<T>>[3]) => withSystem(db, SYSTEM_SCOPES.outboxRelay, reason, fn);
/** Operators' message pages (platform maintenance). */
export const operatorScope = <T>(db: Db, reason: string, fn: Parameters<typeof withSystem<T>>[3]) => withSystem(db, SYSTEM_SCOPES.maintenance, reason, fn);

/** A claim older than this belongs to an attempt that died (SIGKILL, lost connection): another attempt may take over. */
export const CLAIM_TIMEOUT_MS = 30 * 1000;
