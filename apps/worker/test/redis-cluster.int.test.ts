import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { caseEvents, cases, categories, createDb, type Db, deadlines, orgUnits, outbox, withTenant } from '@shequ/db';
import { createTestDatabase, createTestOwnerDb, type TestDatabase } from '@shequ/db/testing';
import { addBulkThroughReshard, createRedis, JOBS, jobId, QUEUES, queuePrefix, type RedisClient, redisReady } from '@shequ/jobs';
import { anonymousCaller, submitCase } from '@shequ/use-cases';
import { createPersonalDataCipher } from '@shequ/use-cases/crypto';
import { localPhotoStorage } from '@shequ/use-cases/storage';
import { seedDemo } from '@shequ/use-cases/seed';
import { freePort, REDIS_URL, type RedisCluster, startRedisCluster, startWorker, waitFor } from './support.ts';

// Redis Cluster (issue 14, decision 032): a real three-node cluster of redis-server processes started here. The real
// worker runs on it with REDIS_CLUSTER_NODES, and a producer connection made as the web makes it enqueues. Residents'
// wishes (their notices go out through the relay), overdue deadlines (breached through the deadlines queue) and
// outbox messages (delivered to the development folder) flow through it while the slot of the hash-tagged prefix
// is moved to another node and then to the third, keys and all. Every effect happens exactly once and no error
// reaches the worker's log. Then the node holding the queues dies: readiness says 503 within a second.
const KEY = 'a1'.repeat(32);
const prefixBase = `shequ-cluster-${randomBytes(4).toString('hex')}`;
const prefix = queuePrefix(prefixBase);
let tdb: TestDatabase;
let owner: Db;
let app: Db;
let jinyuan: string;
let categoryId: string;
let cluster: RedisCluster | null = null;
let worker: ReturnType<typeof startWorker> | null = null;
let producer: RedisClient | null = null;
let healthPort = 0;
const mailbox = mkdtempSync(path.join(tmpdir(), 'shequ-cluster-mail-'));
const photos = mkdtempSync(path.join(tmpdir(), 'shequ-cluster-ph-'));

async function timed(url: string) {
  const started = Date.now();
  const res = await fetch(url);
  return { status: res.status, ms: Date.now() - started, body: (await res.json()) as Record<string, unknown> };
}

/** The worker's structured log lines (pino JSON). */
const logLines = () =>
  worker!
    .output()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { level: number; msg: string; job?: string; jobId?: string; result?: unknown; err?: string });

/** Residents' wishes through the use case; `overdue` of them have an accept deadline that passed a minute ago. */
async function wishes(n: number, overdue: number, label: string): Promise<{ all: string[]; overdue: string[] }> {
  const deps = { cipher: createPersonalDataCipher(KEY), storage: localPhotoStorage(photos) };
  const all: string[] = [];
  for (let i = 0; i < n; i++) all.push((await submitCase(app, anonymousCaller(), { tenantId: jinyuan, categoryId, content: `集群测试 ${label} ${i}`, consent: false, photos: [], channel: 'qr', deps })).id);
  const late = all.slice(0, overdue);
  const past = new Date(Date.now() - 60_000);
  if (late.length) await owner.update(deadlines).set({ dueAt: past, wakeAt: past, remindAt: [] }).where(and(inArray(deadlines.caseId, late), eq(deadlines.kind, 'accept')));
  return { all, overdue: late };
}

/**
 * Outbox messages handed to the delivery queue by a producer connection (the web's kind: fail fast, no offline
 * queue), with the job id and options the relay uses; the rows are queued, so the relay leaves them alone.
 */
async function deliveries(queue: Queue, n: number): Promise<string[]> {
  const rows = await owner
    .insert(outbox)
    .values(Array.from({ length: n }, (_, i) => ({ tenantId: jinyuan, channel: 'email' as const, kind: 'breach', recipient: `c${i}@demo.shequ.cn`, subject: '集群', body: '…', state: 'queued' as const, queuedAt: new Date() })))
    .returning({ id: outbox.id });
  await addBulkThroughReshard(
    queue,
    rows.map(({ id }) => ({
      name: JOBS.deliverMessage.name,
      data: { outboxId: id, tenantId: jinyuan },
      opts: { jobId: jobId('deliver', id), attempts: 5, backoff: { type: 'exponential', delay: 10_000 }, removeOnComplete: true, removeOnFail: 1000 },
    })),
  );
  return rows.map((r) => r.id);
}

const escalateEventsPerCase = (ids: string[]) =>
  withTenant(owner, jinyuan, (tx) =>
    tx
      .select({ caseId: caseEvents.caseId, n: sql<number>`count(*)::int` })
      .from(caseEvents)
      .where(and(inArray(caseEvents.caseId, ids), eq(caseEvents.type, 'escalate')))
      .groupBy(caseEvents.caseId),
  );
const escalatedCount = (ids: string[]) =>
  withTenant(owner, jinyuan, async (tx) => (await tx.select({ n: sql<number>`count(*)::int` }).from(cases).where(and(inArray(cases.id, ids), eq(cases.status, 'escalated'))))[0]!.n);
const unsent = async () => (await owner.select({ n: sql<number>`count(*)::int` }).from(outbox).where(sql`${outbox.state} <> 'sent'`))[0]!.n;

beforeAll(async () => {
  tdb = await createTestDatabase();
  owner = createTestOwnerDb(tdb.ownerUrl, 2);
  app = createDb(tdb.appUrl, { max: 4 });
  await seedDemo(owner);
  [{ id: jinyuan }] = (await owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, 'jinyuan'))) as [{ id: string }];
  categoryId = (await withTenant(owner, jinyuan, (tx) => tx.select().from(categories).where(eq(categories.name, '环境卫生'))))[0]!.id;
  cluster = await startRedisCluster(3);
  healthPort = await freePort();
  worker = startWorker({
    DATABASE_APP_URL: tdb.appUrl,
    REDIS_CLUSTER_NODES: cluster.nodes,
    REDIS_PREFIX: prefixBase,
    WORKER_HEALTH_PORT: String(healthPort),
    PERSONAL_DATA_KEY: KEY,
    MAILBOX_DIR: mailbox,
    DEADLINE_RECONCILE_MS: '500',
  });
  producer = createRedis({ url: REDIS_URL, clusterNodes: cluster.nodes }, 'producer');
}, 120_000);

afterAll(async () => {
  if (worker && worker.process.exitCode === null) {
    const exited = new Promise((r) => worker!.process.once('exit', r));
    worker.process.kill('SIGKILL');
    await exited;
  }
  producer?.disconnect();
  await cluster?.stop();
  rmSync(mailbox, { recursive: true, force: true });
  rmSync(photos, { recursive: true, force: true });
  await app?.close();
  await owner?.close();
  await tdb?.drop();
});

describe('on a Redis Cluster', () => {
  it('runs wishes, deadlines and deliveries through three nodes while the queues’ slot moves twice, each done once and no error surfaced', async () => {
    await waitFor(async () => ((await timed(`http://127.0.0.1:${healthPort}/readyz`)).status === 200 ? true : undefined), () => worker!.output(), 90_000);
    expect(worker!.output()).toMatch(/"redis":"cluster"/);
    const slot = Number(await cluster!.node(cluster!.ports[0]!).call('CLUSTER', 'KEYSLOT', prefix));
    const firstOwner = await cluster!.owner(slot);
    const notifications = new Queue(QUEUES.notifications, { connection: producer!, prefix });
    const produced: string[] = [];
    const cases: { all: string[]; overdue: string[] } = { all: [], overdue: [] };
    const round = async (label: string) => {
      const w = await wishes(6, 3, label);
      cases.all.push(...w.all);
      cases.overdue.push(...w.overdue);
      produced.push(...(await deliveries(notifications, 25)));
    };

    await round('before');
    // Work keeps arriving in rounds while the slot moves: to a second node, then to the third.
    let flowing = true;
    const flow = (async () => {
      let i = 0;
      while (flowing) {
        await round(`during ${i++}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const moves: { to: number; keys: number; ms: number }[] = [];
    for (const to of cluster!.ports.filter((p) => p !== firstOwner)) {
      await new Promise((r) => setTimeout(r, 1500));
      moves.push({ to, ...(await cluster!.moveSlot(slot, to)) });
    }
    await new Promise((r) => setTimeout(r, 1500));
    flowing = false;
    await flow;
    await round('after');
    console.log(`cluster: slot ${slot} moved ${JSON.stringify(moves)}; ${cases.all.length} wishes, ${cases.overdue.length} overdue, ${produced.length} enqueued deliveries`);
    expect(await cluster!.owner(slot)).toBe(moves.at(-1)!.to);
    expect(moves.every((m) => m.keys > 0)).toBe(true); // the queues' keys really moved with the slot

    await waitFor(async () => ((await escalatedCount(cases.overdue)) === cases.overdue.length ? true : undefined), () => worker!.output().slice(-4000), 120_000);
    await waitFor(async () => ((await unsent()) === 0 ? true : undefined), () => worker!.output().slice(-4000), 120_000);

    // Deadlines: each overdue case escalated exactly once; the others not at all.
    const perCase = await escalateEventsPerCase(cases.all);
    expect(perCase.map((r) => r.caseId).sort()).toEqual([...cases.overdue].sort());
    expect(perCase.every((r) => r.n === 1)).toBe(true);
    // Deliveries: every message (the enqueued ones, the wishes' notices, the escalations' messages) sent, once.
    const rows = await owner.select({ id: outbox.id, channel: outbox.channel, state: outbox.state }).from(outbox);
    expect(rows.every((r) => r.state === 'sent')).toBe(true);
    for (const id of produced) expect(rows.some((r) => r.id === id)).toBe(true);
    const sends = new Map<string, number>();
    for (const l of logLines()) if (l.msg === 'job done' && l.job === JOBS.deliverMessage.name && l.result === 'sent') sends.set(l.jobId!, (sends.get(l.jobId!) ?? 0) + 1);
    for (const r of rows) expect(sends.get(jobId('deliver', r.id)), `sends of ${r.id}`).toBe(1);
    const files = readdirSync(path.join(mailbox, 'email')).filter((f) => f.endsWith('.eml'));
    const emails = rows.filter((r) => r.channel === 'email').map((r) => `${r.id}.eml`);
    expect(files.sort()).toEqual(emails.sort());
    // No error reached the log: no failed job, no queue error (MOVED, ASK, TRYAGAIN are the client's business).
    const errors = logLines().filter((l) => l.level >= 50);
    expect(errors, JSON.stringify(errors.slice(0, 5))).toEqual([]);
    expect(worker!.output()).not.toMatch(/MOVED|TRYAGAIN|CROSSSLOT|non local key/);
    expect((await timed(`http://127.0.0.1:${healthPort}/readyz`)).status).toBe(200);
    await notifications.close();
  }, 400_000);

  it('is not ready while the node holding the queues is down, says so within a second, and /metrics does not crash', async () => {
    const slot = Number(await cluster!.node(cluster!.ports[0]!).call('CLUSTER', 'KEYSLOT', prefix));
    const holder = await cluster!.owner(slot);
    // The node is shut down as a crash would (no save), its peers see it fail after the node timeout.
    await cluster!
      .node(holder)
      .call('SHUTDOWN', 'NOSAVE')
      .catch(() => undefined);
    const down = await waitFor(async () => {
      const r = await timed(`http://127.0.0.1:${healthPort}/readyz`);
      return r.status === 503 ? r : undefined;
    }, () => worker!.output().slice(-3000), 15_000, 100);
    expect(down.ms).toBeLessThan(1000);
    expect(JSON.stringify(down.body.checks)).toMatch(/redis/);
    for (let i = 0; i < 3; i++) {
      const r = await timed(`http://127.0.0.1:${healthPort}/readyz`);
      expect(r.status).toBe(503);
      expect(r.ms).toBeLessThan(1000);
      const m = await timed(`http://127.0.0.1:${healthPort}/metrics`);
      expect([200, 503]).toContain(m.status);
      expect(m.ms).toBeLessThan(1000);
    }
    // The web's check (the same read, on a producer connection) fails rather than says ok.
    await expect(redisReady(producer!, prefix)).rejects.toThrow();
    expect(worker!.process.exitCode).toBeNull();
  }, 120_000);
});
