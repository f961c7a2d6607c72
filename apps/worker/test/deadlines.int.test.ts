import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { caseEvents, cases, categories, createDb, type Db, deadlines, notifications, orgUnits, users, withTenant } from '@shequ/db';
import { createTestDatabase, createTestOwnerDb, type TestDatabase } from '@shequ/db/testing';
import { createRedis, queuePrefix } from '@shequ/jobs';
import { anonymousCaller, submitCase } from '@shequ/use-cases';
import { createPersonalDataCipher } from '@shequ/use-cases/crypto';
import { localPhotoStorage } from '@shequ/use-cases/storage';
import { seedDemo } from '@shequ/use-cases/seed';
import pino from 'pino';
import { BURST_PAUSES_DELIVERY_AT, drainDueDeadlines, FRESH_LANE_MS, LAG_PAUSES_DELIVERY_AT_MS } from '../src/handlers/index.ts';
import { freePort, REDIS_URL, startWorker, waitFor } from './support.ts';

// The real worker against real PostgreSQL and Redis, owning the timers: breached deadlines escalate exactly once,
// the street officer hears of it in the app and by (development) email, and a worker killed mid-batch with Redis
// wiped loses nothing and doubles nothing after a restart.
const prefixBase = `shequ-test-deadlines-${randomBytes(4).toString('hex')}`;
const prefix = queuePrefix(prefixBase);
const KEY = 'cd'.repeat(32);
const redis = createRedis(REDIS_URL, 'worker');
const mailbox = mkdtempSync(path.join(tmpdir(), 'shequ-mailbox-'));
let tdb: TestDatabase;
let owner: Db;
let app: Db;
let jinyuan: string;
let categoryId: string;
let worker: ReturnType<typeof startWorker> | null = null;
let healthPort = 0;

async function launch(extra: Record<string, string> = {}) {
  healthPort = await freePort();
  worker = startWorker({
    DATABASE_APP_URL: tdb.appUrl,
    REDIS_PREFIX: prefixBase,
    WORKER_HEALTH_PORT: String(healthPort),
    PERSONAL_DATA_KEY: KEY,
    MAILBOX_DIR: mailbox,
    DEADLINE_RECONCILE_MS: '300',
    WORKER_CONCURRENCY: '4',
    ...extra,
  });
}

/** n new cases whose accept deadline passed a minute ago (as if the office let them sit over a holiday). */
/** `n` new cases of 金元 whose accept limit fell due `agoMs` ago. */
async function overdueCases(n: number, agoMs = 60_000): Promise<string[]> {
  const deps = { cipher: createPersonalDataCipher(KEY), storage: localPhotoStorage(mkdtempSync(path.join(tmpdir(), 'shequ-ph-'))) };
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await submitCase(app, anonymousCaller(), { tenantId: jinyuan, categoryId, content: `超期测试 ${i}`, consent: false, photos: [], channel: 'qr', deps })).id);
  const past = new Date(Date.now() - agoMs);
  await owner.update(deadlines).set({ dueAt: past, wakeAt: past, remindAt: [] }).where(and(inArray(deadlines.caseId, ids), eq(deadlines.kind, 'accept')));
  return ids;
}

const escalatedCount = (ids: string[]) =>
  withTenant(owner, jinyuan, async (tx) => (await tx.select({ n: sql<number>`count(*)::int` }).from(cases).where(and(inArray(cases.id, ids), eq(cases.status, 'escalated'))))[0]!.n);
const escalateEventsPerCase = (ids: string[]) =>
  withTenant(owner, jinyuan, (tx) =>
    tx
      .select({ caseId: caseEvents.caseId, n: sql<number>`count(*)::int` })
      .from(caseEvents)
      .where(and(inArray(caseEvents.caseId, ids), eq(caseEvents.type, 'escalate')))
      .groupBy(caseEvents.caseId),
  );

async function stopWorker(signal: NodeJS.Signals) {
  if (!worker || worker.process.exitCode !== null) return;
  const exited = new Promise((r) => worker!.process.once('exit', r));
  worker.process.kill(signal);
  await exited;
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  owner = createTestOwnerDb(tdb.ownerUrl, 2);
  app = createDb(tdb.appUrl, { max: 4 });
  await seedDemo(owner);
  [{ id: jinyuan }] = (await owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, 'jinyuan'))) as [{ id: string }];
  categoryId = (await withTenant(owner, jinyuan, (tx) => tx.select().from(categories).where(eq(categories.name, '环境卫生'))))[0]!.id;
});

afterAll(async () => {
  await stopWorker('SIGKILL');
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
  await app?.close();
  await owner?.close();
  await tdb?.drop();
});

describe('the worker owns the timers', () => {
  it('escalates a case whose deadline passed, once, and the street officer hears of it in the app and by email', async () => {
    const ids = await overdueCases(3);
    await launch();
    // The first launch also compiles the worker's TypeScript (tsx): on a loaded two-core machine that alone took
    // over 20 s and the test timed out with no output at all.
    await waitFor(async () => ((await escalatedCount(ids)) === 3 ? true : undefined), () => worker!.output(), 90_000);
    expect((await escalateEventsPerCase(ids)).map((r) => r.n)).toEqual([1, 1, 1]);
    const [street] = await owner.select({ id: users.id }).from(users).where(eq(users.mobile, '13800000002'));
    const inApp = await owner.select().from(notifications).where(and(eq(notifications.userId, street!.id), eq(notifications.kind, 'case_escalated'), inArray(notifications.subjectId, ids)));
    expect(inApp).toHaveLength(3);
    // The relay hands the outbox to delivery; the development transport keeps each email as an .eml file.
    const mails = await waitFor(
      async () => {
        const files = readdirSync(path.join(mailbox, 'email')).map((f) => readFileSync(path.join(mailbox, 'email', f), 'utf8'));
        const toStreet = files.filter((f) => f.includes('To: street@demo.shequ.cn') && f.includes('Subject: =?UTF-8?'));
        return toStreet.length >= 3 ? toStreet : undefined;
      },
      () => worker!.output(),
    );
    expect(mails.length).toBeGreaterThanOrEqual(3);
    // Operators' figures: queue counts and how late the effects were.
    const metrics = (await (await fetch(`http://127.0.0.1:${healthPort}/metrics`)).json()) as { queues: Record<string, { failed: number }>; deadlines: { lagMs: { max: number } } };
    expect(Object.keys(metrics.queues).sort()).toEqual(['deadlines', 'maintenance', 'notifications', 'onboarding']);
    expect(metrics.queues.deadlines!.failed).toBe(0);
  }, 180_000); // the first worker boot compiles it (tsx); slow on a loaded machine

  it('killed mid-batch with Redis wiped, after a restart every breached case is escalated exactly once', async () => {
    await stopWorker('SIGTERM');
    const ids = await overdueCases(200);
    // Small batches, two at a time: with the default 100 × 8 the 200 breaches commit together, too fast to be cut.
    const smallBatches = { DEADLINE_BATCH: '10', DEADLINE_CONCURRENCY: '2' };
    await launch(smallBatches);
    // Kill it as soon as it has started on the batch.
    await waitFor(async () => ((await escalatedCount(ids)) > 0 ? true : undefined), () => worker!.output(), 60_000, 20); // a worker boot can take long on a busy machine
    await stopWorker('SIGKILL');
    const before = await escalatedCount(ids);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await launch();
    await waitFor(async () => ((await escalatedCount(ids)) === ids.length ? true : undefined), () => worker!.output().slice(-3000), 150_000);
    const perCase = await escalateEventsPerCase(ids);
    expect(perCase).toHaveLength(ids.length);
    expect(perCase.every((r) => r.n === 1)).toBe(true);
    expect(before).toBeLessThan(ids.length); // it really was killed mid-batch
  }, 300_000); // 200 submissions, two worker boots and 200 escalations: slow on a shared, loaded two-core machine

  it('a burst, or deadlines already late, pause message delivery until drained; a trickle on time does not', async () => {
    await stopWorker('SIGTERM');
    const log = pino({ level: 'silent' });
    const events: string[] = [];
    // The cases the pause and resume report on: set before each drain (the callbacks run inside it).
    let watched: string[] = [];
    const deliveries = {
      pause: async () => void events.push(`pause after ${await escalatedCount(watched)}`),
      resume: async () => void events.push(`resume after ${await escalatedCount(watched)}`),
    };
    // Due a moment ago (less than LAG_PAUSES_DELIVERY_AT_MS): delivery goes on.
    const onTime = await overdueCases(3, 0);
    watched = onTime;
    expect((await drainDueDeadlines({ db: app, log, background: deliveries }, { batch: 100, parallel: 8 })).woken).toBeGreaterThanOrEqual(3);
    expect(await escalatedCount(onTime)).toBe(3);
    expect(events).toEqual([]);

    // A few, but a minute late (the drain is behind): delivery waits for them.
    const late = await overdueCases(3, 60_000);
    expect(60_000).toBeGreaterThan(LAG_PAUSES_DELIVERY_AT_MS);
    watched = late;
    await drainDueDeadlines({ db: app, log, background: deliveries }, { batch: 100, parallel: 8 });
    expect(events).toEqual(['pause after 0', 'resume after 3']);

    events.length = 0;
    const burst = await overdueCases(BURST_PAUSES_DELIVERY_AT + 20, 0);
    watched = burst;
    await drainDueDeadlines({ db: app, log, background: deliveries }, { batch: 100, parallel: 8 });
    // Paused before the first breach of the burst, resumed once all of it was through.
    expect(events).toEqual(['pause after 0', `resume after ${burst.length}`]);
  }, 300_000);

  it('behind a backlog, what falls due just now is served first (the fresh lane), and the backlog still drains', async () => {
    await stopWorker('SIGTERM');
    const log = pino({ level: 'silent' });
    // A backlog far larger than one read (batch 5 × 2 runners × 2 = 20), due a minute ago, then three due now.
    const backlog = await overdueCases(60, 60_000);
    const justDue = await overdueCases(3, 0);
    expect(FRESH_LANE_MS).toBeGreaterThan(0);
    await drainDueDeadlines({ db: app, log }, { batch: 5, parallel: 2 });
    expect(await escalatedCount(backlog)).toBe(backlog.length);
    expect(await escalatedCount(justDue)).toBe(justDue.length);
    const lastEscalation = (ids: string[]) =>
      withTenant(owner, jinyuan, async (tx) => (await tx.select({ at: sql<number>`extract(epoch from max(${caseEvents.at}))::float8` }).from(caseEvents).where(and(inArray(caseEvents.caseId, ids), eq(caseEvents.type, 'escalate'))))[0]!.at);
    // Earliest first alone would have escalated the three after the whole backlog.
    expect(await lastEscalation(justDue)).toBeLessThan(await lastEscalation(backlog));
  }, 300_000);
});
