import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { buildings, careOfflineEdits, careVisits, careWindows, cases, categories, grids, memberships, orgUnits, residents, residentTags, users, withTenant } from '@shequ/db';
import { defineAbilityFor } from '@shequ/permissions';
import { anonymousCaller, applyOfflineEdit, fileCareNeed, handOverGrid, recordVisit, registerResident, type StaffCaller, syncCareRoster } from '../src/index.ts';
import { UseCaseError } from '../src/errors.ts';
import { createPersonalDataCipher } from '../src/security/index.ts';
import { localPhotoStorage } from '../src/storage/index.ts';
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

describe('records made on the phone before a hand-over are taken from the worker who made them (fault 1)', () => {
  // Monday 7 December 2026, China time: the visit at 10:00, the grid handed over at 14:00, the phone back online at 18:00.
  const MADE = new Date('2026-12-07T02:00:00Z');
  const HANDED = new Date('2026-12-07T06:00:00Z');
  const SENT = new Date('2026-12-07T10:00:00Z');
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
