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

/** A scope whose content is not what the helper accepts (an id that is no UUID, an unknown system scope name). */
export class InvalidScopeError extends Error {
  constructor(what: string) {
    super(`invalid scope: ${what}`);
    this.name = 'InvalidScopeError';
  }
}

/**
 * The named system scopes: work that acts for no community, officer or user but for the platform itself. Each name
 * says what it is for; row-level security lets a system scope through only on the tables whose policies name it
 * (see `systemScopeIs` in schema/columns.ts), and every entry into one is logged (`onSystemScope`).
 * Adding a name here is a decision: say in the commit which tables it reads and why no narrower scope will do.
 */
export const SYSTEM_SCOPES = {
  /** The worker's deadline sweeps: lists due and upcoming deadlines of every community (ids and times). */
  deadlineSweep: 'deadline-sweep',
  /** The worker's outbox relay and delivery: reads pending messages of every community and marks them sent. */
  outboxRelay: 'outbox-relay',
  /** The worker's rollup refresh: reads the dirty-day queue of every community (each refresh then runs in its tenant). */
  rollupRefresh: 'rollup-refresh',
  /** Expired sessions and one-time links are deleted for everybody at once. */
  sessionPurge: 'session-purge',
  /** Sign-in, session lookup, one-time links: finding an account by what the visitor holds, before any actor is known. */
  authentication: 'authentication',
  /** Platform operators' maintenance (onboarding, imports, calendars, hierarchy, messages) and the CLIs (seed, rebuild). */
  maintenance: 'maintenance',
} as const;
export type SystemScope = (typeof SYSTEM_SCOPES)[keyof typeof SYSTEM_SCOPES];
const SYSTEM_SCOPE_NAMES = new Set<string>(Object.values(SYSTEM_SCOPES));

/**
 * What a transaction declares about its actor. Every row-level-security policy reads these settings and nothing
 * else; a setting left out is empty, and a policy keyed on an empty setting matches no row (no setting = no rows).
 * - `tenantId` (`app.tenant_id`): the community whose rows the transaction works in.
 * - `unitIds` (`app.unit_ids`): the streets, districts and departments an officer acts for (their membership's unit);
 *   policies give them the rows routed to those units (case holdings, deadlines) and the figures of the communities
 *   under them (rollups).
 * - `userId` (`app.user_id`): the signed-in person, for their own rows (notifications, settings, sessions).
 * - `system` (`app.system`): one named system scope (`SYSTEM_SCOPES`) for the worker's sweeps and operators'
 *   maintenance: never implied by an absent setting, and logged on entry.
 * An empty scope (`{}`: a resident's page, a listing of the hierarchy) reads the reference tables only (the hierarchy
 * and the calendar, `TABLE_ROLES` with `openBecause`); every other table reads as empty and refuses writes.
 */
export type Scope = {
  tenantId?: string | null;
  unitIds?: readonly string[] | null;
  userId?: string | null;
  system?: SystemScope | null;
  /** Why the system scope is entered (logged with it): the job or page, e.g. 'reconcileDeadlines'. */
  reason?: string;
};

export type SystemScopeEntry = { scope: SystemScope; reason: string | undefined };
type SystemScopeListener = (entry: SystemScopeEntry) => void;

/**
 * Where entries into a system scope are logged. The worker and web set their process log here at start; until
 * then entries are counted (`systemScopeCounts`) so tests can see them, and nothing is printed.
 */
let systemScopeListener: SystemScopeListener | null = null;
const counts = new Map<string, number>();
export function onSystemScope(listener: SystemScopeListener | null): void {
  systemScopeListener = listener;
}
/**
 * A listener for a process log: the first entry of each (scope, reason) at info, every entry at debug (the worker's
 * sweeps enter theirs every few seconds).
 */
export function systemScopeLogger(log: { info: (o: object, msg: string) => void; debug: (o: object, msg: string) => void }): SystemScopeListener {
  const seen = new Set<string>();
  return (entry) => {
    const key = `${entry.scope} ${entry.reason ?? ''}`;
    const level = seen.has(key) ? 'debug' : 'info';
    seen.add(key);
    log[level]({ systemScope: entry.scope, reason: entry.reason }, 'entered a system scope');
  };
}

/** How many times each system scope was entered by this process (for metrics and tests). */
export function systemScopeCounts(): Record<string, number> {
  return Object.fromEntries(counts);
}

function settings(scope: Scope): [string, string, string, string] {
  const { tenantId, unitIds, userId, system } = scope;
  if (tenantId != null && !isUuid(tenantId)) throw new InvalidTenantError();
  if (userId != null && !isUuid(userId)) throw new InvalidScopeError('user id');
  if (unitIds != null && !unitIds.every(isUuid)) throw new InvalidScopeError('unit ids');
  if (system != null && !SYSTEM_SCOPE_NAMES.has(system)) throw new InvalidScopeError(`system scope ${String(system)}`);
  if (system) {
    counts.set(system, (counts.get(system) ?? 0) + 1);
    systemScopeListener?.({ scope: system, reason: scope.reason });
  }
  // A PostgreSQL array literal of UUIDs (validated above, so no quoting is needed); '' when there are none.
  const units = unitIds?.length ? `{${unitIds.join(',')}}` : '';
  return [tenantId ?? '', units, userId ?? '', system ?? ''];
}

/**
 * Declares the scope inside a transaction that is already open, replacing whatever it declared before (all four
 * settings are written every time, so nothing of an earlier scope lingers). Transaction-local and parameterised:
 * the settings die with the transaction, and a pooled connection never carries them into another request.
 */
export async function enterScope(tx: Tx, scope: Scope): Promise<void> {
  const [tenant, units, user, system] = settings(scope);
  await tx.execute(
    sql`select set_config('app.tenant_id', ${tenant}, true), set_config('app.unit_ids', ${units}, true), set_config('app.user_id', ${user}, true), set_config('app.system', ${system}, true)`,
  );
}

/**
 * The one way into rows that belong to someone: a transaction whose first statement declares its scope (see
 * `Scope`). Inputs: the pool, the scope, the work. Refuses (throws `InvalidTenantError`/`InvalidScopeError`) ids
 * that are not UUIDs and system scopes that are not named in `SYSTEM_SCOPES`, before opening the transaction.
 */
export async function withScope<T>(db: Db, scope: Scope, fn: (tx: Tx) => Promise<T>): Promise<T> {
  // Refuse a malformed scope before opening a transaction (the system scope's entry is logged once, in enterScope).
  if (scope.system != null && !SYSTEM_SCOPE_NAMES.has(scope.system)) throw new InvalidScopeError(`system scope ${String(scope.system)}`);
  settings({ ...scope, system: null });
  return db.transaction(async (tx) => {
    await enterScope(tx, scope);
    return fn(tx);
  });
}

/** A community's transaction: `withScope(db, { tenantId }, fn)`. */
export async function withTenant<T>(db: Db, tenantId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (!isUuid(tenantId)) throw new InvalidTenantError();
  return withScope(db, { tenantId }, fn);
}

/** A named system scope's transaction (logged): `withScope(db, { system, reason }, fn)`. */
export async function withSystem<T>(db: Db, system: SystemScope, reason: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return withScope(db, { system, reason }, fn);
}

/**
 * Enters a tenant's context inside a transaction that is already open (e.g. onboarding creates a community and
 * then provisions its rows in the same transaction). Everything after it in the transaction is bound to that
 * tenant, and only to it: any other setting of the scope is cleared.
 */
export async function enterTenant(tx: Tx, tenantId: string): Promise<void> {
  if (!isUuid(tenantId)) throw new InvalidTenantError();
  await enterScope(tx, { tenantId });
}
