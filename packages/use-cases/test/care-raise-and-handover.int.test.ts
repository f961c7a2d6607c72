import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { buildings, careHandovers, careRecipients, careWindows, grids, memberships, notifications, orgUnits, residentTags, users, withTenant } from '@shequ/db';
import { windowState } from '@shequ/domain';
import { defineAbilityFor } from '@shequ/permissions';
import { anonymousCaller, createBuilding, editResident, listCareRoster, moveBuilding, overrideCareTier, recordVisit, registerResident, type StaffCaller, syncCareRoster } from '../src/index.ts';
import { createPersonalDataCipher } from '../src/security/index.ts';
import { localPhotoStorage } from '../src/storage/index.ts';
import { seededDatabase } from './support.ts';

// Issue 20, after the last trial's review:
// - a tier raised (priority, monthly → high risk, weekly) on the Wednesday of a month that began on a Monday got no
//   window of its own for that week (the month's window starts where the week does, one routine window per start):
//   the person was due only by the month's end, neither due nor overdue under the weekly rule. A raise owes a visit
//   under the new frequency from the raise.
// - a person's responsible grid worker changed by moving their building (or the person) to another grid, with no
//   hand-over record: the new worker got the person without their last three visits, and was not told.
const db = seededDatabase();
const cipher = createPersonalDataCipher('6e'.repeat(32));
const deps = { cipher, storage: localPhotoStorage(mkdtempSync(path.join(tmpdir(), 'care-raise-'))) };
// 1 February 2027 is a Monday: February's monthly window and the first week's window both start at its 00:00.
const FEB1 = '2027-01-31T16:00:00.000Z';
const FEB8 = '2027-02-07T16:00:00.000Z'; // the first week's end (Sunday 7 February 24:00 China time)
const MAR1 = '2027-02-28T16:00:00.000Z';
const MON = new Date('2027-02-01T02:00:00Z'); // Monday 10:00 China time
const TUE = new Date('2027-02-02T02:00:00Z');
const WED = new Date('2027-02-03T02:00:00Z'); // the raise: Wednesday 10:00 China time

let tenantId: string;
let admin: StaffCaller;
let staff: StaffCaller;
let grid1: { id: string; buildingId: string; worker: string };
let grid2: { id: string; worker: string };
let tagIds: Map<string, string>;
const inTenant = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(db.app, tenantId, fn);
const caller = async (mobile: string): Promise<StaffCaller> => {
  const actor = await db.actorFor(mobile, tenantId);
  return { actor, ability: defineAbilityFor(actor) };
};

beforeAll(async () => {
  tenantId = (await db.owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, 'jinyuan')))[0]!.id;
  admin = await caller('13800000004');
  staff = await caller('13800000005');
  // The second grid gets a worker of its own (the demo gives one to the first grid only).
  const [u] = await db.owner.insert(users).values({ displayName: '龙晓雯', mobile: '13800000077' }).returning({ id: users.id });
  await db.owner.insert(memberships).values({ userId: u!.id, role: 'grid_worker', orgUnitId: tenantId });
  const rows = await withTenant(db.owner, tenantId, (tx) =>
    tx
      .select({ gridId: grids.id, gridName: grids.name, worker: grids.gridWorkerId, buildingId: buildings.id })
      .from(buildings)
      .innerJoin(grids, and(eq(grids.tenantId, buildings.tenantId), eq(grids.id, buildings.gridId)))
      .orderBy(asc(buildings.name)),
  );
  const first = rows.find((r) => r.gridName === '第一网格')!;
  const second = rows.find((r) => r.gridName === '第二网格')!;
  await withTenant(db.owner, tenantId, (tx) => tx.update(grids).set({ gridWorkerId: u!.id }).where(eq(grids.id, second.gridId)));
  grid1 = { id: first.gridId, buildingId: first.buildingId, worker: first.worker! };
  grid2 = { id: second.gridId, worker: u!.id };
  tagIds = new Map((await inTenant((tx) => tx.select({ id: residentTags.id, name: residentTags.name }).from(residentTags))).map((t) => [t.name, t.id]));
});

const register = (name: string, birth: string, tags: string[], at: Date, buildingId = grid1.buildingId) =>
  inTenant((tx) => registerResident(tx, admin, { name, birth, buildingId, tagIds: tags.map((t) => tagIds.get(t)!), consent: true, consentChannel: 'in_person', cipher, now: at })).then((r) => r.id);
const visit = (residentId: string, kind: 'home' | 'phone' | 'video', at: Date, note?: string) => recordVisit(db.app, staff, { id: randomUUID(), residentId, kind, seen: 'self', note, visitedAt: at, now: at, deps });
const routine = (residentId: string) =>
  inTenant((tx) => tx.select().from(careWindows).where(and(eq(careWindows.residentId, residentId), eq(careWindows.reason, 'routine'))).orderBy(asc(careWindows.opensAt), asc(careWindows.closesAt)));
const spans = async (residentId: string) => (await routine(residentId)).map((w) => [w.tier, w.opensAt.toISOString(), w.closesAt.toISOString(), w.visitedAt?.toISOString() ?? null]);
const raise = (residentId: string, at: Date) => inTenant((tx) => overrideCareTier(tx, admin, { residentId, tier: 'high', reason: '住院后独自在家', now: at }));
const sync = (at: Date) => inTenant((tx) => syncCareRoster(tx, anonymousCaller(), { tenantId, now: at }));
const rosterState = async (residentId: string, at: Date) => (await inTenant((tx) => listCareRoster(tx, admin, { now: at }))).rows.find((r) => r.residentId === residentId)?.window?.state;

describe('a tier raised owes a visit under the new frequency from the raise', () => {
  it('priority (monthly) raised to high risk (weekly) on a Wednesday: due by Sunday 24:00, overdue after — no gap in the first week', async () => {
    const id = await register('柏秀兰', '1961-05-05', ['残疾'], MON);
    expect(await spans(id)).toEqual([['priority', FEB1, MAR1, null]]);
    await raise(id, WED);
    // The month's window stays; the week's visit is owed from the raise to the week's end, home visits only.
    expect(await spans(id)).toEqual([
      ['priority', FEB1, MAR1, null],
      ['high', WED.toISOString(), FEB8, null],
    ]);
    const week = (await routine(id))[1]!;
    expect(week.countsKinds).toEqual(['home']);
    expect(windowState(week, new Date('2027-02-04T02:00:00Z'), 2)).toBe('due');
    // Before, the roster read "due" (the month's window) on Monday 8 February: the weekly visit was never overdue.
    expect(await rosterState(id, new Date('2027-02-07T15:59:00Z'))).toBe('due_soon');
    expect(await rosterState(id, new Date('2027-02-07T16:01:00Z'))).toBe('overdue');
    // The sweep opens nothing more that week; from Monday the next week's window as written.
    await sync(new Date('2027-02-04T02:00:00Z'));
    expect(await routine(id)).toHaveLength(2);
    await sync(new Date('2027-02-07T16:05:00Z'));
    expect((await spans(id)).at(-1)).toEqual(['high', FEB8, '2027-02-14T16:00:00.000Z', null]);
  });

  it('a video call before the raise does not meet the week (high risk counts home visits); a home visit that week does', async () => {
    const called = await register('鲁志芳', '1962-06-06', ['残疾'], MON);
    const visited = await register('甄秀梅', '1963-07-07', ['残疾'], MON);
    expect((await visit(called, 'video', TUE)).windowsMet).toBe(1);
    expect((await visit(visited, 'home', TUE)).windowsMet).toBe(1);
    await raise(called, WED);
    await raise(visited, WED);
    expect((await spans(called))[1]).toEqual(['high', WED.toISOString(), FEB8, null]);
    // Seen at home on Tuesday: this week's weekly visit was made; the window starts at it and is met by it.
    expect((await spans(visited))[1]).toEqual(['high', TUE.toISOString(), FEB8, TUE.toISOString()]);
    expect(await rosterState(visited, new Date('2027-02-07T16:01:00Z'))).toBe('visited');
    expect(await rosterState(called, new Date('2027-02-07T16:01:00Z'))).toBe('overdue');
  });
});

describe('every change of a recipient’s grid worker hands them over with their last three visits', () => {
  const handoversTo = (userId: string) => inTenant((tx) => tx.select().from(careHandovers).where(eq(careHandovers.toUserId, userId)).orderBy(asc(careHandovers.createdAt)));
  const told = (userId: string) => db.owner.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.kind, 'care_handover')));
  const worker = async (residentId: string) => (await inTenant((tx) => tx.select().from(careRecipients).where(eq(careRecipients.residentId, residentId))))[0]?.responsibleWorkerId;

  it('a building moved to another grid: its people go to that grid’s worker with a hand-over record, and the worker is told', async () => {
    const at = new Date('2027-03-10T02:00:00Z');
    const building = await inTenant((tx) => createBuilding(tx, admin, { name: '移交测试栋', gridId: grid1.id }));
    const id = await register('祁玉梅', '1938-03-03', ['独居'], new Date('2027-03-01T02:00:00Z'), building.id);
    for (const [k, day] of ['2027-03-01', '2027-03-03', '2027-03-05', '2027-03-08'].entries()) await visit(id, 'home', new Date(`${day}T02:00:00Z`), `第${k + 1}次`);
    const before = (await handoversTo(grid2.worker)).length;
    const noticesBefore = (await told(grid2.worker)).length;
    await inTenant((tx) => moveBuilding(tx, admin, { buildingId: building.id, gridId: grid2.id, now: at }));
    expect(await worker(id)).toBe(grid2.worker);
    const records = await handoversTo(grid2.worker);
    expect(records).toHaveLength(before + 1);
    const h = records.at(-1)!;
    expect(h).toMatchObject({ gridId: grid2.id, fromUserId: grid1.worker, toUserId: grid2.worker, count: 1, createdBy: admin.actor.userId });
    expect(h.people[0]).toMatchObject({ residentId: id, nameHint: '祁**', tier: 'high' });
    expect(h.people[0]!.lastVisits.map((v) => v.note)).toEqual(['第4次', '第3次', '第2次']);
    expect(await told(grid2.worker)).toHaveLength(noticesBefore + 1);
    // The sweep after it hands nobody over again.
    await sync(new Date('2027-03-10T02:15:00Z'));
    expect(await handoversTo(grid2.worker)).toHaveLength(before + 1);
  });

  it('a person moved to a building of another grid: handed over the same way, and back again', async () => {
    const at = new Date('2027-03-11T02:00:00Z');
    const id = await register('童桂香', '1937-04-04', ['空巢'], new Date('2027-03-01T02:00:00Z'));
    await visit(id, 'home', new Date('2027-03-02T02:00:00Z'), '上门看过');
    const secondBuilding = (await inTenant((tx) => tx.select({ id: buildings.id }).from(buildings).where(eq(buildings.gridId, grid2.id)).limit(1)))[0]!.id;
    const edit = (buildingId: string, now: Date) => inTenant((tx) => editResident(tx, admin, { residentId: id, name: '', birth: '1937-04-04', buildingId, tagIds: [tagIds.get('空巢')!], cipher, now }));
    await edit(secondBuilding, at);
    expect(await worker(id)).toBe(grid2.worker);
    const there = (await handoversTo(grid2.worker)).at(-1)!;
    expect(there).toMatchObject({ gridId: grid2.id, fromUserId: grid1.worker, count: 1 });
    expect(there.people[0]!.lastVisits.map((v) => v.note)).toEqual(['上门看过']);
    await edit(grid1.buildingId, new Date('2027-03-12T02:00:00Z'));
    expect(await worker(id)).toBe(grid1.worker);
    const back = (await handoversTo(grid1.worker)).at(-1)!;
    expect(back).toMatchObject({ gridId: grid1.id, fromUserId: grid2.worker, count: 1 });
    expect(back.people[0]!.residentId).toBe(id);
  });
});
