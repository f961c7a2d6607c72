import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { createDb, type Db, orgUnits, outbox } from '@shequ/db';
import { createTestDatabase, createTestOwnerDb, type TestDatabase } from '@shequ/db/testing';
import { createRedis, queuePrefix } from '@shequ/jobs';
import { anonymousCaller, deliverMessage } from '@shequ/use-cases';
import { createPersonalDataCipher } from '@shequ/use-cases/crypto';
import { seedDemo } from '@shequ/use-cases/seed';
import { createTransports, messageId } from '../src/transports.ts';
import { freePort, REDIS_URL, startWorker, waitFor } from './support.ts';

// Decision 027: at least once, never a visible duplicate. PostgreSQL's connection is killed between the send and
// the record, and a worker dies after sending (its claim lapses, another attempt sends again): the development
// folder still holds exactly one message per outbox id. And the real worker process, SIGKILLed in the middle of a
// batch and replaced by a new one, leaves exactly one message per outbox id, every row sent.
let tdb: TestDatabase;
let owner: Db;
let app: Db;
let jinyuan: string;
const cipher = createPersonalDataCipher('ab'.repeat(32));

beforeAll(async () => {
  tdb = await createTestDatabase();
  owner = createTestOwnerDb(tdb.ownerUrl, 2);
  app = createDb(tdb.appUrl, { max: 2 });
  await seedDemo(owner);
  jinyuan = (await owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, 'jinyuan')))[0]!.id;
}, 120_000);

const prefixBase = `shequ-test-idem-${randomBytes(4).toString('hex')}`;
let worker: ReturnType<typeof startWorker> | null = null;

async function stopWorker(signal: NodeJS.Signals) {
  if (!worker || worker.process.exitCode !== null || worker.process.signalCode !== null) return;
  const exited = new Promise((r) => worker!.process.once('exit', r));
  worker.process.kill(signal);
  await exited;
}

afterAll(async () => {
  await stopWorker('SIGKILL');
  const redis = createRedis(REDIS_URL, 'worker');
  const keys = await redis.keys(`${queuePrefix(prefixBase)}*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
  await app?.close();
  await owner?.close();
  await tdb?.drop();
});

describe('delivery', () => {
  it('sends each outbox id once to the folder when PostgreSQL drops the connection after the send, and when a worker dies after sending', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'shequ-idem-'));
    const folder = createTransports({ mailFrom: 'test <t@shequ.local>', mailboxDir: dir });
    const rows = await owner
      .insert(outbox)
      .values(Array.from({ length: 6 }, (_, i) => ({ tenantId: jinyuan, channel: 'email' as const, kind: 'breach', recipient: `r${i}@demo.shequ.cn`, subject: '超期', body: '…', state: 'queued' as const })))
      .returning({ id: outbox.id });
    const ids = rows.map((r) => r.id);
    let sends = 0;
    // After every send, every connection of the runtime role is terminated: the "mark sent" that follows finds its
    // connection dead.
    const killing = {
      email: {
        async send(m: Parameters<(typeof folder)['email']['send']>[0]) {
          await folder.email.send(m);
          sends++;
          // As the server's superuser (terminating another role's backends needs it).
          const admin = postgres(process.env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', { max: 1, onnotice: () => {} });
          await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${tdb.name} and usename = 'shequ_app'`;
          await admin.end();
        },
      },
    };
    for (const id of ids.slice(0, 3)) expect((await deliverMessage(app, anonymousCaller(), { transports: killing, cipher, outboxId: id })).result).toBe('sent');
    // A worker that sent the others and died before recording it: the rows stay queued with a claim that lapses.
    for (const id of ids.slice(3)) {
      await folder.email.send({ id, channel: 'email', kind: 'breach', recipient: 'x@demo.shequ.cn', subject: '超期', body: '…', params: null });
      await owner.update(outbox).set({ attemptToken: '00000000-0000-4000-8000-000000000000', claimedAt: new Date(Date.now() - 31_000) }).where(eq(outbox.id, id));
    }
    for (const id of ids.slice(3)) expect((await deliverMessage(app, anonymousCaller(), { transports: folder, cipher, outboxId: id })).result).toBe('sent'); // sent again, same id
    // Delivered rows are not sent again, however often a job repeats.
    for (const id of ids) expect((await deliverMessage(app, anonymousCaller(), { transports: folder, cipher, outboxId: id })).result).toBe('skipped');

    const files = readdirSync(path.join(dir, 'email'));
    for (const id of ids) {
      expect(files.filter((f) => f === `${id}.eml`)).toHaveLength(1);
      expect(files.filter((f) => f === `${id}.json`)).toHaveLength(1);
    }
    expect(files.filter((f) => f.endsWith('.eml'))).toHaveLength(ids.length);
    expect(sends).toBe(3);
    const states = await owner.select({ state: outbox.state, token: outbox.attemptToken }).from(outbox).where(inArray(outbox.id, ids));
    expect(states.every((s) => s.state === 'sent' && s.token === null)).toBe(true);
  }, 120_000);

  it('lets only one of two simultaneous attempts send a message', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'shequ-idem2-'));
    const folder = createTransports({ mailFrom: 'test <t@shequ.local>', mailboxDir: dir });
    const [row] = await owner.insert(outbox).values({ tenantId: jinyuan, channel: 'email', kind: 'breach', recipient: 'both@demo.shequ.cn', subject: '超期', body: '…', state: 'queued' }).returning({ id: outbox.id });
    let sends = 0;
    const counting = { email: { send: async (m: Parameters<(typeof folder)['email']['send']>[0]) => (sends++, folder.email.send(m)) } };
    const results = await Promise.all([deliverMessage(app, anonymousCaller(), { transports: counting, cipher, outboxId: row!.id }), deliverMessage(app, anonymousCaller(), { transports: counting, cipher, outboxId: row!.id })]);
    expect(results.map((r) => r.result).sort()).toEqual(expect.arrayContaining(['sent']));
    expect(results.filter((r) => r.result === 'sent')).toHaveLength(1);
    expect(sends).toBe(1);
  });

  it('leaves one message per outbox id, every row sent, when the worker process is SIGKILLed mid-batch and another takes over', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'shequ-idem-kill-'));
    const emails = () => {
      try {
        return readdirSync(path.join(dir, 'email')).filter((f) => f.endsWith('.eml'));
      } catch {
        return [];
      }
    };
    const rows = await owner
      .insert(outbox)
      .values(Array.from({ length: 300 }, (_, i) => ({ tenantId: jinyuan, channel: 'email' as const, kind: 'breach', recipient: `k${i}@demo.shequ.cn`, subject: '超期', body: `第 ${i} 条`, state: 'pending' as const })))
      .returning({ id: outbox.id });
    const ids = rows.map((r) => r.id);
    const launch = async () => {
      worker = startWorker({
        DATABASE_APP_URL: tdb.appUrl,
        REDIS_PREFIX: prefixBase,
        WORKER_HEALTH_PORT: String(await freePort()),
        PERSONAL_DATA_KEY: 'ab'.repeat(32),
        MAILBOX_DIR: dir,
        WORKER_CONCURRENCY: '2',
      });
    };
    await launch();
    // Killed as soon as the first messages of the batch are out: the relay handed over up to 200, two are in flight.
    await waitFor(async () => (emails().length > 0 ? true : undefined), () => worker!.output(), 90_000, 10);
    await stopWorker('SIGKILL');
    const filesBefore = emails();
    const before = filesBefore.length;
    const recorded = new Set((await owner.select({ id: outbox.id }).from(outbox).where(and(inArray(outbox.id, ids), eq(outbox.state, 'sent')))).map((r) => r.id));
    const sentBefore = recorded.size;
    // Messages out of the door whose row the killed worker never marked: the new worker sends them again.
    const unrecorded = filesBefore.map((f) => f.replace(/\.eml$/, '')).filter((id) => !recorded.has(id));
    expect(before).toBeLessThan(ids.length); // it really died mid-batch
    expect(sentBefore).toBeLessThan(ids.length);

    await launch();
    // Messages whose sender died are claimed until CLAIM_TIMEOUT_MS (30 s) and their jobs stall: sent again after that.
    await waitFor(
      async () => ((await owner.select({ id: outbox.id }).from(outbox).where(and(inArray(outbox.id, ids), eq(outbox.state, 'sent')))).length === ids.length ? true : undefined),
      () => worker!.output().slice(-3000),
      180_000,
      500,
    );
    const resent = worker!.output().split('\n').filter((l) => l.includes('"msg":"job done"') && l.includes('"result":"sent"'));
    for (const id of unrecorded) expect(resent.filter((l) => l.includes(`"jobId":"deliver.${id}"`)), `resend of ${id}`).toHaveLength(1);
    await stopWorker('SIGTERM');
    const states = await owner.select({ id: outbox.id, state: outbox.state, token: outbox.attemptToken }).from(outbox).where(inArray(outbox.id, ids));
    expect(states.every((s) => s.state === 'sent' && s.token === null)).toBe(true);
    // Exactly one message per outbox id, and nothing else: each file is its id's message (its Message-ID).
    const files = emails();
    expect(files.sort()).toEqual(ids.map((id) => `${id}.eml`).sort());
    for (const id of ids) expect(readFileSync(path.join(dir, 'email', `${id}.eml`), 'utf8')).toContain(`Message-ID: ${messageId(id)}`);
    expect(readdirSync(path.join(dir, 'email')).filter((f) => f.endsWith('.json')).sort()).toEqual(ids.map((id) => `${id}.json`).sort());
    console.log(`worker SIGKILLed after ${before} of ${ids.length} messages (${sentBefore} recorded sent, ${unrecorded.length} sent again by the next worker); after the restart each of ${ids.length} is in the folder once`);
    rmSync(dir, { recursive: true, force: true });
  }, 300_000);
});
