import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue, QueueEvents } from 'bullmq';
import { eq } from 'drizzle-orm';
import { type Db, sessions, SYSTEM_SCOPES, type Tx, users, withSystem } from '@shequ/db';
import { createTestDatabase, createTestOwnerDb, type TestDatabase } from '@shequ/db/testing';
import { createRedis, JOBS, QUEUES, queuePrefix } from '@shequ/jobs';
import { freePort, REDIS_URL, startWorker, waitFor as waitUntil } from './support.ts';

// The real worker process against real PostgreSQL and Redis: it becomes ready, runs its scheduled
// maintenance job, and stops cleanly on SIGTERM.
const prefixBase = `shequ-test-worker-${randomBytes(4).toString('hex')}`;
const prefix = queuePrefix(prefixBase);
let tdb: TestDatabase;
let owner: Db;
let worker: ReturnType<typeof startWorker>;
let healthPort: number;
const redis = createRedis(REDIS_URL, 'worker');
const waitFor = <T>(fn: () => Promise<T | undefined>) => waitUntil(fn, () => worker.output());

beforeAll(async () => {
  tdb = await createTestDatabase();
  owner = createTestOwnerDb(tdb.ownerUrl, 1);
  healthPort = await freePort();
  worker = startWorker({ DATABASE_APP_URL: tdb.appUrl, REDIS_PREFIX: prefixBase, WORKER_HEALTH_PORT: String(healthPort) });
});

afterAll(async () => {
  if (worker && worker.process.exitCode === null) worker.process.kill('SIGKILL');
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
  await owner?.close();
  await tdb?.drop();
});

describe('worker process', () => {
  it('reports live and ready once PostgreSQL and Redis answer', async () => {
    const ready = await waitFor(async () => {
      const res = await fetch(`http://127.0.0.1:${healthPort}/readyz`);
      return res.status === 200 ? ((await res.json()) as { checks: Record<string, string> }) : undefined;
    });
    expect(ready.checks).toMatchObject({ shutdown: 'ok', postgres: 'ok', redis: 'ok' });
    expect((await fetch(`http://127.0.0.1:${healthPort}/healthz`)).status).toBe(200);
  });

  it('registers the maintenance scheduler once and purges expired sessions when the job runs', async () => {
    const queue = new Queue(QUEUES.maintenance, { connection: redis, prefix });
    // Ready (the supervisor answers) can come before its processes have registered the schedulers: wait for them.
    const schedulers = await waitFor(async () => {
      const found = await queue.getJobSchedulers();
      return found.length >= 4 ? found : undefined;
    });
    expect(schedulers.map((s) => s.key).sort()).toEqual([JOBS.closeUnratedCases.name, JOBS.purgeExpiredSessions.name, JOBS.refreshRollups.name, JOBS.syncCareRosters.name].sort());
    const others = await waitFor(async () => {
      const found = (await Promise.all([QUEUES.deadlines, QUEUES.notifications].map((q) => new Queue(q, { connection: redis, prefix }).getJobSchedulers()))).flat();
      return found.length >= 2 ? found : undefined;
    });
    expect(others.map((s) => s.key).sort()).toEqual([JOBS.reconcileDeadlines.name, JOBS.relayOutbox.name].sort());

    const [user] = await owner.insert(users).values({ displayName: '过期', mobile: '13700000009' }).returning();
    // Sessions are under RLS (decision 019), which binds the owner too: the test works in the maintenance scope.
    const asMaintenance = <T>(fn: (tx: Tx) => Promise<T>) => withSystem(owner, SYSTEM_SCOPES.maintenance, 'test', fn);
    await asMaintenance((tx) => tx.insert(sessions).values({ id: 'e'.repeat(64), userId: user!.id, expiresAt: new Date(Date.now() - 1000) }));
    expect(await asMaintenance((tx) => tx.select().from(sessions).where(eq(sessions.userId, user!.id)))).toHaveLength(1);
    const events = new QueueEvents(QUEUES.maintenance, { connection: createRedis(REDIS_URL, 'worker'), prefix });
    await events.waitUntilReady();
    // Kept when done (the worker removes finished jobs by default): waitUntilFinished fails with "Missing key"
    // when the job is already gone by the time it looks, which happened once when the job ran in 37 ms.
    const job = await queue.add(JOBS.purgeExpiredSessions.name, {}, { jobId: `test-${Date.now()}`, removeOnComplete: false });
    const result = await job.waitUntilFinished(events, 20_000);
    expect(result).toMatchObject({ sessions: 1 });
    expect(await asMaintenance((tx) => tx.select().from(sessions).where(eq(sessions.userId, user!.id)))).toEqual([]);
    await events.close();
    await queue.close();
  });

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((r) => worker.process.once('exit', (code) => r(code)));
    worker.process.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(worker.output()).toContain('worker stopped cleanly');
  });
});
