import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { buildings, careHandovers, careRecipients, careVisits, careWindows, cases, categories, deadlines, grids, memberships, notifications, orgUnits, partyMembers, partyOrgs, residentTags, users, volunteers, withTenant } from '@shequ/db';
import { DEFAULT_CARE_RULES, windowState } from '@shequ/domain';
import { defineAbilityFor } from '@shequ/permissions';
import {
  anonymousCaller,
  careVisitRates,
  declareCarePeriod,
  editResident,
  getCareRecipient,
  handOverGrid,
  listCarePeriods,
  listCareRoster,
  moveOutResident,
  overrideCareTier,
  pairCareVolunteer,
  raiseSameDayVisit,
  recordMajorChange,
  recordVisit,
  registerResident,
  saveCareRules,
  syncCareRoster,
  UseCaseError,
  withdrawCarePeriod,
} from '../src/index.ts';
import { wakeDeadline } from '../src/deadlines/engine.ts';
import { createPersonalDataCipher } from '../src/security/index.ts';
import { localPhotoStorage, photoHasMetadata } from '../src/storage/index.ts';
import { refusal, seededDatabase } from './support.ts';

// Issue 20 / decision 039: visiting care. Tier rules and their versions, visit windows at their edges in China
// time, the timers, the 24-hour visit after a major change, the monthly visit rate, hand-over, and visits sent twice.
const db = seededDatabase();
const cipher = createPersonalDataCipher('7e'.repeat(32));
const deps = { cipher, storage: localPhotoStorage(mkdtempSync(path.join(tmpdir(), 'care-photos-'))) };

let tenantId: string;
let grid1: { id: string; buildingId: string };
let grid2BuildingId: string;
let tagIds: Map<string, string>;
let categoryId: string;
const callerFor = async (mobile: string) => {
  const actor = await db.actorFor(mobile, tenantId);
  return { actor, ability: defineAbilityFor(actor) };
};
const inTenant = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(db.app, tenantId, fn);
const userId = async (mobile: string) => (await db.owner.select({ id: users.id }).from(users).where(eq(users.mobile, mobile)))[0]!.id;

beforeAll(async () => {
  tenantId = (await db.owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, 'jinyuan')))[0]!.id;
  const rows = await inTenant((tx) =>
    tx
      .select({ gridId: grids.id, gridName: grids.name, buildingId: buildings.id })
      .from(buildings)
      .innerJoin(grids, and(eq(grids.tenantId, buildings.tenantId), eq(grids.id, buildings.gridId)))
      .orderBy(asc(buildings.name)),
  );
  const first = rows.find((r) => r.gridName === '第一网格')!;
  grid1 = { id: first.gridId, buildingId: first.buildingId };
  grid2BuildingId = rows.find((r) => r.gridName === '第二网格')!.buildingId;
  tagIds = new Map((await inTenant((tx) => tx.select({ id: residentTags.id, name: residentTags.name }).from(residentTags))).map((t) => [t.name, t.id]));
  categoryId = (await inTenant((tx) => tx.select({ id: categories.id }).from(categories).limit(1)))[0]!.id;
});

/** A person of the register, registered at `at` (the roster follows at once, decision 073: their tier's window of that day). */
async function person(name: string, birth: string, tags: string[], buildingId = grid1.buildingId, at = '2026-09-01T02:00:00Z') {
  const admin = await callerFor('13800000004');
  const { id } = await inTenant((tx) =>
    registerResident(tx, admin, { name, birth, buildingId, tagIds: tags.map((t) => tagIds.get(t)!), consent: true, consentChannel: 'in_person', cipher, now: new Date(at) }),
  );
  return id;
}
const sync = (now: Date) => inTenant((tx) => syncCareRoster(tx, anonymousCaller(), { tenantId, now }));
const windowsOf = (residentId: string) => inTenant((tx) => tx.select().from(careWindows).where(eq(careWindows.residentId, residentId)).orderBy(asc(careWindows.opensAt)));
const recipient = async (residentId: string) => (await inTenant((tx) => tx.select().from(careRecipients).where(eq(careRecipients.residentId, residentId))))[0];
const visit = async (mobile: string, residentId: string, kind: 'home' | 'phone' | 'video', at: Date, extra: Record<string, unknown> = {}) =>
  recordVisit(db.app, await callerFor(mobile), { id: randomUUID(), residentId, kind, visitedAt: at, now: at, seen: 'self', ...extra, deps });
const noticesTo = (user: string, kind: string) => db.owner.select().from(notifications).where(and(eq(notifications.userId, user), eq(notifications.kind, kind)));

describe('visiting care', () => {
  it('puts people on the roster by the community’s tier rules; a hand-set tier needs a reason', async () => {
    const high = await person('孟桂兰', '1944-01-15', ['独居'], undefined, '2026-11-24T02:00:00Z'); // 82, living alone → high risk
    const regular = await person('韦德明', '1949-06-01', ['独居'], undefined, '2026-11-24T02:00:00Z'); // 77, living alone → regular
    const priority = await person('贺文军', '1976-03-01', ['残疾'], undefined, '2026-11-24T02:00:00Z');
    const none = await person('柏晓东', '1990-05-05', ['党员']);
    await sync(new Date('2026-11-24T02:00:00Z'));
    expect((await recipient(high))).toMatchObject({ computedTier: 'high', active: true, responsibleWorkerId: await userId('13800000006') });
    expect((await recipient(regular))?.computedTier).toBe('regular');
    expect((await recipient(priority))?.computedTier).toBe('priority');
    expect(await recipient(none)).toBeUndefined();

    const staff = await callerFor('13800000005');
    expect(await refusal(inTenant((tx) => overrideCareTier(tx, staff, { residentId: regular, tier: 'high', reason: '' })))).toBe('care.reason.required');
    const grid = await callerFor('13800000006');
    expect(await refusal(inTenant((tx) => overrideCareTier(tx, grid, { residentId: regular, tier: 'high', reason: '刚出院' })))).toBe('forbidden');
    await inTenant((tx) => overrideCareTier(tx, staff, { residentId: none, tier: 'priority', reason: '子女长期在外，本人要求' }));
    expect(await recipient(none)).toMatchObject({ overrideTier: 'priority', overrideReason: '子女长期在外，本人要求', active: true });
  });

  it('visit windows: due from the start, due soon within N days, overdue after the end, at their edges in China time; the worker’s timers raise them', async () => {
    const id = await person('覃秀英', '1940-02-02', ['空巢'], undefined, '2026-11-24T02:00:00Z'); // 86, empty nest → high: weekly, home visits only
    const t0 = new Date('2026-11-24T02:00:00Z'); // Tuesday 10:00 in China
    await sync(t0);
    const [w] = await windowsOf(id);
    // The week from Monday 2026-11-23 00:00 to Monday 2026-11-30 00:00, China time.
    expect(w).toMatchObject({ tier: 'high', reason: 'routine', countsKinds: ['home'] });
    expect(w!.opensAt.toISOString()).toBe('2026-11-22T16:00:00.000Z');
    expect(w!.closesAt.toISOString()).toBe('2026-11-29T16:00:00.000Z');
    const state = (iso: string) => windowState({ ...w!, visitedAt: null }, new Date(iso), DEFAULT_CARE_RULES.dueSoonDays);
    expect(state('2026-11-22T15:59:59.999Z')).toBe('upcoming'); // Sunday 23:59:59 in China: not yet
    expect(state('2026-11-22T16:00:00.000Z')).toBe('due');
    expect(state('2026-11-27T15:59:59.999Z')).toBe('due'); // Friday 23:59:59
    expect(state('2026-11-27T16:00:00.000Z')).toBe('due_soon'); // Saturday 00:00: two days left
    expect(state('2026-11-29T15:59:59.999Z')).toBe('due_soon'); // Sunday 23:59:59
    expect(state('2026-11-29T16:00:00.000Z')).toBe('overdue'); // Monday 00:00 in China, still Sunday in UTC
    expect(state('2026-11-29T20:00:00.000Z')).toBe('overdue');

    // The timer: a reminder at "due soon", a breach at the end, each once; the grid worker is told.
    const [d] = await db.owner.select().from(deadlines).where(and(eq(deadlines.subjectType, 'care_window'), eq(deadlines.subjectId, w!.id)));
    expect(d).toMatchObject({ kind: 'visit', state: 'running' });
    expect(d!.dueAt.toISOString()).toBe('2026-11-29T16:00:00.000Z');
    expect(d!.remindAt).toEqual(['2026-11-27T16:00:00.000Z']);
    expect(await wakeDeadline(db.app, d!.id, null, new Date('2026-11-27T15:59:00Z'), tenantId)).toBe('early');
    expect(await wakeDeadline(db.app, d!.id, null, new Date('2026-11-27T16:00:00Z'), tenantId)).toBe('reminded');
    expect(await wakeDeadline(db.app, d!.id, null, new Date('2026-11-29T15:59:59Z'), tenantId)).toBe('early');
    expect(await wakeDeadline(db.app, d!.id, null, new Date('2026-11-29T16:00:00Z'), tenantId)).toBe('breached');
    expect(await wakeDeadline(db.app, d!.id, null, new Date('2026-11-29T16:00:01Z'), tenantId)).toBe('stale');
    const worker = await userId('13800000006');
    const dueSoon = (await noticesTo(worker, 'care_visit_due_soon')).filter((n) => n.subjectId === w!.id);
    const overdue = (await noticesTo(worker, 'care_visit_overdue')).filter((n) => n.subjectId === w!.id);
    expect([dueSoon.length, overdue.length]).toEqual([1, 1]);
    expect(overdue[0]!.data).toMatchObject({ who: '覃**', due: '2026-11-29 24:00' });

    // A phone call does not count for high risk; a home visit after the end meets the window late.
    expect((await visit('13800000006', id, 'phone', new Date('2026-11-29T10:00:00Z'))).windowsMet).toBe(0);
    expect((await visit('13800000006', id, 'home', new Date('2026-11-29T16:30:00Z'))).windowsMet).toBe(1);
    const [after] = await windowsOf(id);
    expect(windowState(after!, new Date('2026-11-30T00:00:00Z'), 2)).toBe('visited_late');

    // The next week's window, opened by the sweep after that visit at 00:30 Monday: the visit falls inside it, so it
    // meets it at once, on time, and no timer starts (decision 070: a visit meets every window it falls in).
    await sync(new Date('2026-11-30T01:00:00Z'));
    const next = (await windowsOf(id)).find((x) => x.opensAt.toISOString() === '2026-11-29T16:00:00.000Z')!;
    expect(next.visitedAt?.toISOString()).toBe('2026-11-29T16:30:00.000Z');
    expect(windowState(next, new Date('2026-12-08T00:00:00Z'), 2)).toBe('visited');
    expect(await db.owner.select().from(deadlines).where(and(eq(deadlines.subjectType, 'care_window'), eq(deadlines.subjectId, next.id)))).toHaveLength(0);
    // The week after: a home visit on its last second (Sunday 23:59:59 China) is on time, and settles its timer.
    await sync(new Date('2026-12-07T01:00:00Z'));
    const third = (await windowsOf(id)).find((x) => x.opensAt.toISOString() === '2026-12-06T16:00:00.000Z')!;
    expect(third.visitId).toBeNull();
    await visit('13800000006', id, 'home', new Date('2026-12-13T15:59:59Z'));
    const [met] = await windowsOf(id).then((ws) => ws.filter((x) => x.id === third.id));
    expect(windowState(met!, new Date('2026-12-15T00:00:00Z'), 2)).toBe('visited');
    const [nd] = await db.owner.select().from(deadlines).where(and(eq(deadlines.subjectType, 'care_window'), eq(deadlines.subjectId, third.id)));
    expect(nd!.state).toBe('met');
  });

  it('a major change opens a visit due within 24 hours and tells the grid worker at once', async () => {
    const id = await person('蓝玉珍', '1950-07-07', ['低保'], undefined, '2026-11-24T02:00:00Z');
    await sync(new Date('2026-11-24T02:00:00Z'));
    const at = new Date('2026-11-25T09:20:00Z');
    const volunteerLeaderCannotSeePeople = await callerFor('13800000007');
    expect(await refusal(inTenant((tx) => recordMajorChange(tx, volunteerLeaderCannotSeePeople, { residentId: id, kind: 'hospital', now: at })))).toBe('resident.notFound');
    const { windowId, dueAt } = await inTenant(async (tx) => recordMajorChange(tx, await callerFor('13800000005'), { residentId: id, kind: 'hospital', note: '跌倒住院', now: at }));
    expect(dueAt.toISOString()).toBe('2026-11-26T09:20:00.000Z');
    const w = (await windowsOf(id)).find((x) => x.id === windowId)!;
    expect(w).toMatchObject({ reason: 'major_change', tier: 'regular', countsKinds: ['home'] });
    const worker = await userId('13800000006');
    const notices = (await noticesTo(worker, 'care_major_change')).filter((n) => n.subjectId === windowId);
    expect(notices).toHaveLength(1);
    // It names the person, so /notifications links to their care page.
    expect(notices[0]!.data).toMatchObject({ residentId: id });
    expect(windowState(w, new Date('2026-11-26T09:19:59.999Z'), 2)).toBe('due_soon');
    expect(windowState(w, new Date('2026-11-26T09:20:00Z'), 2)).toBe('overdue');
    const [d] = await db.owner.select().from(deadlines).where(and(eq(deadlines.subjectType, 'care_window'), eq(deadlines.subjectId, windowId)));
    expect(await wakeDeadline(db.app, d!.id, null, new Date('2026-11-26T09:19:00Z'), tenantId)).toBe('early');
    expect(await wakeDeadline(db.app, d!.id, null, new Date('2026-11-26T09:20:00Z'), tenantId)).toBe('breached');
  });

  it('a rule change applies from its date: tiers and the kinds of contact that count', async () => {
    const seventySeven = await person('甘淑芬', '1949-03-03', ['独居'], undefined, '2026-11-26T03:00:00Z');
    const disabled = await person('莫永福', '1966-08-08', ['残疾'], undefined, '2026-11-26T03:00:00Z');
    const staff = await callerFor('13800000005');
    const v2 = structuredClone(DEFAULT_CARE_RULES);
    v2.rules[0]!.minAge = 75; // high risk from 75 living alone
    v2.policies.priority.contactKinds = ['home']; // video calls no longer count for priority
    const t = new Date('2026-11-26T03:00:00Z');
    expect(await refusal(inTenant((tx) => saveCareRules(tx, staff, { effectiveFrom: '2026-11-25', rules: v2, now: t })))).toBe('care.effectiveFrom.past');
    await inTenant((tx) => saveCareRules(tx, staff, { effectiveFrom: '2026-12-01', rules: v2, note: '区民政局 2026 年新规', now: t }));
    expect(await refusal(inTenant((tx) => saveCareRules(tx, staff, { effectiveFrom: '2026-12-01', rules: v2, now: t })))).toBe('care.rules.taken');

    // Up to 30 November (China time) the old rules apply.
    await sync(new Date('2026-11-30T15:59:00Z'));
    expect((await recipient(seventySeven))?.computedTier).toBe('regular');
    const nov = (await windowsOf(disabled)).find((w) => w.opensAt.toISOString() === '2026-10-31T16:00:00.000Z')!;
    expect(nov.countsKinds).toEqual(['home', 'video']);
    // From 1 December 00:00 China time, the new ones.
    await sync(new Date('2026-11-30T16:00:00Z'));
    expect((await recipient(seventySeven))?.computedTier).toBe('high');
    const dec = (await windowsOf(disabled)).find((w) => w.opensAt.toISOString() === '2026-11-30T16:00:00.000Z')!;
    expect(dec.countsKinds).toEqual(['home']);
    expect(dec.ruleSetId).not.toBeNull();
    // A video call on 2 December meets November's window (late: November's rules counted video) but not December's.
    expect((await visit('13800000005', disabled, 'video', new Date('2026-12-02T02:00:00Z'))).windowsMet).toBe(1);
    const afterCall = await windowsOf(disabled);
    expect(afterCall.find((w) => w.id === nov.id)!.visitId).not.toBeNull();
    expect(afterCall.find((w) => w.id === dec.id)!.visitId).toBeNull();
    expect((await visit('13800000005', disabled, 'home', new Date('2026-12-02T03:00:00Z'))).windowsMet).toBe(1);
  });

  it('weather and festival periods add a visit for every high-risk person; a missed meal a same-day task', async () => {
    const high = await person('巫翠花', '1938-12-12', ['独居'], undefined, '2026-11-26T01:00:00Z');
    const regular = await person('尤志强', '1960-01-01', ['低保'], undefined, '2026-11-26T01:00:00Z');
    const now = new Date('2026-11-26T01:00:00Z');
    await sync(now);
    const { windows } = await inTenant(async (tx) => declareCarePeriod(tx, await callerFor('13800000004'), { kind: 'weather', name: '寒潮', firstDay: '2026-11-27', lastDay: '2026-11-29', now }));
    expect(windows).toBeGreaterThan(0);
    expect((await windowsOf(high)).filter((w) => w.reason === 'weather')).toHaveLength(1);
    expect((await windowsOf(regular)).filter((w) => w.reason === 'weather')).toHaveLength(0);
    const cold = (await windowsOf(high)).find((w) => w.reason === 'weather')!;
    expect([cold.opensAt.toISOString(), cold.closesAt.toISOString()]).toEqual(['2026-11-26T16:00:00.000Z', '2026-11-29T16:00:00.000Z']);

    const meal = (n: Date) => inTenant((tx) => raiseSameDayVisit(tx, anonymousCaller(), { tenantId, residentId: high, reason: 'missed_meal', sourceKey: 'meal:demo-1', now: n }));
    const first = await meal(new Date('2026-11-26T04:00:00Z'));
    expect(first!.dueAt.toISOString()).toBe('2026-11-26T16:00:00.000Z'); // the end of 26 November in China
    expect(await meal(new Date('2026-11-26T04:05:00Z'))).toBeNull(); // raised twice: one task
  });

  it('a visit sent twice is stored once, with one case for its need; visits are append-only; a grid worker visits only their grids', async () => {
    const id = await person('龚德明', '1941-04-04', ['独居'], undefined, '2026-11-24T02:00:00Z');
    const elsewhere = await person('邝桂兰', '1941-05-05', ['独居'], grid2BuildingId, '2026-11-24T02:00:00Z');
    await sync(new Date('2026-11-24T02:00:00Z'));
    const worker = await callerFor('13800000006');
    const input = {
      id: randomUUID(),
      residentId: id,
      kind: 'home' as const,
      visitedAt: new Date('2026-11-24T03:00:00Z'),
      seen: 'self' as const,
      health: 'declining' as const,
      needs: ['repair'],
      safety: ['gas'],
      offline: true,
      needCase: { categoryId, content: '厨房燃气灶打不着火，需要维修' },
      now: new Date('2026-11-24T05:00:00Z'),
    };
    const first = await recordVisit(db.app, worker, { ...input, deps });
    const again = await recordVisit(db.app, worker, { ...input, deps });
    expect(first).toMatchObject({ repeated: false, windowsMet: 1 });
    expect(again).toMatchObject({ repeated: true, caseId: first.caseId });
    expect(await inTenant((tx) => tx.select().from(careVisits).where(eq(careVisits.residentId, id)))).toHaveLength(1);
    const filed = await inTenant((tx) => tx.select().from(cases).where(eq(cases.residentId, id)));
    expect(filed).toHaveLength(1);
    expect(filed[0]).toMatchObject({ id: first.caseId, channel: 'staff', gridId: grid1.id });
    await expect(withTenant(db.owner, tenantId, (tx) => tx.update(careVisits).set({ note: 'changed' }).where(eq(careVisits.id, input.id)))).rejects.toMatchObject({ cause: { message: expect.stringMatching(/append-only/) } });
    await expect(withTenant(db.owner, tenantId, (tx) => tx.delete(careVisits).where(eq(careVisits.id, input.id)))).rejects.toMatchObject({ cause: { message: expect.stringMatching(/append-only/) } });
    expect(await refusal(recordVisit(db.app, worker, { ...input, id: randomUUID(), residentId: elsewhere, deps }))).toBe('resident.notFound');
    expect(await refusal(recordVisit(db.app, worker, { ...input, id: randomUUID(), visitedAt: new Date('2026-11-25T03:00:00Z'), deps }))).toBe('care.visitedAt.future');
  });

  it('hands a grid’s people over to its new grid worker with their last three visit summaries', async () => {
    const id = await person('邹玉珍', '1939-09-09', ['独居'], undefined, '2026-11-24T02:00:00Z');
    await sync(new Date('2026-11-24T02:00:00Z'));
    for (const [k, day] of ['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23'].entries()) {
      await visit('13800000006', id, 'home', new Date(`${day}T02:00:00Z`), { note: `第${k + 1}次`, health: k === 3 ? 'ill' : 'stable', now: new Date('2026-11-24T02:00:00Z') });
    }
    const [u] = await db.owner.insert(users).values({ displayName: '石磊', mobile: '13800000099' }).returning({ id: users.id });
    await db.owner.insert(memberships).values({ userId: u!.id, role: 'grid_worker', orgUnitId: tenantId });
    const admin = await callerFor('13800000004');
    expect(await refusal(inTenant(async (tx) => handOverGrid(tx, await callerFor('13800000005'), { gridId: grid1.id, toUserId: u!.id })))).toBe('forbidden');
    const notAGridWorker = await userId('13800000005');
    expect(await refusal(inTenant((tx) => handOverGrid(tx, admin, { gridId: grid1.id, toUserId: notAGridWorker })))).toBe('care.worker.invalid');
    const result = await inTenant((tx) => handOverGrid(tx, admin, { gridId: grid1.id, toUserId: u!.id, now: new Date('2026-11-24T06:00:00Z') }));
    expect(result.count).toBeGreaterThan(0);
    const [h] = await withTenant(db.owner, tenantId, (tx) => tx.select().from(careHandovers).where(eq(careHandovers.id, result.handoverId!)));
    expect(h).toMatchObject({ fromUserId: await userId('13800000006'), toUserId: u!.id, count: result.count });
    const mine = h!.people.find((p) => p.residentId === id)!;
    expect(mine).toMatchObject({ nameHint: '邹**', tier: 'high' });
    expect(mine.lastVisits.map((v) => v.note)).toEqual(['第4次', '第3次', '第2次']);
    expect(mine.lastVisits[0]).toMatchObject({ kind: 'home', health: 'ill' });
    expect((await recipient(id))?.responsibleWorkerId).toBe(u!.id);
    const handed = await noticesTo(u!.id, 'care_handover');
    expect(handed).toHaveLength(1);
    // It names the grid, so /notifications links to that grid's roster.
    expect(handed[0]!.data).toMatchObject({ gridId: grid1.id });
    // Handing it again to the worker it now has is refused, beside the choice (it answered 已移交 0 位: found from outside).
    expect(await refusal(inTenant((tx) => handOverGrid(tx, admin, { gridId: grid1.id, toUserId: u!.id })))).toBe('care.worker.same');
    // The new worker sees the person on their roster; the previous one no longer does.
    const next = await db.actorFor('13800000099', tenantId);
    const theirs = await inTenant((tx) => listCareRoster(tx, { actor: next, ability: defineAbilityFor(next) }, { now: new Date('2026-11-24T06:00:00Z') }));
    expect(theirs.rows.map((r) => r.residentId)).toContain(id);
    const before = await inTenant(async (tx) => listCareRoster(tx, await callerFor('13800000006'), { now: new Date('2026-11-24T06:00:00Z') }));
    expect(before.rows.map((r) => r.residentId)).not.toContain(id);
  });

  it('the monthly visit rate per tier: visited on time ÷ due, on hand-built windows', async () => {
    const people = await Promise.all(['应一', '应二', '应三', '应四', '应五', '应六', '应七'].map((n, k) => person(n, '1980-01-01', [], k < 6 ? grid1.buildingId : grid2BuildingId)));
    const day = (iso: string) => new Date(iso);
    const w = (k: number, tier: string, opens: string, closes: string, visited: string | null) => ({
      tenantId,
      residentId: people[k]!,
      tier,
      reason: 'routine',
      opensAt: day(opens),
      closesAt: day(closes),
      countsKinds: ['home'],
      visitedAt: visited ? day(visited) : null,
      visitId: visited ? randomUUID() : null,
    });
    await withTenant(db.owner, tenantId, (tx) =>
      tx.insert(careWindows).values([
        // high: weeks ending in September 2026 (China time)
        w(0, 'high', '2026-08-31T16:00:00Z', '2026-09-06T16:00:00Z', '2026-09-02T02:00:00Z'), // on time
        w(1, 'high', '2026-08-31T16:00:00Z', '2026-09-06T16:00:00Z', '2026-09-06T15:59:59Z'), // on time, last second
        w(2, 'high', '2026-08-31T16:00:00Z', '2026-09-06T16:00:00Z', null), // overdue
        w(3, 'high', '2026-09-06T16:00:00Z', '2026-09-13T16:00:00Z', '2026-09-13T16:00:00Z'), // late by a second
        w(4, 'high', '2026-09-20T16:00:00Z', '2026-09-27T16:00:00Z', '2026-09-21T01:00:00Z'), // on time
        w(2, 'high', '2026-09-20T16:00:00Z', '2026-09-27T16:00:00Z', null), // overdue from 28 September 00:00 China time
        // priority: the month of September ends 1 October 00:00 China time: counted in September
        w(5, 'priority', '2026-08-31T16:00:00Z', '2026-09-30T16:00:00Z', '2026-09-30T15:00:00Z'),
        // August (its end, 1 September 00:00 China time, is 31 August 16:00 UTC): not September's
        w(0, 'priority', '2026-07-31T16:00:00Z', '2026-08-31T16:00:00Z', null),
        // in grid 2: counted for the community, not for grid 1
        w(6, 'high', '2026-08-31T16:00:00Z', '2026-09-06T16:00:00Z', null),
      ]),
    );
    const staff = await callerFor('13800000005');
    const rates = await inTenant((tx) => careVisitRates(tx, staff, { month: '2026-09', now: day('2026-10-15T00:00:00Z') }));
    expect(rates.tiers).toEqual([
      { tier: 'high', due: 7, onTime: 3, rate: 3 / 7 },
      { tier: 'priority', due: 1, onTime: 1, rate: 1 },
      { tier: 'regular', due: 0, onTime: 0, rate: null },
    ]);
    expect(rates.total).toEqual({ due: 8, onTime: 4, rate: 0.5 });
    const g1 = await inTenant((tx) => careVisitRates(tx, staff, { month: '2026-09', gridId: grid1.id, now: day('2026-10-15T00:00:00Z') }));
    expect(g1.tiers[0]).toEqual({ tier: 'high', due: 6, onTime: 3, rate: 0.5 });
    // Before a window's end, an unvisited window is not yet due.
    const mid = await inTenant((tx) => careVisitRates(tx, staff, { month: '2026-09', now: day('2026-09-27T15:59:59Z') }));
    expect(mid.tiers[0]).toMatchObject({ due: 6, onTime: 3 });
  });
});

describe('pairing and photos', () => {
  it('pairs a recipient with a volunteer or a party member of the register (not anyone else), shown on their page and kept across a grid hand-over', async () => {
    const elder = await person('鲁桂芝', '1940-10-10', ['独居'], undefined, '2026-11-24T02:00:00Z');
    const helper = await person('杜晓燕', '1988-03-03', []);
    const formerHelper = await person('柯建平', '1985-04-04', []);
    const neighbour = await person('史小红', '1990-06-06', []);
    await sync(new Date('2026-11-24T02:00:00Z'));
    const partyPerson = await person('钱国华', '1970-07-07', []);
    // A volunteer of the register (active), one who stopped volunteering, and a current party member.
    const member = await withTenant(db.owner, tenantId, async (tx) => {
      await tx.insert(volunteers).values([
        { tenantId, residentId: helper, consentOn: '2026-09-01' },
        { tenantId, residentId: formerHelper, consentOn: '2026-09-01', active: false },
      ]);
      const [found] = await tx.select({ id: partyOrgs.id }).from(partyOrgs).where(eq(partyOrgs.kind, 'general_branch')).limit(1);
      const [org] = found ? [found] : await tx.insert(partyOrgs).values({ tenantId, kind: 'general_branch', name: '金元社区党总支' }).returning({ id: partyOrgs.id });
      await tx.insert(partyMembers).values({ tenantId, residentId: partyPerson, orgId: org!.id });
      return { residentId: partyPerson };
    });
    expect((await withTenant(db.owner, tenantId, (tx) => tx.select().from(partyMembers).where(and(eq(partyMembers.residentId, partyPerson), isNull(partyMembers.leftAt))))).length).toBe(1);

    const admin = await callerFor('13800000004');
    const grid = await callerFor('13800000006'); // a grid worker (whoever's grid the person is in now)
    const pair = (caller: Awaited<ReturnType<typeof callerFor>>, volunteerId: string | null) => inTenant((tx) => pairCareVolunteer(tx, caller, { residentId: elder, volunteerId }));
    const paired = async () => (await inTenant(async (tx) => getCareRecipient(tx, admin, { residentId: elder }))).volunteer;

    // Only the office pairs (manage CareRoster); a grid worker may not.
    expect(await refusal(pair(grid, helper))).toBe('forbidden');
    // Neither a volunteer nor a party member, a former volunteer, the person themselves: refused, nothing paired.
    expect(await refusal(pair(admin, neighbour))).toBe('care.volunteer.invalid');
    expect(await refusal(pair(admin, formerHelper))).toBe('care.volunteer.invalid');
    expect(await refusal(pair(admin, elder))).toBe('care.volunteer.invalid');
    expect(await refusal(pair(admin, randomUUID()))).toBe('care.volunteer.invalid');
    expect(await paired()).toBeNull();

    // A volunteer: paired, on the person's page beside the responsible grid worker.
    expect(await pair(admin, helper)).toEqual({ residentId: elder, volunteerId: helper });
    const page = await inTenant((tx) => getCareRecipient(tx, admin, { residentId: elder }));
    expect(page.volunteer).toEqual({ id: helper, nameHint: '杜**' });
    expect(page.worker).not.toBeNull();
    // A party member instead; then the grid changes hands: the pairing stays, the worker is the new one.
    await pair(admin, member.residentId);
    expect((await paired())?.id).toBe(member.residentId);
    const [u] = await db.owner.insert(users).values({ displayName: '韩冬', mobile: '13800000098' }).returning({ id: users.id });
    await db.owner.insert(memberships).values({ userId: u!.id, role: 'grid_worker', orgUnitId: tenantId });
    await inTenant((tx) => handOverGrid(tx, admin, { gridId: grid1.id, toUserId: u!.id, now: new Date('2026-11-24T07:00:00Z') }));
    expect(await recipient(elder)).toMatchObject({ responsibleWorkerId: u!.id, volunteerId: member.residentId });
    expect((await inTenant((tx) => getCareRecipient(tx, admin, { residentId: elder }))).volunteer?.id).toBe(member.residentId);
    // Ended (null): no pair.
    await pair(admin, null);
    expect(await paired()).toBeNull();
    expect((await recipient(elder))?.volunteerId).toBeNull();
  });

  it('a visit’s photo is stored without its metadata: no EXIF, camera or GPS position, turned the way it was meant', async () => {
    const id = await person('黎秀珍', '1939-11-11', ['独居'], undefined, '2026-11-24T02:00:00Z');
    await sync(new Date('2026-11-24T02:00:00Z'));
    // A phone photo: 200×100 stored sideways, EXIF "rotate 90°", the phone's make and a GPS position in 贵阳.
    const pixels = await sharp({ create: { width: 200, height: 100, channels: 3, background: '#3060c0' } }).jpeg().toBuffer();
    const upload = new Uint8Array(
      await sharp(pixels)
        .withMetadata({ orientation: 6 })
        .withExif({ IFD0: { Make: 'TestPhone' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '26/1 34/1 1234/100', GPSLongitudeRef: 'E', GPSLongitude: '106/1 38/1 0/1' } })
        .jpeg()
        .toBuffer(),
    );
    const has = (bytes: Uint8Array, text: string) => Buffer.from(bytes).includes(Buffer.from(text, 'latin1'));
    expect(has(upload, 'Exif') && has(upload, 'TestPhone')).toBe(true);
    expect((await sharp(upload).metadata()).exif).toBeDefined();

    const at = new Date('2026-11-24T03:00:00Z');
    const done = await recordVisit(db.app, await callerFor('13800000005'), { id: randomUUID(), residentId: id, kind: 'home', seen: 'self', visitedAt: at, photo: upload, offline: true, now: at, deps });
    const [row] = await inTenant((tx) => tx.select().from(careVisits).where(eq(careVisits.id, done.id)));
    // Its own name per send (decision 055): the visit's id and a fresh one.
    expect(row!.photoPath).toMatch(new RegExp(`^${tenantId}/care-${done.id}-[0-9a-f-]{36}\\.jpg$`));
    const stored = (await deps.storage.get(row!.photoPath!))!;
    expect(has(stored, 'Exif') || has(stored, 'TestPhone')).toBe(false);
    const meta = await sharp(stored).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 100, height: 200 });
    expect([meta.exif, meta.xmp, meta.iptc, meta.icc, meta.orientation]).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(await photoHasMetadata(stored)).toBe(false);
    // No location either unless the worker chose to give one.
    expect([row!.latitude, row!.longitude]).toEqual([null, null]);
  });
});

describe('visiting care: what an outside trial found (issue 20, decision 055)', () => {
  it('a late visit: this period on time and the oldest missed window late, one per visit (decision 078, replacing 070)', async () => {
    const id = await person('钱秀兰', '1939-01-20', ['独居'], undefined, '2026-12-08T02:00:00Z'); // 87, living alone → high: weekly, home visits
    const admin = await callerFor('13800000004');
    const row = async (at: Date) => (await inTenant((tx) => listCareRoster(tx, admin, { now: at }))).rows.find((r) => r.residentId === id)!;
    // December, after every period the tests before declared (a period running would add its own window).
    await sync(new Date('2026-12-08T02:00:00Z')); // the week of 7–13 December
    await sync(new Date('2026-12-15T02:00:00Z')); // the week of 14–20 December: the first one now overdue
    await sync(new Date('2026-12-22T02:00:00Z')); // and the week of 21–27 December: two missed weeks
    const [first, second, current] = (await windowsOf(id)).filter((w) => w.reason === 'routine');
    expect(first!.closesAt.toISOString()).toBe('2026-12-13T16:00:00.000Z');
    expect(current!.opensAt.toISOString()).toBe('2026-12-20T16:00:00.000Z');
    expect((await row(new Date('2026-12-22T03:00:00Z'))).window?.state).toBe('overdue');
    // Tuesday 22 December: one home visit. Before 070 it made up 7–13 December only (late): the person stayed overdue
    // (14–20 December) and this week stayed owed, so every later visit was late again.
    const at = new Date('2026-12-22T03:00:00Z');
    // Decision 078 (replacing 070's "every missed window"): this week's on time and the oldest missed week late; one
    // visit makes up one missed visit, so 14–20 December stays owed, counted on the roster.
    expect((await visit('13800000005', id, 'home', at)).windowsMet).toBe(2);
    const after = await windowsOf(id);
    const state = (w: { id: string }) => windowState(after.find((x) => x.id === w.id)!, at, 2);
    expect([state(first!), state(second!), state(current!)]).toEqual(['visited_late', 'overdue', 'visited']);
    const shown = await row(new Date('2026-12-22T03:05:00Z'));
    expect(shown.window).toMatchObject({ id: second!.id, state: 'overdue' });
    expect(shown.openWindows).toBe(1);
    // The next visit makes it up; nothing is owed then.
    expect((await visit('13800000005', id, 'home', new Date('2026-12-23T03:00:00Z'))).windowsMet).toBe(1);
    expect((await row(new Date('2026-12-23T03:05:00Z'))).openWindows).toBe(0);
  });

  it('a 24-hour visit made late still counts for the week it was made in: the roster says visited, not due', async () => {
    const id = await person('邹桂兰', '1938-05-05', ['独居'], undefined, '2026-12-28T02:00:00Z'); // high risk
    const admin = await callerFor('13800000004');
    await sync(new Date('2026-12-28T02:00:00Z')); // Monday 28 December: the week to 3 January
    const { windowId } = await inTenant(async (tx) => recordMajorChange(tx, admin, { residentId: id, kind: 'hospital', now: new Date('2026-12-28T03:00:00Z') }));
    // Wednesday: the 24-hour visit is a day late; it is this week's visit too.
    const at = new Date('2026-12-30T03:00:00Z');
    expect((await visit('13800000005', id, 'home', at)).windowsMet).toBe(2);
    const after = await windowsOf(id);
    expect(windowState(after.find((w) => w.id === windowId)!, at, 2)).toBe('visited_late');
    expect(windowState(after.find((w) => w.reason === 'routine')!, at, 2)).toBe('visited');
    const shown = (await inTenant((tx) => listCareRoster(tx, admin, { now: at }))).rows.find((r) => r.residentId === id)!;
    expect(shown.window?.state).toBe('visited');
  });

  it('a tier change shows on the roster at once: set by hand, or from the register (tags, birth) — not at the next sweep', async () => {
    const admin = await callerFor('13800000004');
    const at = new Date('2026-12-29T02:00:00Z'); // Tuesday 29 December
    const rosterRow = async (residentId: string) => (await inTenant((tx) => listCareRoster(tx, admin, { now: at }))).rows.find((r) => r.residentId === residentId);
    // Regular (quarterly) by the rules, set to high risk by hand: the weekly window of this week at once.
    const byHand = await person('严淑华', '1958-04-04', ['低保'], undefined, '2026-12-28T02:00:00Z');
    await sync(new Date('2026-12-28T02:00:00Z'));
    expect((await rosterRow(byHand))?.window?.closesAt.toISOString()).toBe('2026-12-31T16:00:00.000Z'); // the quarter
    await inTenant((tx) => overrideCareTier(tx, admin, { residentId: byHand, tier: 'high', reason: '独自在家，行动不便', now: at }));
    // Before 070 only the tier's name changed; the week's window came with the sweep a quarter of an hour later.
    expect(await rosterRow(byHand)).toMatchObject({ tier: 'high', overridden: true, openWindows: 2 });
    const week = (await windowsOf(byHand)).find((w) => w.opensAt.toISOString() === '2026-12-27T16:00:00.000Z');
    expect(week).toMatchObject({ tier: 'high', reason: 'routine', countsKinds: ['home'], visitId: null });
    expect(week!.closesAt.toISOString()).toBe('2027-01-03T16:00:00.000Z'); // the week, to Sunday 3 January
    // From the register: 81 and tagged 独居 by an edit → high risk on the roster now, with this week's window.
    const edited = await person('龙翠英', '1945-06-06', []);
    await sync(new Date('2026-12-28T02:00:00Z'));
    expect(await rosterRow(edited)).toBeUndefined();
    await inTenant((tx) =>
      editResident(tx, admin, { residentId: edited, name: '', birth: '1945-06-06', buildingId: grid1.buildingId, tagIds: [tagIds.get('独居')!], cipher, now: at }),
    );
    const joined = await rosterRow(edited);
    expect(joined).toMatchObject({ tier: 'high' });
    expect(joined!.window!.closesAt.toISOString()).toBe('2027-01-03T16:00:00.000Z');
    const [own] = await inTenant((tx) => tx.select({ worker: grids.gridWorkerId }).from(grids).where(eq(grids.id, grid1.id)));
    expect((await recipient(edited))?.responsibleWorkerId).toBe(own!.worker);
    // Moved out: off the roster at once.
    await inTenant((tx) => moveOutResident(tx, admin, { residentId: edited, now: at }));
    expect(await rosterRow(edited)).toBeUndefined();
  });

  it('someone who becomes high risk while a weather period runs is owed its visit (the period counted 0/0)', async () => {
    const later = await person('孙桂芝', '1955-02-02', ['低保'], undefined, '2026-11-26T01:00:00Z'); // regular by the rules
    const now = new Date('2026-11-26T01:00:00Z');
    await sync(now);
    const admin = await callerFor('13800000004');
    const { periodId } = await inTenant((tx) => declareCarePeriod(tx, admin, { kind: 'weather', name: '暴雪', firstDay: '2026-11-26', lastDay: '2026-11-26', now }));
    expect((await windowsOf(later)).filter((w) => w.periodId === periodId)).toHaveLength(0);
    // Set to high risk by hand (with a reason) while the period runs: its window at once, and once only.
    await inTenant((tx) => overrideCareTier(tx, admin, { residentId: later, tier: 'high', reason: '独自在家，暖气故障', now: new Date('2026-11-26T03:00:00Z') }));
    await sync(new Date('2026-11-26T04:00:00Z'));
    const mine = (await windowsOf(later)).filter((w) => w.periodId === periodId);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ tier: 'high', reason: 'weather', countsKinds: ['home'] });
    // The management page counts the period's windows (its count compared a window's period with its own id: 0/0).
    const { periods } = await inTenant((tx) => listCarePeriods(tx, admin));
    const windows = await inTenant((tx) => tx.select().from(careWindows).where(eq(careWindows.periodId, periodId)));
    expect(windows.length).toBeGreaterThan(1);
    expect(periods.find((p) => p.id === periodId)).toMatchObject({ windows: windows.length, visited: windows.filter((w) => w.visitId).length });
  });

  it('a period sharing a day with one of the same kind is refused, naming it; one not yet visited can be withdrawn, with its visits and timers (decision 070)', async () => {
    const admin = await callerFor('13800000004');
    const now = new Date('2027-01-04T01:00:00Z'); // Monday 4 January 2027, after every period above
    const declare = (kind: 'weather' | 'festival', name: string, firstDay: string, lastDay: string) => inTenant((tx) => declareCarePeriod(tx, admin, { kind, name, firstDay, lastDay, now }));
    await sync(now);
    const cold = await declare('weather', '一月寒潮', '2027-01-05', '2027-01-08');
    expect(cold.windows).toBeGreaterThan(0);
    // The same again, or one day in common: refused, naming the period it overlaps (it used to be accepted: two visits for one cold wave).
    for (const [first, last] of [['2027-01-05', '2027-01-08'], ['2027-01-08', '2027-01-10'], ['2027-01-01', '2027-01-05']] as const) {
      const refused = await inTenant((tx) => declareCarePeriod(tx, admin, { kind: 'weather', name: '寒潮', firstDay: first, lastDay: last, now })).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(UseCaseError);
      expect((refused as UseCaseError).code).toBe('care.period.overlaps');
      expect((refused as UseCaseError).params).toMatchObject({ field: 'firstDay', name: '一月寒潮', from: '2027-01-05', to: '2027-01-08' });
    }
    // The day after it, and a festival over the same days (another visit for another reason), are taken.
    await declare('weather', '二次寒潮', '2027-01-09', '2027-01-10');
    const festival = await declare('festival', '元旦后慰问', '2027-01-06', '2027-01-07');

    // Withdrawn before any visit: the period, its windows and their timers go; a second withdrawal finds nothing.
    const windowIds = (await inTenant((tx) => tx.select({ id: careWindows.id }).from(careWindows).where(eq(careWindows.periodId, cold.periodId)))).map((w) => w.id);
    expect(windowIds.length).toBe(cold.windows);
    const withdrawn = await inTenant((tx) => withdrawCarePeriod(tx, admin, { periodId: cold.periodId, now }));
    expect(withdrawn).toMatchObject({ name: '一月寒潮', windows: cold.windows });
    expect(await inTenant((tx) => tx.select().from(careWindows).where(eq(careWindows.periodId, cold.periodId)))).toHaveLength(0);
    const timers = await db.owner.select().from(deadlines).where(and(eq(deadlines.subjectType, 'care_window'), eq(deadlines.subjectId, windowIds[0]!)));
    expect(timers.map((d) => d.state)).toEqual(['cancelled']);
    expect(await refusal(inTenant((tx) => withdrawCarePeriod(tx, admin, { periodId: cold.periodId, now })))).toBe('care.period.notFound');
    // Its days are free again.
    await declare('weather', '一月寒潮（更正）', '2027-01-05', '2027-01-07');

    // Once a visit counts for a period, it stays: withdrawing says why not.
    const [someone] = await inTenant((tx) => tx.select({ residentId: careWindows.residentId }).from(careWindows).where(eq(careWindows.periodId, festival.periodId)).limit(1));
    // A period adds a visit (decision 078): the first visit is the week's, the next the cold wave's, the third the festival's.
    for (const at of ['2027-01-06T02:00:00Z', '2027-01-06T02:10:00Z', '2027-01-06T02:20:00Z']) await visit('13800000005', someone!.residentId, 'home', new Date(at));
    const used = await inTenant((tx) => withdrawCarePeriod(tx, admin, { periodId: festival.periodId, now: new Date('2027-01-06T03:00:00Z') })).catch((e: unknown) => e);
    expect((used as UseCaseError).code).toBe('care.period.used');
    expect((used as UseCaseError).params).toMatchObject({ count: 1, name: '元旦后慰问' });
    // A period that is over stays too (its missed visits are in the rate).
    const oneDay = await declare('weather', '一日寒潮', '2027-01-11', '2027-01-11');
    expect(await refusal(inTenant((tx) => withdrawCarePeriod(tx, admin, { periodId: oneDay.periodId, now: new Date('2027-01-12T02:00:00Z') })))).toBe('care.period.over');
    // The management page offers 撤回 by the same rule (listCarePeriods' `withdraw`; the page derived it on its own).
    const offered = async (at: string) => Object.fromEntries((await inTenant((tx) => listCarePeriods(tx, admin, { now: new Date(at) }))).periods.map((p) => [p.name, p.withdraw]));
    expect(await offered('2027-01-06T03:00:00Z')).toMatchObject({ 元旦后慰问: 'used', 二次寒潮: 'ok', 一日寒潮: 'ok' });
    expect(await offered('2027-01-12T02:00:00Z')).toMatchObject({ 元旦后慰问: 'used', 二次寒潮: 'over', 一日寒潮: 'over' });
  });

  it('a period’s days are calendar days of 1900–2100, near today, at most 92 days apart, each refused beside its field', async () => {
    const admin = await callerFor('13800000004');
    const now = new Date('2026-11-26T01:00:00Z');
    const declare = (firstDay: string, lastDay: string) => refusalAndField(inTenant((tx) => declareCarePeriod(tx, admin, { kind: 'festival', name: '春节', firstDay, lastDay, now })));
    // Was PostgreSQL's "date/time field value out of range": the 500 page.
    expect(await declare('0001-01-01', '9999-12-31')).toBe('care.period.invalid:firstDay');
    expect(await declare('2026-02-30', '2026-12-01')).toBe('care.period.invalid:firstDay');
    expect(await declare('2026-12-01', '2026-02-30')).toBe('care.period.invalid:lastDay');
    expect(await declare('2026-12-01', '2100-12-31')).toBe('care.period.tooLong:lastDay');
    expect(await declare('2062-01-01', '2062-01-05')).toBe('care.day.far:firstDay');
    // A rule version's start: a real day, at most a year ahead.
    expect(await refusal(inTenant((tx) => saveCareRules(tx, admin, { effectiveFrom: '2099-01-01', rules: DEFAULT_CARE_RULES, now })))).toBe('care.day.far');
    expect(await refusal(inTenant((tx) => saveCareRules(tx, admin, { effectiveFrom: '9999-12-31', rules: DEFAULT_CARE_RULES, now })))).toBe('care.period.invalid');
  });
});

/** A refusal's code and the field it names (`code:field`). */
async function refusalAndField(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (error) {
    if (error instanceof UseCaseError) return `${error.code}:${String(error.params.field)}`;
    throw error;
  }
  throw new Error('expected a refusal');
}

void sql;
