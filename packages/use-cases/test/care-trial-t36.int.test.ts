import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { auditEvents, buildings, careEvents, careOfflineEdits, carePeriods, careVisits, careWindows, cases, categories, grids, memberships, notifications, orgUnits, residents, residentTags, users, withTenant } from '@shequ/db';
import { defineAbilityFor } from '@shequ/permissions';
import { anonymousCaller, applyOfflineEdit, declareCarePeriod, editResident, listCareConflicts, listCareRoster, fileCareNeed, handOverGrid, overrideCareTier, recordMajorChange, recordVisit, registerResident, type StaffCaller, syncCareRoster } from '../src/index.ts';
import { UseCaseError } from '../src/errors.ts';
import { createPersonalDataCipher } from '../src/security/index.ts';
import { localPhotoStorage } from '../src/storage/index.ts';
import { careSyncFormSchema, careVisitFormSchema } from '../src/care/schemas.ts';
import { seededDatabase } from './support.ts';

// Issue 20, an outside trial (t36; decision 078).
const db = seededDatabase();
const cipher = createPersonalDataCipher('5e'.repeat(32));
const deps = { cipher, storage: localPhotoStorage(mkdtempSync(path.join(tmpdir(), 'care-t36-'))) };

let tenantId: string;
let admin: StaffCaller;
let grid1: { id: string; buildingId: string };
let tagIds: Map<string, string>;
let categoryId: string;
let newWorker: string;
const inTenant = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(db.app, tenantId, fn);
const caller = async (mobile: string): Promise<StaffCaller> => {
  const actor = await db.actorFor(mobile, tenantId);
  return { actor, ability: defineAbilityFor(actor) };
};
const refusal = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof UseCaseError) return { code: e.code, field: e.params?.field };
    throw e;
  }
  return null;
};

beforeAll(async () => {
  tenantId = (await db.owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, 'jinyuan')))[0]!.id;
  admin = await caller('13800000004');
  const [u] = await db.owner.insert(users).values({ displayName: '接手网格员', mobile: '13800000078' }).returning({ id: users.id });
  await db.owner.insert(memberships).values({ userId: u!.id, role: 'grid_worker', orgUnitId: tenantId });
  newWorker = u!.id;
  const rows = await inTenant((tx) =>
    tx
      .select({ gridId: grids.id, gridName: grids.name, buildingId: buildings.id })
      .from(buildings)
      .innerJoin(grids, and(eq(grids.tenantId, buildings.tenantId), eq(grids.id, buildings.gridId)))
      .orderBy(asc(buildings.name)),
  );
  const first = rows.find((r) => r.gridName === '第一网格')!;
  grid1 = { id: first.gridId, buildingId: first.buildingId };
  tagIds = new Map((await inTenant((tx) => tx.select({ id: residentTags.id, name: residentTags.name }).from(residentTags))).map((t) => [t.name, t.id]));
  categoryId = (await inTenant((tx) => tx.select({ id: categories.id }).from(categories).limit(1)))[0]!.id;
});

const register = (name: string, at: Date) =>
  inTenant((tx) => registerResident(tx, admin, { name, birth: '1940-03-01', buildingId: grid1.buildingId, unit: '1', room: '101', tagIds: [tagIds.get('独居')!], consent: true, consentChannel: 'in_person', cipher, now: at })).then((r) => r.id);

// Monday 7 December 2026, China time: the visit at 10:00, the grid handed over at 14:00, the phone back online at 18:00.
const MADE = new Date('2026-12-07T02:00:00Z');
const HANDED = new Date('2026-12-07T06:00:00Z');
const SENT = new Date('2026-12-07T10:00:00Z');

describe('records made on the phone before a hand-over are taken from the worker who made them (fault 1)', () => {
  it('a visit, a need and an edit queued before the grid changed hands: recorded, filed, held for staff — never 404', async () => {
    const id = await register('交接甲', new Date('2026-12-01T02:00:00Z'));
    await inTenant((tx) => syncCareRoster(tx, anonymousCaller(), { tenantId, now: MADE }));
    const worker = await caller('13800000006');
    const [before] = await inTenant((tx) => tx.select({ v: residents.updatedAt }).from(residents).where(eq(residents.id, id)));
    await inTenant((tx) => handOverGrid(tx, admin, { gridId: grid1.id, toUserId: newWorker, now: HANDED }));
    // The worker no longer sees the person…
    const later = randomUUID();
    expect(await refusal(recordVisit(db.app, worker, { id: later, residentId: id, kind: 'home', seen: 'self', offline: true, visitedAt: new Date('2026-12-07T08:00:00Z'), now: SENT, deps }))).toMatchObject({ code: 'resident.notFound' });
    // …but what they did while responsible is theirs: the visit counts for this week's window.
    const visitId = randomUUID();
    const done = await recordVisit(db.app, worker, { id: visitId, residentId: id, kind: 'home', seen: 'self', offline: true, visitedAt: MADE, now: SENT, deps });
    expect(done.repeated).toBe(false);
    const windows = await inTenant((tx) => tx.select().from(careWindows).where(and(eq(careWindows.residentId, id), eq(careWindows.reason, 'routine'))));
    const week = windows.find((w) => w.opensAt <= MADE && MADE < w.closesAt)!;
    expect(week.visitId).toBe(visitId);
    expect((await inTenant((tx) => tx.select().from(careVisits).where(eq(careVisits.id, visitId))))[0]!.visitorId).toBe(worker.actor.userId);
    // A need kept at 10:00 is filed (routed by the building, as every wish) and linked to the person.
    const need = await fileCareNeed(db.app, worker, { id: randomUUID(), residentId: id, categoryId, content: '需要助浴', madeAt: MADE, now: SENT, deps });
    expect((await inTenant((tx) => tx.select().from(cases).where(eq(cases.id, need.caseId))))[0]!.residentId).toBe(id);
    // A need kept after the hand-over is not theirs.
    expect(await refusal(fileCareNeed(db.app, worker, { id: randomUUID(), residentId: id, categoryId, content: '需要助浴', madeAt: new Date('2026-12-07T08:00:00Z'), now: SENT, deps }))).toMatchObject({ code: 'resident.notFound' });
    // An edit made before the hand-over waits on the conflict list, every field for staff to choose; nothing applied.
    const editId = randomUUID();
    const edit = await inTenant((tx) =>
      applyOfflineEdit(tx, worker, { id: editId, residentId: id, baseVersion: before!.v.toISOString(), base: { room: '101' }, mine: { room: '102' }, editedAt: MADE, now: SENT }),
    );
    expect(edit.status).toBe('conflict');
    const held = (await inTenant((tx) => tx.select().from(careOfflineEdits).where(eq(careOfflineEdits.id, editId))))[0]!;
    expect(held.mine).toEqual({ room: '102' });
    expect((await inTenant((tx) => tx.select({ room: residents.room }).from(residents).where(eq(residents.id, id))))[0]!.room).toBe('101');
  });

  it('an offline edit dated 2099 (or weeks back) is refused with its own message (fault 8)', async () => {
    const id = await register('交接乙', new Date('2026-12-01T02:00:00Z'));
    const [v] = await inTenant((tx) => tx.select({ v: residents.updatedAt }).from(residents).where(eq(residents.id, id)));
    const edit = (editedAt: Date) => inTenant((tx) => applyOfflineEdit(tx, admin, { id: randomUUID(), residentId: id, baseVersion: v!.v.toISOString(), base: { room: '101' }, mine: { room: '103' }, editedAt, now: SENT }));
    expect(await refusal(edit(new Date('2099-01-01T00:00:00Z')))).toEqual({ code: 'care.editedAt.future', field: 'editedAt' });
    expect(await refusal(edit(new Date('2026-11-01T00:00:00Z')))).toEqual({ code: 'care.editedAt.tooOld', field: 'editedAt' });
    expect((await edit(new Date('2026-12-07T09:00:00Z'))).status).toBe('applied');
  });
});

describe('a form posted again does nothing twice (fault 3)', () => {
  const AT = new Date('2026-12-08T02:00:00Z');
  it('a major change posted three times with its client id: one event, one 24-hour window, one notice', async () => {
    const id = await register('重发甲', new Date('2026-12-01T02:00:00Z'));
    const clientId = randomUUID();
    const post = () => inTenant((tx) => recordMajorChange(tx, admin, { residentId: id, kind: 'hospital', note: '住院', clientId, now: AT }));
    const [first, second, third] = await Promise.all([post(), post(), post()]);
    expect([first.repeated, second.repeated, third.repeated].filter((r) => !r)).toHaveLength(1);
    expect(new Set([first.windowId, second.windowId, third.windowId]).size).toBe(1);
    expect(await inTenant((tx) => tx.select().from(careEvents).where(eq(careEvents.residentId, id)))).toHaveLength(1);
    expect(await inTenant((tx) => tx.select().from(careWindows).where(and(eq(careWindows.residentId, id), eq(careWindows.reason, 'major_change'))))).toHaveLength(1);
    expect(await db.owner.select().from(notifications).where(and(eq(notifications.kind, 'care_major_change'), eq(notifications.subjectId, first.windowId)))).toHaveLength(1);
  });

  it('a period declared twice with its client id is declared once (no "overlaps" refusal for a retry)', async () => {
    const clientId = randomUUID();
    const post = () => inTenant((tx) => declareCarePeriod(tx, admin, { kind: 'festival', name: '元旦', firstDay: '2026-12-31', lastDay: '2027-01-01', clientId, now: AT }));
    const first = await post();
    const again = await post();
    expect(again).toMatchObject({ periodId: first.periodId, repeated: true, windows: 0 });
    expect(await inTenant((tx) => tx.select().from(carePeriods).where(eq(carePeriods.name, '元旦')))).toHaveLength(1);
  });
});

describe('a tier changed by hand (fault 5)', () => {
  const AT = new Date('2026-12-09T02:00:00Z'); // Wednesday
  it('needs a reason back to the rules too; after a downgrade the higher tier’s open windows are no longer owed, and why is kept', async () => {
    const id = await register('降级甲', new Date('2026-12-07T01:00:00Z'));
    const set = (tier: 'high' | 'priority' | null, reason: string | null) => inTenant((tx) => overrideCareTier(tx, admin, { residentId: id, tier, reason: reason as string, now: AT }));
    expect(await refusal(set(null, ''))).toEqual({ code: 'care.reason.required', field: 'reason' });
    expect(await refusal(set(null, null))).toEqual({ code: 'care.reason.required', field: 'reason' });
    expect(await refusal(set('high', 'x'.repeat(5000)))).toEqual({ code: 'care.reason.tooLong', field: 'reason' });
    const open = async () => (await inTenant((tx) => tx.select().from(careWindows).where(eq(careWindows.residentId, id)))).filter((w) => !w.visitId && w.closesAt > AT).map((w) => [w.reason, w.tier]);
    // 独居 and 86: high risk by the rules; this week's weekly window is owed.
    expect(await open()).toContainEqual(['routine', 'high']);
    await set('priority', '子女已回家同住');
    const after = await open();
    expect(after).not.toContainEqual(['routine', 'high']);
    expect(after).toContainEqual(['routine', 'priority']);
    const [audit] = await inTenant((tx) => tx.select().from(auditEvents).where(and(eq(auditEvents.subjectId, id), eq(auditEvents.action, 'care_tier_overridden'))));
    expect(audit!.detail).toMatchObject({ from: 'high', to: 'priority', reason: '子女已回家同住', noLongerOwed: expect.arrayContaining([expect.objectContaining({ reason: 'routine', tier: 'high' }), expect.objectContaining({ reason: 'festival' })]) });
  });
});

describe('field checks with their own messages (fault 8)', () => {
  const AT = new Date('2026-12-08T02:00:00Z');
  it('a 5,000-character period name is told its length, not the dates', async () => {
    expect(await refusal(inTenant((tx) => declareCarePeriod(tx, admin, { kind: 'weather', name: '寒'.repeat(5000), firstDay: '2026-12-10', lastDay: '2026-12-12', now: AT })))).toEqual({ code: 'care.period.name', field: 'name' });
  });
  it('a visit’s location: latitude 999 or a latitude alone is refused', async () => {
    const id = await register('位置甲', new Date('2026-12-01T02:00:00Z'));
    const visit = (loc: { latitude?: number; longitude?: number }) => recordVisit(db.app, admin, { id: randomUUID(), residentId: id, kind: 'home', seen: 'self', visitedAt: AT, now: AT, deps, ...loc });
    expect(await refusal(visit({ latitude: 999, longitude: 120 }))).toEqual({ code: 'care.location.invalid', field: 'latitude' });
    expect(await refusal(visit({ latitude: 30 }))).toEqual({ code: 'care.location.partial', field: 'longitude' });
    expect((await visit({ latitude: 30.1, longitude: 120.2 })).repeated).toBe(false);
  });
  it('a fake .jpg (JPEG’s first bytes, then nothing an image is made of) is refused beside the photo field', async () => {
    const id = await register('照片甲', new Date('2026-12-01T02:00:00Z'));
    const fake = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...new TextEncoder().encode('this is not a picture at all, only words')]);
    expect(await refusal(recordVisit(db.app, admin, { id: randomUUID(), residentId: id, kind: 'home', seen: 'self', visitedAt: AT, now: AT, photo: fake, deps }))).toEqual({ code: 'intake.photos.badType', field: 'photo' });
  });
});

describe('the conflict list (fault 7)', () => {
  it('shows the server’s value as it is now, the one “keep the server’s” keeps', async () => {
    const id = await register('冲突甲', new Date('2026-12-01T02:00:00Z'));
    const [v] = await inTenant((tx) => tx.select({ v: residents.updatedAt }).from(residents).where(eq(residents.id, id)));
    const roomOnServer = (room: string, at: Date) => withTenant(db.owner, tenantId, (tx) => tx.update(residents).set({ room, updatedAt: at }).where(eq(residents.id, id)));
    await roomOnServer('521', new Date('2026-12-07T03:00:00Z'));
    const edit = await inTenant((tx) => applyOfflineEdit(tx, admin, { id: randomUUID(), residentId: id, baseVersion: v!.v.toISOString(), base: { room: '101' }, mine: { room: '501' }, editedAt: new Date('2026-12-07T02:00:00Z'), now: SENT }));
    expect(edit.status).toBe('conflict');
    await roomOnServer('530', new Date('2026-12-07T11:00:00Z'));
    const listed = (await inTenant((tx) => listCareConflicts(tx, admin))).conflicts.find((c) => c.residentId === id)!;
    expect(listed.fields).toEqual([{ field: 'room', base: '101', mine: '501', theirs: '530' }]);
  });
});

describe('the visit form says every problem at once (fault 8)', () => {
  const fields = (r: { success: boolean; error?: { issues: { path: (string | number)[]; message: string }[] } }) => (r.error?.issues ?? []).map((i) => `${i.path.join('.')}:${i.message}`).sort();
  it('方式 missing and 见到了谁 missing together; a latitude of 999 and a latitude alone', () => {
    expect(fields(careVisitFormSchema.safeParse({ id: randomUUID() }))).toEqual(['kind:care.kind.invalid', 'seen:care.seen.required']);
    expect(fields(careSyncFormSchema.safeParse({ intent: 'visit', id: randomUUID(), residentId: randomUUID(), latitude: '999', longitude: '120' }))).toEqual(['kind:care.kind.invalid', 'latitude:care.location.invalid', 'seen:care.seen.required']);
    expect(fields(careVisitFormSchema.safeParse({ id: randomUUID(), kind: 'home', seen: 'self', latitude: '30' }))).toEqual(['longitude:care.location.partial']);
  });
});

describe('which windows one visit meets (fault 4, decision 078)', () => {
  it('a period adds a visit; a visit before its declaration does not meet it; one overdue week is made up per visit; the roster follows', async () => {
    const id = await register('加访甲', new Date('2026-11-23T02:00:00Z'));
    // Three weeks pass unvisited (each week's window opened by the sweep), then Monday 14 December 00:30 China time.
    for (const at of ['2026-11-30T01:00:00Z', '2026-12-07T01:00:00Z', '2026-12-13T16:30:00Z']) await inTenant((tx) => syncCareRoster(tx, anonymousCaller(), { tenantId, now: new Date(at) }));
    const windows = () => inTenant((tx) => tx.select().from(careWindows).where(eq(careWindows.residentId, id)).orderBy(asc(careWindows.opensAt)));
    const see = (at: string) => recordVisit(db.app, admin, { id: randomUUID(), residentId: id, kind: 'home', seen: 'self', visitedAt: new Date(at), now: new Date(at), deps });
    const more = async (at: string) => (await inTenant((tx) => listCareRoster(tx, admin, { now: new Date(at) }))).rows.find((r) => r.residentId === id)!.openWindows;
    expect((await windows()).filter((w) => w.reason === 'routine')).toHaveLength(4);
    // 09:00: this week's routine visit and the oldest missed week (late) — not all three missed weeks, not a period
    // declared later.
    expect((await see('2026-12-14T01:00:00Z')).windowsMet).toBe(2);
    expect(await more('2026-12-14T01:30:00Z')).toBe(2);
    await inTenant((tx) => declareCarePeriod(tx, admin, { kind: 'weather', name: '寒潮', firstDay: '2026-12-14', lastDay: '2026-12-16', now: new Date('2026-12-14T02:00:00Z') }));
    const period = (await windows()).find((w) => w.reason === 'weather')!;
    expect(period.visitId).toBeNull();
    expect(await more('2026-12-14T02:30:00Z')).toBe(3);
    // 14:00: the period's added visit (this week's is met already), and the next missed week.
    const b = await see('2026-12-14T06:00:00Z');
    expect(b.windowsMet).toBe(2);
    expect((await windows()).find((w) => w.reason === 'weather')!.visitId).toBe(b.id);
    expect(await more('2026-12-14T06:30:00Z')).toBe(1);
    // Tuesday: nothing owed on time — the last missed week is made up, late.
    const c = await see('2026-12-15T02:00:00Z');
    expect(c.windowsMet).toBe(1);
    const routine = (await windows()).filter((w) => w.reason === 'routine');
    expect(routine.map((w) => w.visitId === c.id)).toEqual([false, false, true, false]);
    expect(await more('2026-12-15T03:00:00Z')).toBe(0);
  });
});

describe('a tier lowered by the register (fault 5, every path)', () => {
  it('独居 taken off an 86-year-old (低保 left: regular): this week’s high-risk window is no longer owed, and why is audited', async () => {
    const AT = new Date('2026-12-09T02:00:00Z');
    const id = await register('降级乙', new Date('2026-12-07T01:00:00Z'));
    const open = async () => (await inTenant((tx) => tx.select().from(careWindows).where(eq(careWindows.residentId, id)))).filter((w) => !w.visitId && w.closesAt > AT).map((w) => [w.reason, w.tier]);
    expect(await open()).toContainEqual(['routine', 'high']);
    await inTenant((tx) => editResident(tx, admin, { residentId: id, name: '', birth: '1940-03-01', buildingId: grid1.buildingId, tagIds: [tagIds.get('低保')!], cipher, now: AT }));
    const after = await open();
    expect(after).not.toContainEqual(['routine', 'high']);
    const [audit] = await inTenant((tx) => tx.select().from(auditEvents).where(and(eq(auditEvents.subjectId, id), eq(auditEvents.action, 'care_windows_released'))));
    expect(audit!.detail).toMatchObject({ from: 'high', to: 'regular', noLongerOwed: expect.arrayContaining([expect.objectContaining({ reason: 'routine', tier: 'high' })]) });
  });
});
