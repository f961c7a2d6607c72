import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, gte, inArray, like } from 'drizzle-orm';
import { caseEvents, caseHoldings, cases, categories, deadlines, enterTenant, notifications, orgUnits, outbox, withTenant } from '@shequ/db';
import { defineAbilityFor } from '@shequ/permissions';
import { formatTrackingCode } from '@shequ/domain';
import { acceptCase, anonymousCaller, escalateCase, submitCase } from '../src/index.ts';
import { wakeDeadline, wakeDeadlineBatch } from '../src/deadlines/engine.ts';
import { createPersonalDataCipher } from '../src/security/index.ts';
import { localPhotoStorage } from '../src/storage/index.ts';
import { seededDatabase } from './support.ts';

// Decision 031: breaches of many cases written set-based in one transaction, with the one-by-one path's effects.
const seeded = seededDatabase();
const cipher = createPersonalDataCipher('ab'.repeat(32));
let deps: { cipher: typeof cipher; storage: ReturnType<typeof localPhotoStorage> };
const community: Record<string, { id: string; categoryId: string }> = {};
const unitId = async (code: string) => (await seeded.owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.adminCode, code)))[0]!.id;

beforeAll(async () => {
  deps = { cipher, storage: localPhotoStorage(mkdtempSync(path.join(tmpdir(), 'shequ-batch-'))) };
  for (const [slug, code] of [['jinyuan', '520115001001'], ['bihai', '520115001002']] as const) {
    const id = await unitId(code);
    const categoryId = (await withTenant(seeded.owner, id, (tx) => tx.select().from(categories).where(eq(categories.name, '设施维修'))))[0]!.id;
    community[slug] = { id, categoryId };
  }
});

const CONTENT = '节后第一天到期的诉求';
async function submit(slug: 'jinyuan' | 'bihai', content = CONTENT) {
  const c = community[slug]!;
  return submitCase(seeded.app, anonymousCaller(), { tenantId: c.id, categoryId: c.categoryId, content, consent: true, mobile: '13912340000', photos: [], channel: 'qr', deps });
}
async function accept(caseId: string) {
  const actor = await seeded.actorFor('13800000004');
  await withTenant(seeded.app, community.jinyuan!.id, (tx) => acceptCase(tx, { actor, ability: defineAbilityFor(actor) }, { tenantId: community.jinyuan!.id, caseId }));
}
/** Makes a case's deadline of that kind due a minute before `now`; returns its row. */
async function makeDue(caseId: string, kind: string, now: Date) {
  const past = new Date(now.getTime() - 60_000);
  const [row] = await seeded.owner.update(deadlines).set({ dueAt: past, wakeAt: past, remindAt: [] }).where(and(eq(deadlines.caseId, caseId), eq(deadlines.kind, kind))).returning();
  return row!;
}
const caseOf = (tenantId: string, caseId: string) => withTenant(seeded.owner, tenantId, async (tx) => (await tx.select().from(cases).where(eq(cases.id, caseId)))[0]!);
const eventsOf = (tenantId: string, caseId: string, type: string) => withTenant(seeded.owner, tenantId, (tx) => tx.select().from(caseEvents).where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.type, type))));

/** Everything a breach at `now` wrote about a case, with what differs between two cases (ids, codes) masked. */
async function effectsOf(tenantId: string, caseId: string, now: Date) {
  const c = await caseOf(tenantId, caseId);
  const mask = (v: unknown) => JSON.parse(JSON.stringify(v).replaceAll(caseId, 'CASE').replaceAll(formatTrackingCode(c.trackingCode), 'CODE').replaceAll(c.trackingCode, 'CODE'));
  const events = await withTenant(seeded.owner, tenantId, (tx) => tx.select().from(caseEvents).where(and(eq(caseEvents.caseId, caseId), gte(caseEvents.at, now))).orderBy(asc(caseEvents.type)));
  const limits = await seeded.owner.select().from(deadlines).where(eq(deadlines.caseId, caseId)).orderBy(asc(deadlines.kind));
  const notices = await seeded.owner.select().from(notifications).where(eq(notifications.subjectId, caseId));
  const messages = await seeded.owner.select().from(outbox).where(like(outbox.body, `%${formatTrackingCode(c.trackingCode)}%`));
  const [holding] = await seeded.owner.select().from(caseHoldings).where(eq(caseHoldings.caseId, caseId));
  return mask({
    case: { status: c.status, holder: c.holderOrgUnitId, street: c.streetId, district: c.districtId, escalatedAt: c.escalatedAt, overdueAt: c.overdueAt, version: c.version, assignee: c.assigneeId, updatedAt: c.updatedAt },
    events: events.map((e) => ({ at: e.at, type: e.type, actorKind: e.actorKind, actorUserId: e.actorUserId, public: e.public, body: e.body, data: e.data })),
    // Limits set by the submission (accept, resolve) differ in their times; what the breach changes is compared.
    limits: limits.map((d) => (d.kind === 'street' ? { ...d, id: null, caseId: null, createdAt: null, updatedAt: null } : { kind: d.kind, state: d.state, version: d.version, breachedAt: d.breachedAt, met: Boolean(d.metAt) })),
    notices: notices.map((n) => ({ userId: n.userId, kind: n.kind, communityId: n.communityId, subjectType: n.subjectType, data: n.data })).sort((a, b) => (a.kind + a.userId < b.kind + b.userId ? -1 : 1)),
    messages: messages.map((m) => ({ tenantId: m.tenantId, channel: m.channel, kind: m.kind, userId: m.userId, recipient: m.recipient, subject: m.subject, body: m.body, state: m.state })).sort((a, b) => (a.kind + a.channel + a.recipient < b.kind + b.channel + b.recipient ? -1 : 1)),
    holding: holding ? { ...holding, caseId: null, trackingCode: null, updatedAt: null } : null,
  });
}

describe('breaches written together (decision 031)', () => {
  it('write, case by case, exactly what the one-by-one path writes', async () => {
    const pairs: { single: string; batched: string; kind: string }[] = [];
    // Two still waiting to be accepted (the accept limit passes), two accepted (the resolve limit passes).
    for (const status of ['submitted', 'submitted', 'accepted', 'accepted']) {
      const single = (await submit('jinyuan')).id;
      const batched = (await submit('jinyuan')).id;
      if (status === 'accepted') for (const id of [single, batched]) await accept(id);
      pairs.push({ single, batched, kind: status === 'accepted' ? 'resolve' : 'accept' });
    }
    const jinyuan = community.jinyuan!.id;
    const now = new Date(Date.now() + 10);
    await new Promise((r) => setTimeout(r, 20));
    const batchIds: string[] = [];
    for (const p of pairs) {
      const one = await makeDue(p.single, p.kind, now);
      expect(await wakeDeadline(seeded.app, one.id, one.version, now, jinyuan)).toBe('breached');
      batchIds.push((await makeDue(p.batched, p.kind, now)).id);
    }
    const { outcomes, errors } = await wakeDeadlineBatch(seeded.app, jinyuan, batchIds, now);
    expect(errors).toEqual([]);
    expect(outcomes.map((o) => [o.result, o.together])).toEqual(batchIds.map(() => ['breached', true]));
    for (const p of pairs) {
      const single = await effectsOf(jinyuan, p.single, now);
      expect(single.case.status).toBe('escalated');
      expect(single.events.map((e: { type: string }) => e.type)).toEqual(['escalate']);
      expect(single.notices.length).toBeGreaterThan(1);
      expect(single.messages.length).toBeGreaterThan(1);
      expect(await effectsOf(jinyuan, p.batched, now)).toEqual(single);
    }
  });

  it('skip a case changed since it was due (accepted meanwhile) and one held by someone else, and breach the others', async () => {
    const jinyuan = community.jinyuan!.id;
    const now = new Date();
    const ids = await Promise.all(Array.from({ length: 5 }, async () => (await submit('jinyuan')).id));
    const rows = [];
    for (const id of ids) rows.push(await makeDue(id, 'accept', now));
    // The first was accepted after its wake-up was planned: its accept limit is met, its version moved on.
    await accept(ids[0]!);
    // The second is held by a staff member's open transaction.
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let holding!: () => void;
    const held = new Promise<void>((r) => (holding = r));
    const other = seeded.app.transaction(async (tx) => {
      await enterTenant(tx, jinyuan);
      await tx.select().from(cases).where(and(eq(cases.tenantId, jinyuan), eq(cases.id, ids[1]!))).for('update');
      holding();
      await released;
    });
    await held;
    const { outcomes, errors } = await wakeDeadlineBatch(seeded.app, jinyuan, rows.map((r) => r.id), now);
    release();
    await other;
    expect(errors).toEqual([]);
    const result = new Map(outcomes.map((o) => [o.id, o.result]));
    expect(rows.map((r) => result.get(r.id))).toEqual(['stale', 'busy', 'breached', 'breached', 'breached']);
    expect((await caseOf(jinyuan, ids[0]!)).status).toBe('accepted');
    expect(await eventsOf(jinyuan, ids[0]!, 'escalate')).toHaveLength(0);
    expect((await caseOf(jinyuan, ids[1]!)).status).toBe('submitted');
    for (const id of ids.slice(2)) expect(await eventsOf(jinyuan, id, 'escalate')).toHaveLength(1);
    // The one that was held breaches on the next round, once; the others are not touched again.
    const again = await wakeDeadlineBatch(seeded.app, jinyuan, rows.map((r) => r.id), new Date());
    expect(again.outcomes.filter((o) => o.result === 'breached').map((o) => o.id)).toEqual([rows[1]!.id]);
    for (const id of ids.slice(1)) expect(await eventsOf(jinyuan, id, 'escalate')).toHaveLength(1);
  });

  it('stay inside the community of the batch: another community’s deadline is not touched, its own batch writes its own rows', async () => {
    const { jinyuan, bihai } = { jinyuan: community.jinyuan!.id, bihai: community.bihai!.id };
    const now = new Date();
    const mine = await Promise.all([submit('jinyuan'), submit('jinyuan')]);
    const theirs = await Promise.all([submit('bihai'), submit('bihai')]);
    const mineDue = await Promise.all(mine.map((c) => makeDue(c.id, 'accept', now)));
    const theirsDue = await Promise.all(theirs.map((c) => makeDue(c.id, 'accept', now)));
    // A batch for 金元 given 碧海's deadlines too: those are not found in 金元's scope.
    const first = await wakeDeadlineBatch(seeded.app, jinyuan, [...mineDue, ...theirsDue].map((d) => d.id), now);
    const result = new Map(first.outcomes.map((o) => [o.id, o.result]));
    expect(mineDue.map((d) => result.get(d.id))).toEqual(['breached', 'breached']);
    expect(theirsDue.map((d) => result.get(d.id))).toEqual(['gone', 'gone']);
    for (const c of theirs) expect((await caseOf(bihai, c.id)).status).toBe('submitted');
    expect(await seeded.owner.select().from(deadlines).where(and(inArray(deadlines.id, theirsDue.map((d) => d.id)), eq(deadlines.state, 'running')))).toHaveLength(2);
    // 碧海's own batch: its cases, events, messages and list entries belong to 碧海, and 金元's scope cannot read them.
    const second = await wakeDeadlineBatch(seeded.app, bihai, theirsDue.map((d) => d.id), now);
    expect(second.outcomes.map((o) => [o.result, o.together])).toEqual([['breached', true], ['breached', true]]);
    for (const c of theirs) {
      expect(await eventsOf(bihai, c.id, 'escalate')).toHaveLength(1);
      expect(await eventsOf(jinyuan, c.id, 'escalate')).toHaveLength(0);
      const notices = await seeded.owner.select().from(notifications).where(eq(notifications.subjectId, c.id));
      expect(notices.length).toBeGreaterThan(0);
      expect(notices.every((n) => n.communityId === bihai)).toBe(true);
      expect((await seeded.owner.select().from(caseHoldings).where(eq(caseHoldings.caseId, c.id)))[0]!.tenantId).toBe(bihai);
      const code = formatTrackingCode((await caseOf(bihai, c.id)).trackingCode);
      const messages = await seeded.owner.select().from(outbox).where(like(outbox.body, `%${code}%`));
      expect(messages.length).toBeGreaterThan(0);
      expect(messages.every((m) => m.tenantId === bihai)).toBe(true);
    }
    // 金元's office heard of 金元's cases only.
    const jinyuanOffice = await seeded.actorFor('13800000004');
    const heard = await seeded.owner.select().from(notifications).where(and(eq(notifications.userId, jinyuanOffice.userId), inArray(notifications.subjectId, theirs.map((c) => c.id))));
    expect(heard).toHaveLength(0);
  });

  it('mix with breaches that go one by one (a case with two limits due, an escalated case) in one batch, each effect once', async () => {
    const jinyuan = community.jinyuan!.id;
    const now = new Date();
    const both = (await submit('jinyuan')).id;
    const escalated = (await submit('jinyuan')).id;
    const plain = [(await submit('jinyuan')).id, (await submit('jinyuan')).id];
    const actor = await seeded.actorFor('13800000004');
    await withTenant(seeded.app, jinyuan, (tx) => escalateCase(tx, { actor, ability: defineAbilityFor(actor) }, { tenantId: jinyuan, caseId: escalated, reason: '需要街道协调' }));
    const ids = [
      (await makeDue(both, 'accept', now)).id,
      (await makeDue(both, 'resolve', now)).id,
      (await makeDue(escalated, 'street', now)).id,
      ...(await Promise.all(plain.map((id) => makeDue(id, 'accept', now)))).map((d) => d.id),
    ];
    const { outcomes, errors } = await wakeDeadlineBatch(seeded.app, jinyuan, ids, now);
    expect(errors).toEqual([]);
    expect(outcomes.filter((o) => o.result === 'breached')).toHaveLength(4); // one of `both`'s two is cancelled by the other
    expect(outcomes.filter((o) => o.result === 'stale')).toHaveLength(1);
    expect(await eventsOf(jinyuan, both, 'escalate')).toHaveLength(1);
    for (const id of plain) expect(await eventsOf(jinyuan, id, 'escalate')).toHaveLength(1);
    // The escalated case is past the street's limit: district supervision, not a second escalation.
    expect(await eventsOf(jinyuan, escalated, 'escalate')).toHaveLength(1);
    expect(await eventsOf(jinyuan, escalated, 'supervise')).toHaveLength(1);
    expect((await caseOf(jinyuan, escalated)).overdueAt).not.toBeNull();
  });
});
