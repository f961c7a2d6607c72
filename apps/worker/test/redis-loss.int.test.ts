import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { cases, categories, createDb, type Db, deadlines, orgUnits, withTenant } from '@shequ/db';
import { createTestDatabase, createTestOwnerDb, type TestDatabase } from '@shequ/db/testing';
import { anonymousCaller, submitCase } from '@shequ/use-cases';
import { createPersonalDataCipher } from '@shequ/use-cases/crypto';
import { localPhotoStorage } from '@shequ/use-cases/storage';
import { seedDemo } from '@shequ/use-cases/seed';
import { freePort, startWorker, waitFor } from './support.ts';

// Background work that repairs itself (issue 14): the worker against a Redis of its own, started here on a spare
// port, which is killed and comes back empty. Readiness says 503 within a second while Redis is down; /metrics
// never takes the process down; afterwards the job schedulers are back and every overdue deadline is escalated,
// without restarting the worker.
const KEY = 'ef'.repeat(32);
const RECONCILE_MS = 2000;
/** Room for Redis' reconnect back-off and the escalations themselves on a loaded two-core machine (ms). */
const SLACK_MS = 8000;
let tdb: TestDatabase;
let owner: Db;
let app: Db;
let jinyuan: string;
let categoryId: string;
let redisPort = 0;
let redisServer: ChildProcess | null = null;
let worker: ReturnType<typeof startWorker> | null = null;
let healthPort = 0;

/** A throw-away redis-server on `redisPort`, no persistence: killed, it comes back empty. */
async function startRedis() {
  redisServer = spawn('redis-server', ['--port', String(redisPort), '--save', '', '--appendonly', 'no', '--bind', '127.0.0.1'], { stdio: 'ignore' });
  await waitFor(async () => {
    const { Redis } = await import('ioredis');
    const probe = new Redis(redisPort, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => {});
    try {
      await probe.connect();
      return (await probe.ping()) === 'PONG' ? true : undefined;
    } finally {
      probe.disconnect();
    }
  }, () => 'redis-server did not start');
}
async function killRedis() {
  if (!redisServer || redisServer.exitCode !== null) return;
  const exited = new Promise((r) => redisServer!.once('exit', r));
  redisServer.kill('SIGKILL');
  await exited;
}

async function overdueCases(n: number): Promise<string[]> {
  const deps = { cipher: createPersonalDataCipher(KEY), storage: localPhotoStorage(mkdtempSync(path.join(tmpdir(), 'shequ-rl-'))) };
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await submitCase(app, anonymousCaller(), { tenantId: jinyuan, categoryId, content: `Redis 丢失测试 ${i}`, consent: false, photos: [], channel: 'qr', deps })).id);
  const past = new Date(Date.now() - 60_000);
  await owner.update(deadlines).set({ dueAt: past, wakeAt: past, remindAt: [] }).where(and(inArray(deadlines.caseId, ids), eq(deadlines.kind, 'accept')));
  return ids;
}
const escalatedCount = (ids: string[]) =>
  withTenant(owner, jinyuan, async (tx) => (await tx.select({ n: sql<number>`count(*)::int` }).from(cases).where(and(inArray(cases.id, ids), eq(cases.status, 'escalated'))))[0]!.n);

async function timed(url: string) {
  const started = Date.now();
  const res = await fetch(url);
  return { status: res.status, ms: Date.now() - started, body: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  owner = createTestOwnerDb(tdb.ownerUrl, 2);
  app = createDb(tdb.appUrl, { max: 4 });
  await seedDemo(owner);
  [{ id: jinyuan }] = (await owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, 'jinyuan'))) as [{ id: string }];
  categoryId = (await withTenant(owner, jinyuan, (tx) => tx.select().from(categories).where(eq(categories.name, '环境卫生'))))[0]!.id;
  redisPort = await freePort();
  await startRedis();
  healthPort = await freePort();
  worker = startWorker({
    DATABASE_APP_URL: tdb.appUrl,
    REDIS_URL: `redis://127.0.0.1:${redisPort}`,
    REDIS_PREFIX: 'shequ-redis-loss',
    WORKER_HEALTH_PORT: String(healthPort),
    PERSONAL_DATA_KEY: KEY,
    MAILBOX_DIR: mkdtempSync(path.join(tmpdir(), 'shequ-rl-mail-')),
    DEADLINE_RECONCILE_MS: String(RECONCILE_MS),
  });
}, 120_000);

afterAll(async () => {
  if (worker && worker.process.exitCode === null) worker.process.kill('SIGKILL');
  await killRedis();
  await app?.close();
  await owner?.close();
  await tdb?.drop();
});

describe('the worker when Redis is lost', () => {
  it('says 503 within a second while Redis is down, and after Redis returns empty recreates its schedulers and escalates every overdue case without a restart', async () => {
    await waitFor(async () => ((await timed(`http://127.0.0.1:${healthPort}/readyz`)).status === 200 ? true : undefined), () => worker!.output(), 90_000);

    // Under load: residents keep sending wishes (four at a time) from before Redis dies until the overdue cases are
    // escalated after it came back; every one of them must be stored.
    const deps = { cipher: createPersonalDataCipher(KEY), storage: localPhotoStorage(mkdtempSync(path.join(tmpdir(), 'shequ-rl-load-'))) };
    let submitting = true;
    const sent: string[] = [];
    const load = Promise.all(
      [0, 1, 2, 3].map(async (lane) => {
        for (let n = 0; submitting; n++) sent.push((await submitCase(app, anonymousCaller(), { tenantId: jinyuan, categoryId, content: `Redis 丢失期间的诉求 ${lane}-${n}`, consent: false, photos: [], channel: 'qr', deps })).id);
      }),
    );

    await killRedis();
    const down = await waitFor(async () => {
      const r = await timed(`http://127.0.0.1:${healthPort}/readyz`);
      return r.status === 503 ? r : undefined;
    }, () => worker!.output(), 10_000, 100);
    expect(down.ms).toBeLessThan(1000);
    expect(JSON.stringify(down.body.checks)).toMatch(/redis/);
    // Every answer while Redis is down comes within a second, and /metrics does not take the process down.
    for (let i = 0; i < 3; i++) {
      const r = await timed(`http://127.0.0.1:${healthPort}/readyz`);
      expect(r.status).toBe(503);
      expect(r.ms).toBeLessThan(1000);
      const m = await timed(`http://127.0.0.1:${healthPort}/metrics`);
      expect([200, 503]).toContain(m.status);
      expect(m.ms).toBeLessThan(1000);
    }
    expect(worker!.process.exitCode).toBeNull();

    // Work arrives while Redis is gone (cases whose time limit passed), then Redis comes back with nothing in it.
    const ids = await overdueCases(20);
    await startRedis();
    const back = Date.now();
    await waitFor(async () => ((await escalatedCount(ids)) === ids.length ? true : undefined), () => worker!.output().slice(-4000), 120_000);
    const tookMs = Date.now() - back;
    submitting = false;
    await load;
    expect(sent.length).toBeGreaterThan(20);
    const stored = await withTenant(owner, jinyuan, async (tx) => (await tx.select({ n: sql<number>`count(*)::int` }).from(cases).where(inArray(cases.id, sent)))[0]!.n);
    expect(stored).toBe(sent.length);
    expect(worker!.output()).toMatch(/job schedulers were missing in Redis; recreated them/);
    const metrics = (await timed(`http://127.0.0.1:${healthPort}/metrics`)).body as { schedulers: { recreated: number } };
    expect(metrics.schedulers.recreated).toBeGreaterThanOrEqual(5);
    expect(worker!.process.exitCode).toBeNull(); // never restarted
    // Within one reconcile interval plus the scheduler check and the work itself, on a loaded shared machine.
    console.log(`redis back empty: all ${ids.length} overdue cases escalated ${tookMs} ms later (reconcile every ${RECONCILE_MS} ms), ${sent.length} wishes stored meanwhile`);
    // Within one reconcile interval once Redis is back (the reconnect re-asserts the schedulers, then the sweep runs),
    // plus Redis' reconnect back-off and the work itself on a loaded
    // two-core machine (SLACK_MS).
    expect(tookMs).toBeLessThan(RECONCILE_MS + SLACK_MS);
    await waitFor(async () => ((await timed(`http://127.0.0.1:${healthPort}/readyz`)).status === 200 ? true : undefined), () => worker!.output(), 30_000);
  }, 400_000);
});
