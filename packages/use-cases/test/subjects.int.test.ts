import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { caseEvents, categories, deadlines, notifications, orgUnits, outbox, users, withTenant } from '@shequ/db';
import { anonymousCaller, submitCase } from '../src/index.ts';
import { startSubjectDeadline, wakeDeadline, wakeDeadlineBatch } from '../src/deadlines/engine.ts';
import { lockSubjectKeys, registerDeadlineSubject } from '../src/deadlines/subjects.ts';
import { notifyUsers } from '../src/notifications/notify.ts';
import { createPersonalDataCipher } from '../src/security/index.ts';
import { localPhotoStorage } from '../src/storage/index.ts';
import { seededDatabase } from './support.ts';

// Decision 019: the deadline engine serves any subject type, and cases keep their behaviour on it.
const seeded = seededDatabase();
let jinyuan: string;
let staffId: string;

/** A home visit due by a time (calendar time): reminded once, and on breach its visitor's office is told. */
const effects: { kind: string; id: string }[] = [];
registerDeadlineSubject({
  type: 'test_visit',
  lock: (tx, tenantId, ids, { skipLocked }) => lockSubjectKeys(tx, { tenantId, type: 'test_visit' }, ids, skipLocked),
  async remind(tx, visitId, d) {
    effects.push({ kind: 'remind', id: visitId });
    await notifyUsers(tx, { kind: 'reminder', userIds: [staffId], communityId: d.tenantId, subject: { type: 'test_visit', id: visitId }, data: { code: 'V1', community: '金元社区', due: '', reason: '' } });
  },
  async breach(tx, visitId, d) {
    effects.push({ kind: 'breach', id: visitId });
    await notifyUsers(tx, { kind: 'breach', userIds: [staffId], communityId: d.tenantId, subject: { type: 'test_visit', id: visitId }, data: { code: 'V1', community: '金元社区', due: '', reason: '' } });
  },
});

beforeAll(async () => {
  jinyuan = (await seeded.owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, 'jinyuan')))[0]!.id;
  staffId = (await seeded.owner.select({ id: users.id }).from(users).where(eq(users.mobile, '13800000004')))[0]!.id;
});

const notices = (visitId: string, kind: string) =>
  seeded.owner
    .select()
    .from(notifications)
    .where(and(eq(notifications.subjectType, 'test_visit'), eq(notifications.subjectId, visitId), eq(notifications.kind, kind)));

describe('a subject that is not a case', () => {
  it('goes through remind → breach → effect exactly once, however often and however concurrently it is woken', async () => {
    const visitId = randomUUID();
    const now = Date.now();
    const plan = { dueAt: new Date(now + 4000), remindAt: [new Date(now + 1500)], provisional: false };
    const d = await withTenant(seeded.app, jinyuan, (tx) =>
      startSubjectDeadline(tx, { subject: { tenantId: jinyuan, type: 'test_visit', id: visitId }, kind: 'visit_due', holderOrgUnitId: null, now: new Date(now), allowedMs: 4000, plan }),
    );
    expect(d).toMatchObject({ subjectType: 'test_visit', subjectId: visitId, caseId: null, wakeAt: plan.remindAt[0] });
    expect(await wakeDeadline(seeded.app, d.id, null, new Date(now + 100), jinyuan)).toBe('early');

    // The reminder point: five wake-ups at once (jobs, the sweep), one reminder.
    const atReminder = new Date(now + 2000);
    const reminded = await Promise.all(Array.from({ length: 5 }, () => wakeDeadline(seeded.app, d.id, null, atReminder, jinyuan)));
    expect(reminded.filter((r) => r === 'reminded')).toHaveLength(1);
    expect(reminded.filter((r) => r !== 'reminded').every((r) => r === 'early')).toBe(true); // moved on to the due time
    expect(await notices(visitId, 'reminder')).toHaveLength(1);

    // The due time: a batch and single wake-ups together, one breach, one effect, one message per channel.
    const atDue = new Date(now + 5000);
    const [batch, ...singles] = await Promise.all([wakeDeadlineBatch(seeded.app, jinyuan, [d.id], atDue), ...Array.from({ length: 4 }, () => wakeDeadline(seeded.app, d.id, d.version + 1, atDue, jinyuan))]);
    const results = [...batch!.outcomes.map((o) => o.result), ...singles];
    expect(results.filter((r) => r === 'breached')).toHaveLength(1);
    expect(await wakeDeadline(seeded.app, d.id, null, new Date(now + 60_000), jinyuan)).toBe('stale');
    expect(await notices(visitId, 'breach')).toHaveLength(1);
    expect(effects.filter((e) => e.id === visitId).map((e) => e.kind)).toEqual(['remind', 'breach']);
    const [row] = await seeded.owner.select().from(deadlines).where(eq(deadlines.id, d.id));
    expect(row).toMatchObject({ state: 'breached', version: d.version + 2 });
    // Its outside message belongs to the community it is about.
    const mails = await seeded.owner.select().from(outbox).where(and(eq(outbox.kind, 'breach'), eq(outbox.userId, staffId), eq(outbox.tenantId, jinyuan)));
    expect(mails.length).toBeGreaterThan(0);
  });

  it('refuses a kind that has no texts rather than sending an empty message', async () => {
    await expect(
      withTenant(seeded.app, jinyuan, (tx) => notifyUsers(tx, { kind: 'no_such_kind', userIds: [staffId], communityId: jinyuan, data: {} })),
    ).rejects.toThrow(/no texts/);
  });
});

describe('one lock order', () => {
  it("wakes a case's two due deadlines together 100 times without an error, escalating each case once", async () => {
    const cipher = createPersonalDataCipher('ab'.repeat(32));
    const deps = { cipher, storage: localPhotoStorage(mkdtempSync(path.join(tmpdir(), 'shequ-lock-'))) };
    const categoryId = (await withTenant(seeded.owner, jinyuan, (tx) => tx.select().from(categories).where(eq(categories.name, '环境卫生'))))[0]!.id;
    const ids: string[] = [];
    for (let i = 0; i < 100; i++) ids.push((await submitCase(seeded.app, anonymousCaller(), { tenantId: jinyuan, categoryId, content: `双到期 ${i}`, consent: false, photos: [], channel: 'qr', deps })).id);
    const past = new Date(Date.now() - 60_000);
    await seeded.owner.update(deadlines).set({ dueAt: past, wakeAt: past, remindAt: [] }).where(inArray(deadlines.caseId, ids));
    const rows = await seeded.owner.select({ id: deadlines.id, caseId: deadlines.caseId }).from(deadlines).where(inArray(deadlines.caseId, ids));
    const errors: unknown[] = [];
    for (const caseId of ids) {
      const both = rows.filter((r) => r.caseId === caseId);
      expect(both).toHaveLength(2);
      // Both deadlines (accept and resolve) woken at the same moment, as a job and the sweep would.
      const results = await Promise.all(both.map((d) => wakeDeadline(seeded.app, d.id, null, new Date(), jinyuan).catch((e) => (errors.push(e), 'error'))));
      expect(results).toContain('breached');
    }
    expect(errors).toEqual([]);
    const perCase = await withTenant(seeded.owner, jinyuan, (tx) =>
      tx
        .select({ caseId: caseEvents.caseId, n: sql<number>`count(*)::int` })
        .from(caseEvents)
        .where(and(inArray(caseEvents.caseId, ids), eq(caseEvents.type, 'escalate')))
        .groupBy(caseEvents.caseId),
    );
    expect(perCase).toHaveLength(100);
    expect(perCase.every((r) => r.n === 1)).toBe(true);
  }, 180_000);
});
