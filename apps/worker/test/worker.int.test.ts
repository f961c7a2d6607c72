import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue, QueueEvents } from 'bullmq';
import { eq } from 'drizzle-orm';
import { createDb, type Db, sessions, users } from '@shequ/db';
import { createTestDatabase, type TestDatabase } from '@shequ/db/testing';
import { createRedis, JOBS, QUEUES, queuePrefix } from '@shequ/jobs';

// The real worker process against real PostgreSQL and Redis: it becomes ready, runs its scheduled
// maintenance job, and stops cleanly on SIGTERM.
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefixBase = `shequ-test-worker-${randomBytes(4).toString('hex')}`;
const prefix = queuePrefix(prefixBase);
let tdb: TestDatabase;
let owner: Db;
let worker: ChildProcess;
let healthPort: number;
let output = '';
const redis = createRedis(REDIS_URL, 'worker');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function waitFor<T>(fn: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await fn().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out; worker output:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  owner = createDb(tdb.ownerUrl, { max: 1 });
  healthPort = await freePort();
  worker = spawn(fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url)), ['src/main.ts'], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    env: { ...process.env, DATABASE_APP_URL: tdb.appUrl, REDIS_URL, REDIS_PREFIX: prefixBase, WORKER_HEALTH_PORT: String(healthPort), LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  worker.stdout!.on('data', (d) => (output += d));
  worker.stderr!.on('data', (d) => (output += d));
});

afterAll(async () => {
  if (worker && worker.exitCode === null) worker.kill('SIGKILL');
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
    expect(ready.checks).toEqual({ shutdown: 'ok', postgres: 'ok', redis: 'ok' });
    expect((await fetch(`http://127.0.0.1:${healthPort}/healthz`)).status).toBe(200);
  });

  it('registers the maintenance scheduler once and purges expired sessions when the job runs', async () => {
    const queue = new Queue(QUEUES.maintenance, { connection: redis, prefix });
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => s.key).sort()).toEqual([JOBS.closeUnratedCases.name, JOBS.purgeExpiredSessions.name].sort());

    const [user] = await owner.insert(users).values({ displayName: '过期', mobile: '13700000009' }).returning();
    await owner.insert(sessions).values({ id: 'e'.repeat(64), userId: user!.id, expiresAt: new Date(Date.now() - 1000) });
    const events = new QueueEvents(QUEUES.maintenance, { connection: createRedis(REDIS_URL, 'worker'), prefix });
    await events.waitUntilReady();
    const job = await queue.add(JOBS.purgeExpiredSessions.name, {}, { jobId: `test-${Date.now()}` });
    const result = await job.waitUntilFinished(events, 20_000);
    expect(result).toMatchObject({ sessions: 1 });
    expect(await owner.select().from(sessions).where(eq(sessions.userId, user!.id))).toEqual([]);
    await events.close();
    await queue.close();
  });

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((r) => worker.once('exit', (code) => r(code)));
    worker.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('worker stopped cleanly');
  });
});
