import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { createDb, type Db } from '../src/client.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing.ts';
import { enterScope, InvalidScopeError, InvalidTenantError, onSystemScope, SYSTEM_SCOPES, systemScopeCounts, withScope, withSystem, withTenant, type SystemScopeEntry } from '../src/scope.ts';

/** The one helper that declares a transaction's scope: what it sets, for how long, and what it refuses. */
let tdb: TestDatabase;
let db: Db;

type Settings = { tenant: string; units: string; user: string; system: string };
const read = (tx: Parameters<Parameters<Db['transaction']>[0]>[0]) =>
  tx
    .execute(
      sql`select current_setting('app.tenant_id', true) as tenant, current_setting('app.unit_ids', true) as units, current_setting('app.user_id', true) as user, current_setting('app.system', true) as system`,
    )
    .then((rows) => rows[0] as Settings);

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = createDb(tdb.appUrl, { max: 1 });
});
afterAll(async () => {
  await db?.close();
  await tdb?.drop();
});

describe('withScope', () => {
  it('sets every declared setting, and the others empty', async () => {
    const tenant = uuidv7(), unit1 = uuidv7(), unit2 = uuidv7(), user = uuidv7();
    expect(await withScope(db, { tenantId: tenant, unitIds: [unit1, unit2], userId: user }, read)).toEqual({ tenant, units: `{${unit1},${unit2}}`, user, system: '' });
    expect(await withScope(db, { userId: user }, read)).toEqual({ tenant: '', units: '', user, system: '' });
    expect(await withTenant(db, tenant, read)).toEqual({ tenant, units: '', user: '', system: '' });
  });

  it('is transaction-local: the next transaction on the same connection declares nothing', async () => {
    await withScope(db, { tenantId: uuidv7(), userId: uuidv7(), system: SYSTEM_SCOPES.maintenance, reason: 'test' }, read);
    const after = await db.transaction(read);
    expect([after.tenant ?? '', after.units ?? '', after.user ?? '', after.system ?? '']).toEqual(['', '', '', '']);
  });

  it('entering another scope inside a transaction clears what the earlier one declared', async () => {
    const user = uuidv7(), tenant = uuidv7();
    const settings = await withScope(db, { userId: user, system: SYSTEM_SCOPES.maintenance, reason: 'test' }, async (tx) => {
      await enterScope(tx, { tenantId: tenant });
      return read(tx);
    });
    expect(settings).toEqual({ tenant, units: '', user: '', system: '' });
  });

  it('refuses ids that are not UUIDs and unnamed system scopes, before opening a transaction', async () => {
    await expect(withScope(db, { tenantId: "x' or true --" }, read)).rejects.toBeInstanceOf(InvalidTenantError);
    await expect(withScope(db, { userId: 'nobody' }, read)).rejects.toBeInstanceOf(InvalidScopeError);
    await expect(withScope(db, { unitIds: [uuidv7(), '1,2'] }, read)).rejects.toBeInstanceOf(InvalidScopeError);
    await expect(withScope(db, { system: 'everything' as never }, read)).rejects.toBeInstanceOf(InvalidScopeError);
  });

  it('logs every entry into a system scope, with its reason', async () => {
    const seen: SystemScopeEntry[] = [];
    const before = systemScopeCounts()[SYSTEM_SCOPES.deadlineSweep] ?? 0;
    onSystemScope((entry) => seen.push(entry));
    try {
      const settings = await withSystem(db, SYSTEM_SCOPES.deadlineSweep, 'reconcileDeadlines', read);
      expect(settings.system).toBe('deadline-sweep');
    } finally {
      onSystemScope(null);
    }
    expect(seen).toEqual([{ scope: 'deadline-sweep', reason: 'reconcileDeadlines' }]);
    expect(systemScopeCounts()[SYSTEM_SCOPES.deadlineSweep]).toBe(before + 1);
  });
});
