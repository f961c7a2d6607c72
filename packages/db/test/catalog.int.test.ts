import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { citusProblems, rlsProblems } from '../src/catalog-checks.ts';
import { pendingTables, TABLE_ROLES, type TableRole } from '../src/table-roles.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing.ts';

/**
 * The schema against its declared roles (packages/db/src/table-roles.ts), from pg_catalog: every table is under
 * forced RLS with a policy or on the reference list with its reason, and the keys obey Citus' rules. The second
 * half adds tables to a copy of the schema and shows each check failing for them.
 */
let tdb: TestDatabase;
let owner: postgres.Sql;

beforeAll(async () => {
  tdb = await createTestDatabase();
  owner = postgres(tdb.ownerUrl, { max: 1, onnotice: () => {} });
});
afterAll(async () => {
  await owner?.end();
  await tdb?.drop();
});

describe('the schema against TABLE_ROLES', () => {
  it('every table is under forced row-level security with a policy, or a reference table with its reason', async () => {
    expect(await rlsProblems(owner, TABLE_ROLES)).toEqual([]);
  });

  it('every key obeys the Citus rules for the declared roles', async () => {
    expect(await citusProblems(owner, TABLE_ROLES)).toEqual([]);
  });

  it('open (RLS-free) tables are few and are the hierarchy and the calendar', () => {
    const open = Object.entries(TABLE_ROLES).filter(([, r]) => typeof r.rls === 'object' && 'openBecause' in r.rls).map(([t]) => t).sort();
    expect(open).toEqual(['calendars', 'org_unit_moves', 'org_units']);
  });

  it('no table is pending any more: every private table is under forced RLS and every key is shaped for Citus', () => {
    // Issue 13 brought the last six (users, memberships, deadlines, case_holdings, notifications, outbox) under RLS.
    // The list may only shrink: a new table cannot join it (see 'a new table marked pending' below).
    expect(pendingTables()).toEqual({ rls: [], keys: [] });
  });
});

describe('a table added without them fails the checks', () => {
  // Each case runs in a transaction that is rolled back, so the database stays as migrated, and compares the problems
  // found with those of the schema as migrated: only what the added table brings counts.
  async function inRolledBack<T>(fn: (sql: postgres.TransactionSql) => Promise<T>): Promise<T> {
    let result: T | undefined;
    await owner
      .begin(async (sql) => {
        result = await fn(sql);
        throw new Error('rollback');
      })
      .catch((e: Error) => {
        if (e.message !== 'rollback') throw e;
      });
    return result as T;
  }
  type Check = (sql: postgres.Sql, roles: Record<string, TableRole>) => Promise<string[]>;
  /** The problems a check finds now that the schema as migrated does not have. */
  const baseline = new Map<Check, Set<string>>();
  beforeAll(async () => {
    for (const check of [rlsProblems, citusProblems]) baseline.set(check, new Set(await check(owner, TABLE_ROLES)));
  });
  async function added(check: Check, sql: postgres.TransactionSql, roles: Record<string, TableRole>): Promise<string[]> {
    const before = baseline.get(check)!;
    return (await check(sql as unknown as postgres.Sql, roles)).filter((p) => !before.has(p));
  }

  it('an undeclared table without RLS', async () => {
    const problems = await inRolledBack(async (sql) => {
      await sql`create table scratch_rows (tenant_id uuid not null, id uuid not null, name text, primary key (tenant_id, id))`;
      return { rls: await added(rlsProblems, sql, TABLE_ROLES), citus: await added(citusProblems, sql, TABLE_ROLES) };
    });
    expect(problems.rls).toEqual(['scratch_rows: not declared in TABLE_ROLES (packages/db/src/table-roles.ts)']);
    expect(problems.citus).toEqual(['scratch_rows: not declared in TABLE_ROLES']);
  });

  it('a declared table with RLS enabled but not forced, or forced without a policy', async () => {
    const roles: Record<string, TableRole> = { ...TABLE_ROLES, scratch_rows: { citus: { distributed: 'tenant_id' }, rls: 'forced' } };
    const problems = await inRolledBack(async (sql) => {
      await sql`create table scratch_rows (tenant_id uuid not null, id uuid not null, primary key (tenant_id, id))`;
      const none = await added(rlsProblems, sql, roles);
      await sql`alter table scratch_rows enable row level security`;
      const notForced = await added(rlsProblems, sql, roles);
      await sql`alter table scratch_rows force row level security`;
      const noPolicy = await added(rlsProblems, sql, roles);
      await sql`create policy scratch_rows_tenant on scratch_rows using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)`;
      const complete = await added(rlsProblems, sql, roles);
      return { none, notForced, noPolicy, complete };
    });
    expect(problems.none).toEqual([
      'scratch_rows: row-level security is not enabled',
      'scratch_rows: row-level security is not forced (ALTER TABLE … FORCE ROW LEVEL SECURITY)',
      'scratch_rows: no policy (every row would be refused)',
    ]);
    expect(problems.notForced).toEqual(['scratch_rows: row-level security is not forced (ALTER TABLE … FORCE ROW LEVEL SECURITY)', 'scratch_rows: no policy (every row would be refused)']);
    expect(problems.noPolicy).toEqual(['scratch_rows: no policy (every row would be refused)']);
    expect(problems.complete).toEqual([]);
  });

  it('a new table marked pending joins the pending list, which the test above holds fixed', () => {
    const roles: Record<string, TableRole> = { ...TABLE_ROLES, scratch_rows: { citus: { distributed: 'tenant_id' }, rls: { pending: 'later' } } };
    expect(pendingTables(roles).rls).toContain('scratch_rows');
    expect(pendingTables(roles)).not.toEqual(pendingTables());
  });

  it('an open table that is not a reference table', async () => {
    const roles: Record<string, TableRole> = { ...TABLE_ROLES, scratch_rows: { citus: { distributed: 'tenant_id' }, rls: { openBecause: 'names only' } } };
    const problems = await inRolledBack(async (sql) => {
      await sql`create table scratch_rows (tenant_id uuid not null, id uuid not null, primary key (tenant_id, id))`;
      return added(rlsProblems, sql, roles);
    });
    expect(problems).toEqual(['scratch_rows: left without RLS but not a reference table']);
  });

  it('Citus rule 1: a distributed table whose primary or unique key lacks the community, or whose community may be null', async () => {
    const roles: Record<string, TableRole> = { ...TABLE_ROLES, scratch_rows: { citus: { distributed: 'tenant_id' }, rls: 'forced' } };
    const problems = await inRolledBack(async (sql) => {
      await sql`create table scratch_rows (tenant_id uuid, id uuid not null primary key, mobile text)`;
      await sql`create unique index scratch_rows_mobile_key on scratch_rows (mobile)`;
      return added(citusProblems, sql, roles);
    });
    expect(problems).toEqual([
      'scratch_rows.scratch_rows_mobile_key: key (mobile) does not lead with the distribution column tenant_id',
      'scratch_rows.scratch_rows_pkey: key (id) does not lead with the distribution column tenant_id',
      'scratch_rows: distribution column tenant_id is nullable',
    ]);
  });

  it('Citus rule 2: a foreign key between distributed tables without the community on both sides', async () => {
    const roles: Record<string, TableRole> = { ...TABLE_ROLES, scratch_rows: { citus: { distributed: 'tenant_id' }, rls: 'forced' } };
    const problems = await inRolledBack(async (sql) => {
      await sql`create table scratch_rows (tenant_id uuid not null, id uuid not null, case_id uuid, primary key (tenant_id, id))`;
      await sql`alter table cases add constraint cases_id_only_key unique (id)`; // what a community-less reference needs
      await sql`alter table scratch_rows add constraint scratch_rows_case_fk foreign key (case_id) references cases (id)`;
      return added(citusProblems, sql, roles);
    });
    expect(problems).toEqual([
      'cases.cases_id_only_key: key (id) does not lead with the distribution column tenant_id',
      'scratch_rows.scratch_rows_case_fk: foreign key (case_id) → cases (id) does not pair tenant_id with cases.tenant_id',
    ]);
  });

  it('Citus rule 3: a reference table that references a distributed one', async () => {
    const roles: Record<string, TableRole> = { ...TABLE_ROLES, volunteer_badges: { citus: { reference: true }, rls: 'forced' } };
    const problems = await inRolledBack(async (sql) => {
      await sql`create table volunteer_badges (id uuid primary key, tenant_id uuid not null, case_id uuid not null)`;
      await sql`alter table volunteer_badges add constraint volunteer_badges_case_fk foreign key (tenant_id, case_id) references cases (tenant_id, id)`;
      return added(citusProblems, sql, roles);
    });
    expect(problems).toEqual(['volunteer_badges.volunteer_badges_case_fk: a reference table references cases (distributed)']);
  });
});
