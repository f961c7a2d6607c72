import { mkdtempSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { categories, createDb, type Db, deadlines, orgUnits, outbox, withTenant } from '@shequ/db';
import { createTestDatabase, createTestOwnerDb, type TestDatabase } from '@shequ/db/testing';
import { createRedis, type RedisClient } from '@shequ/jobs';
import { anonymousCaller, submitCase } from '@shequ/use-cases';
import { createPersonalDataCipher } from '@shequ/use-cases/crypto';
import { seedDemo } from '@shequ/use-cases/seed';
import { localPhotoStorage } from '@shequ/use-cases/storage';
import { HEALTH_ANSWER_MS, probeReadiness, READY_MAX_LAG_MS } from '../src/health.ts';
import { schedulerCheckEvery, schedulersHealth } from '../src/scheduler-health.ts';
import { REDIS_URL } from './support.ts';

// Issue 14: readiness tells the truth, within a second in every case — not ready when PostgreSQL or Redis fail (down,
// or hanging without a word), when the schedulers are missing, or when the oldest pending message or due deadline has
// waited past READY_MAX_LAG_MS. Real PostgreSQL and Redis; a "hanging" server is a socket that never answers.
let tdb: TestDatabase;
let owner: Db;
let app: Db;
let redis: RedisClient;
let jinyuan: string;
const sockets: Socket[] = [];
let silent: Server;
let silentPort = 0;

/** The probe's answer and how long it took (ms). */
async function probe(db: Db, r: RedisClient, schedulers?: () => string) {
  const started = Date.now();
  const checks = await probeReadiness(db, r, 'shequ-test-readiness', false, schedulers);
  return { checks, ms: Date.now() - started, ready: Object.values(checks).every((v) => v === 'ok') };
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  owner = createTestOwnerDb(tdb.ownerUrl, 2);
  app = createDb(tdb.appUrl, { max: 2 });
  redis = createRedis(REDIS_URL, 'worker');
  await seedDemo(owner);
  [{ id: jinyuan }] = (await owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, 'jinyuan'))) as [{ id: string }];
  // Accepts connections and never says a word (a PostgreSQL or Redis stuck behind a dead network path).
  silent = createServer((s) => void sockets.push(s));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
  silentPort = (silent.address() as { port: number }).port;
}, 120_000);

afterAll(async () => {
  for (const s of sockets) s.destroy();
  silent?.close();
  await redis?.quit();
  await app?.close();
  await owner?.close();
  await tdb?.drop();
});

describe('readiness', () => {
  it('is ready when PostgreSQL and Redis answer and nothing has waited too long', async () => {
    const { checks, ready, ms } = await probe(app, redis);
    expect(checks).toMatchObject({ shutdown: 'ok', schedulers: 'ok', postgres: 'ok', redis: 'ok', outbox: 'ok', deadlines: 'ok' });
    expect(ready).toBe(true);
    expect(ms).toBeLessThan(1000);
  });

  it('is not ready, within a second, when PostgreSQL is down or hangs', async () => {
    const refused = createDb(`postgres://shequ_app:shequ_app@127.0.0.1:1/${tdb.name}`, { max: 1 });
    const hanging = createDb(`postgres://shequ_app:shequ_app@127.0.0.1:${silentPort}/${tdb.name}`, { max: 1 });
    for (const db of [refused, hanging]) {
      const { checks, ready, ms } = await probe(db, redis);
      expect(ready).toBe(false);
      expect(checks.postgres).not.toBe('ok');
      expect(checks.redis).toBe('ok');
      expect(ms).toBeLessThan(HEALTH_ANSWER_MS + 300);
    }
    await Promise.allSettled([refused.close(), hanging.close()]);
  });

  it('is not ready, within a second, when Redis is down or hangs', async () => {
    const down = createRedis('redis://127.0.0.1:1', 'worker', { lazyConnect: true });
    const hanging = createRedis(`redis://127.0.0.1:${silentPort}`, 'worker', { lazyConnect: true });
    for (const r of [down, hanging]) {
      const { checks, ready, ms } = await probe(app, r);
      expect(ready).toBe(false);
      expect(checks.redis).not.toBe('ok');
      expect(checks.postgres).toBe('ok');
      expect(ms).toBeLessThan(HEALTH_ANSWER_MS + 300);
    }
    down.disconnect();
    hanging.disconnect();
  });

  it('is not ready when the schedulers were not found', async () => {
    // The process's own judge (scheduler-health.test has its clock): never confirmed since boot, and a failed check.
    const every = schedulerCheckEvery(60_000);
    const never = await probe(app, redis, () => schedulersHealth({ lastCheck: 0, error: null }, every));
    expect(never.ready).toBe(false);
    expect(never.checks.schedulers).toBe('schedulers not checked recently');
    const failed = await probe(app, redis, () => schedulersHealth({ lastCheck: Date.now(), error: 'Connection is closed.' }, every));
    expect(failed.ready).toBe(false);
    expect(failed.checks.schedulers).toBe('scheduler check failed: Connection is closed.');
    const fresh = await probe(app, redis, () => schedulersHealth({ lastCheck: Date.now(), error: null }, every));
    expect(fresh.checks.schedulers).toBe('ok');
  });

  it('is not ready when a message or a due deadline has waited past the threshold, and ready again once they are done', async () => {
    const past = new Date(Date.now() - READY_MAX_LAG_MS - 60_000);
    const [message] = await owner
      .insert(outbox)
      .values({ tenantId: jinyuan, channel: 'email', kind: 'case_escalated', recipient: 'street@demo.shequ.cn', subject: '社区上报', body: '请处理', createdAt: past })
      .returning({ id: outbox.id });
    let answer = await probe(app, redis);
    expect(answer.ready).toBe(false);
    expect(answer.checks.outbox).toMatch(/oldest pending message waiting \d+ s/);
    await owner.update(outbox).set({ state: 'sent' }).where(eq(outbox.id, message!.id));

    // A resident's wish starts its accept and resolve deadlines; its accept deadline's wake-up is moved into the past.
    const deps = { cipher: createPersonalDataCipher('ab'.repeat(32)), storage: localPhotoStorage(mkdtempSync(path.join(tmpdir(), 'shequ-ready-'))) };
    const categoryId = (await withTenant(owner, jinyuan, (tx) => tx.select({ id: categories.id }).from(categories).limit(1)))[0]!.id;
    const { id: caseId } = await submitCase(app, anonymousCaller(), { tenantId: jinyuan, categoryId, content: '就绪检查测试', consent: false, photos: [], channel: 'qr', deps });
    const [deadline] = await owner.select({ id: deadlines.id }).from(deadlines).where(and(eq(deadlines.subjectId, caseId), eq(deadlines.state, 'running'))).limit(1);
    expect(deadline).toBeDefined();
    const [{ wakeAt }] = (await owner.select({ wakeAt: deadlines.wakeAt }).from(deadlines).where(eq(deadlines.id, deadline!.id))) as [{ wakeAt: Date }];
    await owner.update(deadlines).set({ wakeAt: past }).where(eq(deadlines.id, deadline!.id));
    answer = await probe(app, redis);
    expect(answer.ready).toBe(false);
    expect(answer.checks.deadlines).toMatch(/oldest due deadline waiting \d+ s/);
    await owner.update(deadlines).set({ wakeAt }).where(eq(deadlines.id, deadline!.id));
    expect((await probe(app, redis)).ready).toBe(true);
  });
});
