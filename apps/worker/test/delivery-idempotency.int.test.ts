import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { createDb, type Db, orgUnits, outbox } from '@shequ/db';
import { createTestDatabase, createTestOwnerDb, type TestDatabase } from '@shequ/db/testing';
import { deliverMessage } from '@shequ/use-cases';
import { createPersonalDataCipher } from '@shequ/use-cases/crypto';
import { seedDemo } from '@shequ/use-cases/seed';
import { createTransports } from '../src/transports.ts';

// Decision 027: at least once, never a visible duplicate. PostgreSQL's connection is killed between the send and
// the record, and a worker dies after sending (its claim lapses, another attempt sends again): the development
// folder still holds exactly one message per outbox id.
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

afterAll(async () => {
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
    for (const id of ids.slice(0, 3)) expect((await deliverMessage(app, killing, cipher, id)).result).toBe('sent');
    // A worker that sent the others and died before recording it: the rows stay queued with a claim that lapses.
    for (const id of ids.slice(3)) {
      await folder.email.send({ id, channel: 'email', recipient: 'x@demo.shequ.cn', subject: '超期', body: '…' });
      await owner.update(outbox).set({ attemptToken: '00000000-0000-4000-8000-000000000000', claimedAt: new Date(Date.now() - 31_000) }).where(eq(outbox.id, id));
    }
    for (const id of ids.slice(3)) expect((await deliverMessage(app, folder, cipher, id)).result).toBe('sent'); // sent again, same id
    // Delivered rows are not sent again, however often a job repeats.
    for (const id of ids) expect((await deliverMessage(app, folder, cipher, id)).result).toBe('skipped');

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
    const results = await Promise.all([deliverMessage(app, counting, cipher, row!.id), deliverMessage(app, counting, cipher, row!.id)]);
    expect(results.map((r) => r.result).sort()).toEqual(expect.arrayContaining(['sent']));
    expect(results.filter((r) => r.result === 'sent')).toHaveLength(1);
    expect(sends).toBe(1);
  });
});
