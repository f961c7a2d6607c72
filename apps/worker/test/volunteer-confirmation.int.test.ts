import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { createDb, type Db, deadlines, orgUnits, outbox, volunteerSignups, withTenant } from '@shequ/db';
import { createTestDatabase, createTestOwnerDb, type TestDatabase } from '@shequ/db/testing';
import { createRedis, queuePrefix } from '@shequ/jobs';
import { addPartyMember, confirmAttendance, createActivity, createPartyOrg, createVolunteerTeam, registerResident, registerVolunteer, signUpForShift, type StaffCaller } from '@shequ/use-cases';
import { createPersonalDataCipher } from '@shequ/use-cases/crypto';
import { seedDemo } from '@shequ/use-cases/seed';
import { staffCallerFor } from '@shequ/use-cases/testing';
import { REDIS_URL, startReadyWorker, type startWorker, stopWorkerProcess, waitFor } from './support.ts';

// Issue 17's day-before confirmation through the real worker process (BullMQ, real PostgreSQL and Redis), as the
// other worker tests run it: a shift's `confirm` timer asks the volunteers holding a place to confirm (its reminder
// point), and at its due time releases the places not confirmed to the waiting list in order; every message goes
// out through the relay and the development text-message mailbox, once.
const prefixBase = `shequ-test-volunteers-${randomBytes(4).toString('hex')}`;
const prefix = queuePrefix(prefixBase);
const KEY = '9b'.repeat(32);
const cipher = createPersonalDataCipher(KEY);
const redis = createRedis(REDIS_URL, 'worker');
const mailbox = mkdtempSync(path.join(tmpdir(), 'shequ-mailbox-volunteers-'));
const HOUR = 3600_000;
let tdb: TestDatabase;
let owner: Db;
let app: Db;
let tenantId: string;
let admin: StaffCaller;
let worker: ReturnType<typeof startWorker> | null = null;
const inJinyuan = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(app, tenantId, fn);

/** The development mailbox's text messages to a number (one JSON file per message). */
function textsTo(mobile: string): string[] {
  const dir = path.join(mailbox, 'sms');
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch {
    return [];
  }
  return names.map((n) => JSON.parse(readFileSync(path.join(dir, n), 'utf8')) as { recipient: string; body: string }).filter((m) => m.recipient === mobile).map((m) => m.body);
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  owner = createTestOwnerDb(tdb.ownerUrl, 2);
  app = createDb(tdb.appUrl, { max: 4 });
  await seedDemo(owner);
  tenantId = (await owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, 'jinyuan')))[0]!.id;
  admin = await staffCallerFor(owner, '13800000004', tenantId);
  worker = await startReadyWorker({ DATABASE_APP_URL: tdb.appUrl, REDIS_PREFIX: prefixBase, PERSONAL_DATA_KEY: KEY, MAILBOX_DIR: mailbox, DEADLINE_RECONCILE_MS: '300' });
}, 180_000);

afterAll(async () => {
  await stopWorkerProcess(worker);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
  await app?.close();
  await owner?.close();
  await tdb?.drop();
});

describe('the day-before confirmation, run by the worker', () => {
  it('asks the confirmed by text, releases the unconfirmed at the close and promotes the waiting list in order, each message once', async () => {
    let seq = 0;
    const person = async () => {
      seq += 1;
      const mobile = `1366${String(1_000_000 + seq * 7919).slice(-7)}`;
      const { id } = await inJinyuan((tx) => registerResident(tx, admin, { name: `确认${seq}`, birth: '1985-03', mobile, consent: true, consentChannel: 'in_person', cipher }));
      return { id, mobile };
    };
    const lead = await person();
    const org = await inJinyuan((tx) => createPartyOrg(tx, admin, { kind: 'general_branch', name: '确认测试党总支' }));
    await inJinyuan((tx) => addPartyMember(tx, admin, { residentId: lead.id, orgId: org.id, kind: 'local' }));
    const team = await inJinyuan((tx) => createVolunteerTeam(tx, admin, { name: '确认测试队', leaderResidentId: lead.id }));
    const people: { id: string; mobile: string }[] = [];
    for (let i = 0; i < 4; i++) {
      const p = await person();
      await inJinyuan((tx) => registerVolunteer(tx, admin, { residentId: p.id, consent: true }));
      people.push(p);
    }
    // The community's defaults: asked 24 h before, closed 3 h before. The activity was published yesterday (its ask
    // was ahead then), and its shift starts 3 hours and 40 seconds from now: the ask is due at once, the close in 40 s.
    const startsAt = new Date(Date.now() + 3 * HOUR + 40_000);
    const { shiftIds } = await inJinyuan((tx) =>
      createActivity(tx, admin, { teamId: team.id, title: '确认环节（worker）', place: '社区菜园', shifts: [{ startsAt, endsAt: new Date(startsAt.getTime() + 2 * HOUR), capacity: 2 }], publish: true, now: new Date(Date.now() - 22 * HOUR) }),
    );
    const shiftId = shiftIds[0]!;
    const signups: { id: string; status: string }[] = [];
    for (const p of people) signups.push(await inJinyuan((tx) => signUpForShift(tx, { kind: 'volunteer', tenantId, residentId: p.id }, { shiftId, residentId: p.id })));
    expect(signups.map((s) => s.status)).toEqual(['confirmed', 'confirmed', 'waiting', 'waiting']);
    const [timer] = await withTenant(owner, tenantId, (tx) => tx.select().from(deadlines).where(and(eq(deadlines.subjectType, 'volunteer_shift'), eq(deadlines.subjectId, shiftId), eq(deadlines.kind, 'confirm'))));
    expect(timer!.dueAt.getTime()).toBe(startsAt.getTime() - 3 * HOUR);

    // The worker asks both holders of a place, by text through the development mailbox.
    const [first, second, third, fourth] = people as [typeof lead, typeof lead, typeof lead, typeof lead];
    await waitFor(async () => (textsTo(first.mobile).length && textsTo(second.mobile).length ? true : undefined), () => worker!.output(), 30_000);
    expect(textsTo(first.mobile)).toEqual([expect.stringContaining('请在')]);
    expect(textsTo(first.mobile)[0]).toContain('确认环节（worker）');
    expect(textsTo(third.mobile)).toEqual([]); // waiting: not asked
    // The first confirms on 我的; the second does not.
    await inJinyuan((tx) => confirmAttendance(tx, { kind: 'volunteer', tenantId, residentId: first.id }, { signupId: signups[0]!.id }));

    // At the close the worker gives the second's place to the first of the waiting list; the last still waits.
    const rows = await waitFor(
      async () => {
        const found = await withTenant(owner, tenantId, (tx) => tx.select().from(volunteerSignups).where(eq(volunteerSignups.shiftId, shiftId)));
        return found.some((r) => r.cancelReason === 'unconfirmed') ? found : undefined;
      },
      () => worker!.output(),
      90_000,
    );
    const of = (p: { id: string }) => rows.find((r) => r.residentId === p.id)!;
    expect([of(first).status, of(second).status, of(second).cancelReason, of(third).status, of(fourth).status]).toEqual(['confirmed', 'cancelled', 'unconfirmed', 'confirmed', 'waiting']);
    await waitFor(async () => (textsTo(second.mobile).length >= 2 && textsTo(third.mobile).length >= 1 ? true : undefined), () => worker!.output(), 30_000);
    expect(textsTo(second.mobile).filter((b) => b.includes('名额已让给候补'))).toHaveLength(1);
    expect(textsTo(third.mobile)).toEqual([expect.stringContaining('已转为正式名额')]);
    expect(textsTo(fourth.mobile)).toEqual([]);
    const [settled] = await withTenant(owner, tenantId, (tx) => tx.select().from(deadlines).where(eq(deadlines.id, timer!.id)));
    expect(settled!.state).not.toBe('running');
    // Each message once in the outbox, however often the timer was looked at (reconcile every 300 ms).
    const kinds = await withTenant(owner, tenantId, (tx) =>
      tx.select({ kind: outbox.kind, n: sql<number>`count(*)::int` }).from(outbox).where(sql`${outbox.body} like '%确认环节（worker）%'`).groupBy(outbox.kind),
    );
    expect(Object.fromEntries(kinds.map((k) => [k.kind, k.n]))).toEqual({ volunteer_confirm_request: 2, volunteer_released: 1, volunteer_promoted: 1 });
  }, 240_000);
});
