import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { v7 as uuidv7 } from 'uuid';
import { createDb } from '../src/client.ts';
import { pipelinedTenantTransaction } from '../src/pipeline.ts';
import { adminUrlFromEnv, createTestDatabase, type TestDatabase } from '../src/testing.ts';

/**
 * A database connection that PostgreSQL closes (a restart, a failover, an administrator ending it) must fail the
 * queries on it, never the process. postgres.js 3.4.9 threw from a timer when a reserved connection's server was
 * gone (porsager/postgres#1208), ending the web process: seen here when PostgreSQL was restarted under residents'
 * submissions. patches/postgres@3.4.9.patch settles those queries with CONNECTION_CLOSED instead.
 */
let tdb: TestDatabase;
let admin: postgres.Sql;

beforeAll(async () => {
  tdb = await createTestDatabase();
  admin = postgres(adminUrlFromEnv(), { max: 1, onnotice: () => {} });
});

afterAll(async () => {
  await admin?.end();
  await tdb?.drop();
});

/** How a query on a connection the server ended fails: reset, closed, or the server's own "terminating connection". */
const LOST = /^(ECONNRESET|CONNECTION_CLOSED|57P01)$/;

const endBackend = async (pid: number) => {
  const [{ ended }] = (await admin`select pg_terminate_backend(${pid}) as ended`) as unknown as [{ ended: boolean }];
  expect(ended).toBe(true);
};

describe('when PostgreSQL closes a connection', () => {
  it('a reserved connection rejects every later query with CONNECTION_CLOSED, and the pool goes on', async () => {
    const sql = postgres(tdb.appUrl, { max: 2, onnotice: () => {} });
    try {
      const reserved = await sql.reserve();
      const [{ pid }] = (await reserved`select pg_backend_pid() as pid`) as unknown as [{ pid: number }];
      await endBackend(pid);
      const failure = (query: Promise<unknown>) => query.then(() => 'answered', (e: { code?: string }) => e.code ?? 'no code');
      // The server's end arrives as a reset or as a close, depending on timing.
      expect(await failure(reserved`select 1`)).toMatch(LOST);
      // The query that used to end the process: queued on a connection that has no socket any more.
      expect(await failure(reserved`select 1`)).toBe('CONNECTION_CLOSED');
      reserved.release();
      // A query in the moment between the socket's error and its close may still fail; one right after is answered.
      const answers: string[] = [];
      while (answers.length < 5 && answers.at(-1) !== 'answered') {
        answers.push(await failure(sql`select 1`));
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(answers.at(-1)).toBe('answered');
      for (const a of answers.slice(0, -1)) expect(a).toMatch(LOST);
    } finally {
      await sql.end({ timeout: 1 });
    }
  });

  it('a pipelined tenant transaction on a pool whose connections were all ended either commits or fails cleanly', async () => {
    const sql = postgres(tdb.appUrl, { max: 2, onnotice: () => {} });
    try {
      const tenant = uuidv7();
      // Both of the pool's connections, open and idle, and their server processes.
      const both = await Promise.all([sql.reserve(), sql.reserve()]);
      const pids = await Promise.all(both.map(async (r) => ((await r`select pg_backend_pid() as pid`)[0] as { pid: number }).pid));
      for (const r of both) r.release();
      expect(new Set(pids).size).toBe(2);
      await Promise.all(pids.map(endBackend));
      const outcomes = await Promise.allSettled(Array.from({ length: 6 }, () => pipelinedTenantTransaction(sql, tenant, (tx) => [tx`select current_setting('app.tenant_id') as tenant`])));
      for (const outcome of outcomes) {
        if (outcome.status === 'fulfilled') expect((outcome.value[0]![0] as { tenant: string }).tenant).toBe(tenant);
        else expect((outcome.reason as { code?: string }).code).toMatch(LOST);
      }
      // Afterwards the pool works again.
      const [rows] = await pipelinedTenantTransaction(sql, tenant, (tx) => [tx`select current_setting('app.tenant_id') as tenant`]);
      expect((rows![0] as { tenant: string }).tenant).toBe(tenant);
    } finally {
      await sql.end({ timeout: 1 });
    }
  });
});

describe('time limits a pool can set', () => {
  it('ends a statement that runs too long, with PostgreSQL’s own error, and the pool goes on', async () => {
    const db = createDb(tdb.appUrl, { max: 1, statementTimeoutMs: 200, idleInTransactionTimeoutMs: 5_000 });
    try {
      const started = Date.now();
      const failure = await db.$client`select pg_sleep(2)`.then(() => 'answered', (e: { code?: string }) => e.code ?? 'no code');
      expect(failure).toBe('57014'); // query_canceled
      expect(Date.now() - started).toBeLessThan(1500);
      const [settings] = (await db.$client`select current_setting('statement_timeout') as st, current_setting('idle_in_transaction_session_timeout') as it`) as unknown as [{ st: string; it: string }];
      expect(settings).toEqual({ st: '200ms', it: '5s' });
    } finally {
      await db.close();
    }
  });
});
