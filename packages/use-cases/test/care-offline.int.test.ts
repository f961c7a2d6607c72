import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { buildings, careOfflineEdits, cases, categories, grids, orgUnits, residents, residentTags, withScope, withTenant } from '@shequ/db';
import { defineAbilityFor } from '@shequ/permissions';
import {
  anonymousCaller,
  applyOfflineEdit,
  careRatesByCommunity,
  careVisitRates,
  careVisitPhoto,
  careOfflinePack,
  fileCareNeed,
  getCareRecipient,
  listCareConflicts,
  listCarePeriods,
  recordVisit,
  registerResident,
  resolveCareConflict,
  syncCareRoster,
  UseCaseError,
} from '../src/index.ts';
import { createPersonalDataCipher } from '../src/security/index.ts';
import { localPhotoStorage } from '../src/storage/index.ts';
import { refusal, seededDatabase } from './support.ts';

// Issue 20: the grid worker's phone app. Its offline pack (their grids only), needs and edits sent from its queue
// (stored once however often they are sent), the conflict list when a person changed on the server meanwhile, and
// the person's care page read in the grid worker's scope.
const db = seededDatabase();
const cipher = createPersonalDataCipher('7e'.repeat(32));
const deps = { cipher, storage: localPhotoStorage(mkdtempSync(path.join(tmpdir(), 'care-offline-'))) };

let tenantId: string;
let grid1BuildingId: string;
let grid2BuildingId: string;
let tagIds: Map<string, string>;
let categoryId: string;
const callerFor = async (mobile: string) => {
  const actor = await db.actorFor(mobile, tenantId);
  return { actor, ability: defineAbilityFor(actor) };
};
const inTenant = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(db.app, tenantId, fn);
const NOW = new Date('2026-11-24T06:00:00Z');

beforeAll(async () => {
  tenantId = (await db.owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, 'jinyuan')))[0]!.id;
  const rows = await inTenant((tx) =>
    tx
      .select({ gridName: grids.name, buildingId: buildings.id })
      .from(buildings)
      .innerJoin(grids, and(eq(grids.tenantId, buildings.tenantId), eq(grids.id, buildings.gridId)))
      .orderBy(asc(buildings.name)),
  );
  grid1BuildingId = rows.find((r) => r.gridName === '第一网格')!.buildingId;
  grid2BuildingId = rows.find((r) => r.gridName === '第二网格')!.buildingId;
  tagIds = new Map((await inTenant((tx) => tx.select({ id: residentTags.id, name: residentTags.name }).from(residentTags))).map((t) => [t.name, t.id]));
  categoryId = (await inTenant((tx) => tx.select({ id: categories.id }).from(categories).limit(1)))[0]!.id;
});

async function person(name: string, buildingId: string) {
  const admin = await callerFor('13800000004');
  const { id } = await inTenant((tx) =>
    registerResident(tx, admin, { name, birth: '1940-03-01', buildingId, unit: '1', room: '101', tagIds: [tagIds.get('独居')!], consent: true, consentChannel: 'in_person', cipher, now: new Date('2026-09-01T02:00:00Z') }),
  );
  await inTenant((tx) => syncCareRoster(tx, anonymousCaller(), { tenantId, now: NOW }));
  return id;
}
const version = async (id: string) => (await inTenant((tx) => tx.select({ v: residents.updatedAt }).from(residents).where(eq(residents.id, id))))[0]!.v.toISOString();

describe('the grid worker’s phone app', () => {
  it('packs the grid worker’s own grids only, with each person’s editable details and version', async () => {
    const mine = await person('离线甲', grid1BuildingId);
    const other = await person('离线乙', grid2BuildingId);
    const pack = await inTenant(async (tx) => careOfflinePack(tx, await callerFor('13800000006'), { now: NOW }));
    const ids = pack.people.map((p) => p.residentId);
    expect(ids).toContain(mine);
    expect(ids).not.toContain(other);
    const p = pack.people.find((x) => x.residentId === mine)!;
    expect(p.details).toEqual({ unit: '1', room: '101', note: null });
    expect(p.version).toBe(await version(mine));
    expect(pack.categories.length).toBeGreaterThan(0);
    // The office sees both.
    const office = await inTenant(async (tx) => careOfflinePack(tx, await callerFor('13800000004'), { now: NOW }));
    expect(office.people.map((x) => x.residentId)).toEqual(expect.arrayContaining([mine, other]));
  });

  it('a need sent twice from the queue is one case, linked to the person; another grid’s person is not found', async () => {
    const mine = await person('需求甲', grid1BuildingId);
    const other = await person('需求乙', grid2BuildingId);
    const worker = await callerFor('13800000006');
    const id = randomUUID();
    const first = await fileCareNeed(db.app, worker, { id, residentId: mine, categoryId, content: '需要助餐', now: NOW, deps });
    const again = await fileCareNeed(db.app, worker, { id, residentId: mine, categoryId, content: '需要助餐', now: NOW, deps });
    expect(first.repeated).toBe(false);
    expect(again).toEqual({ caseId: first.caseId, repeated: true });
    const linked = await inTenant((tx) => tx.select({ id: cases.id }).from(cases).where(eq(cases.residentId, mine)));
    expect(linked.map((c) => c.id)).toEqual([first.caseId]);
    expect(await refusal(fileCareNeed(db.app, worker, { id: randomUUID(), residentId: other, categoryId, content: '越网格', now: NOW, deps }))).toBe('resident.notFound');
  });

  it('an offline edit at the server’s version is applied once; a stale one goes to the conflict list, settled field by field', async () => {
    const id = await person('修改甲', grid1BuildingId);
    const worker = await callerFor('13800000006');
    const admin = await callerFor('13800000004');
    const v0 = await version(id);
    const editId = randomUUID();
    const edit = { id: editId, residentId: id, baseVersion: v0, base: { note: null }, mine: { note: '腿脚不便，敲门要大声' }, editedAt: NOW.toISOString(), now: NOW };
    const applied = await inTenant((tx) => applyOfflineEdit(tx, worker, edit));
    expect(applied.status).toBe('applied');
    const v1 = await version(id);
    expect(v1).not.toBe(v0);
    // Sent again (a lost answer): the first outcome, nothing new, no false conflict.
    expect(await inTenant((tx) => applyOfflineEdit(tx, worker, edit))).toMatchObject({ status: 'applied', repeated: true });

    // Someone changes the room online; then an edit made offline from v1 arrives.
    await inTenant((tx) => tx.update(residents).set({ room: '102', updatedAt: new Date(NOW.getTime() + 60_000) }).where(eq(residents.id, id)));
    const stale = await inTenant((tx) =>
      applyOfflineEdit(tx, worker, { id: randomUUID(), residentId: id, baseVersion: v1, base: { room: '101', note: '腿脚不便，敲门要大声' }, mine: { room: '103', note: '已装扶手' }, editedAt: NOW.toISOString(), now: new Date(NOW.getTime() + 120_000) }),
    );
    expect(stale.status).toBe('conflict');
    const [row] = await inTenant((tx) => tx.select().from(residents).where(eq(residents.id, id)));
    expect(row!.room).toBe('102'); // not overwritten
    // The note only the phone changed is applied at once (it waited with the server's value preselected: outside trial).
    expect(row!.note).toBe('已装扶手');

    // The grid worker may not settle it; the office sees it field by field.
    expect(await refusal(inTenant((tx) => listCareConflicts(tx, worker)))).toBe('forbidden');
    const { conflicts } = await inTenant((tx) => listCareConflicts(tx, admin));
    const c = conflicts.find((x) => x.id === stale.id)!;
    expect(c.fields).toEqual([{ field: 'room', base: '101', mine: '103', theirs: '102' }]);
    expect(c.applied).toEqual([{ field: 'note', mine: '已装扶手' }]);
    // A real conflict has no default: left unchosen, it is refused beside its field and nothing changes.
    expect(await refusal(inTenant((tx) => resolveCareConflict(tx, admin, { id: stale.id })))).toBe('care.conflict.choose');
    const settled = await inTenant((tx) => resolveCareConflict(tx, admin, { id: stale.id, room: 'theirs' }));
    expect(settled.applied).toEqual([]);
    const [after] = await inTenant((tx) => tx.select().from(residents).where(eq(residents.id, id)));
    expect(after!.room).toBe('102');
    expect(after!.note).toBe('已装扶手');
    expect((await inTenant((tx) => listCareConflicts(tx, admin))).conflicts.map((x) => x.id)).not.toContain(stale.id);
    // Settled again from a second tab: said with who settled it and the outcome (it answered "not found", the 404 page).
    const again = await inTenant((tx) => resolveCareConflict(tx, admin, { id: stale.id, note: 'mine' })).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(UseCaseError);
    expect((again as UseCaseError).code).toBe('care.conflict.settled');
    expect((again as UseCaseError).params).toMatchObject({ mine: 'note', theirs: 'room', at: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/) });
    expect(String((again as UseCaseError).params.by)).not.toBe('');
    expect(await refusal(inTenant((tx) => resolveCareConflict(tx, admin, { id: randomUUID(), note: 'mine' })))).toBe('care.notFound');
    const [stored] = await inTenant((tx) => tx.select().from(careOfflineEdits).where(eq(careOfflineEdits.id, stale.id)));
    expect(stored).toMatchObject({ status: 'resolved', chosen: { room: 'theirs', note: 'mine' } });
  });

  it('the care page of a person: visits, windows and who looks after them, in the grid worker’s scope', async () => {
    const mine = await person('页面甲', grid1BuildingId);
    const other = await person('页面乙', grid2BuildingId);
    const worker = await callerFor('13800000006');
    await recordVisit(db.app, worker, { id: randomUUID(), residentId: mine, kind: 'home', visitedAt: NOW, now: NOW, seen: 'self', needs: ['meals'], deps });
    const page = await inTenant((tx) => getCareRecipient(tx, worker, { residentId: mine, now: NOW }));
    expect(page.onRoster).toBe(true);
    expect(page.tier).toBe('high');
    expect(page.visits).toHaveLength(1);
    expect(page.visits[0]).toMatchObject({ kind: 'home', seen: 'self', needs: ['meals'], offline: false });
    expect(page.windows.some((w) => w.state === 'visited')).toBe(true);
    expect(page.may).toEqual({ manage: false, visit: true, photos: true });
    expect(await refusal(inTenant((tx) => getCareRecipient(tx, worker, { residentId: other, now: NOW })))).toBe('resident.notFound');
    const periods = await inTenant(async (tx) => listCarePeriods(tx, await callerFor('13800000004')));
    expect(periods).toEqual({ periods: expect.any(Array), handovers: expect.any(Array) });
  });

  it('streets and districts get each community’s visit rate per tier as counts, equal to the community’s own figure; nothing to other scopes', async () => {
    const admin = await callerFor('13800000004');
    const month = '2026-10';
    const now = new Date('2026-11-24T06:00:00Z');
    const own = await inTenant((tx) => careVisitRates(tx, admin, { month, now }));
    const [unit] = await db.owner.select({ streetId: orgUnits.streetId, districtId: orgUnits.districtId }).from(orgUnits).where(eq(orgUnits.id, tenantId));
    for (const unitId of [unit!.streetId!, unit!.districtId!]) {
      const rows = await withScope(db.app, { unitIds: [unitId] }, (tx) => careRatesByCommunity(tx, anonymousCaller(), { month, now }));
      const mine = rows.find((r) => r.communityId === tenantId);
      expect(mine?.tiers ?? own.tiers.map((t) => ({ ...t, due: 0, onTime: 0, rate: null }))).toEqual(own.tiers);
      expect(Object.keys(mine ?? {}).sort()).toEqual(mine ? ['communityId', 'tiers', 'total'] : []);
    }
    // A community's own scope (no officer units) gets nothing from the aggregate path, nor does a bare tenant.
    expect(await inTenant((tx) => careRatesByCommunity(tx, anonymousCaller(), { month, now }))).toEqual([]);
    expect(await refusal(withScope(db.app, { unitIds: [unit!.streetId!] }, (tx) => careRatesByCommunity(tx, anonymousCaller(), { month: '2026-13', now })))).toBe('care.period.invalid');
    // Year 1 is not read as 1901 (Date.UTC's two-digit years): refused, no figures of another month.
    expect(await refusal(inTenant((tx) => careVisitRates(tx, admin, { month: '0001-01', now })))).toBe('care.period.invalid');
  });
});

describe('the phone app: what an outside trial found (issue 20, decision 055)', () => {
  it('a need’s id alone decides: resent with other words, at once or later, it is the one case first filed', async () => {
    const mine = await person('一次甲', grid1BuildingId);
    const other = await person('一次乙', grid1BuildingId);
    const worker = await callerFor('13800000006');
    const id = randomUUID();
    const send = (content: string, residentId = mine) => fileCareNeed(db.app, worker, { id, residentId, categoryId, content, now: NOW, deps });
    // Four sends at once, each with other words (the trial ended with four cases and four 新微心愿 notices).
    const answers = await Promise.all(['需要助餐', '需要助餐，每天中午', '需要助洁', '需要陪伴'].map((c) => send(c)));
    expect(new Set(answers.map((a) => a.caseId)).size).toBe(1);
    expect(answers.filter((a) => !a.repeated)).toHaveLength(1);
    // Later, edited again: the same case, repeated; nothing new.
    expect(await send('需要维修')).toEqual({ caseId: answers[0]!.caseId, repeated: true });
    const filed = await inTenant((tx) => tx.select({ id: cases.id, content: cases.content }).from(cases).where(eq(cases.residentId, mine)));
    expect(filed).toHaveLength(1);
    // The id sent for another person: refused, as a visit's is.
    expect(await refusal(send('需要助餐', other))).toBe('care.visit.taken');
    // A visit's need, resent with other words: the same case too.
    const visitId = randomUUID();
    const visit = (content: string) => recordVisit(db.app, worker, { id: visitId, residentId: other, kind: 'home', seen: 'self', visitedAt: NOW, now: NOW, needCase: { categoryId, content }, deps });
    const both = await Promise.all([visit('燃气灶坏了'), visit('燃气灶坏了，需要尽快修')]);
    expect(both[0]!.caseId).toBe(both[1]!.caseId);
    expect(await inTenant((tx) => tx.select({ id: cases.id }).from(cases).where(eq(cases.residentId, other)))).toHaveLength(1);
  });

  it('an edit sent twice at once is stored once; its values are checked as the register checks them, never a 500', async () => {
    const id = await person('房号甲', grid1BuildingId);
    const worker = await callerFor('13800000006');
    const v0 = await version(id);
    const edit = (mine: Record<string, unknown>, editId = randomUUID()) =>
      inTenant((tx) => applyOfflineEdit(tx, worker, { id: editId, residentId: id, baseVersion: v0, base: { room: '101' }, mine: mine as never, editedAt: NOW.toISOString(), now: NOW }));
    const withField = async (p: Promise<unknown>) => {
      try {
        await p;
      } catch (error) {
        if (error instanceof UseCaseError) return `${error.code}:${String(error.params.field)}`;
        throw error;
      }
      return 'stored';
    };
    // Was `TypeError invalid input (mine.room): validation.tooLong`, the 500 page.
    expect(await withField(edit({ room: '1'.repeat(2000) }))).toBe('resident.address.tooLong:room');
    expect(await withField(edit({ room: '🏠🏠🏠🏠🏠' }))).toBe('resident.address.invalid:room');
    expect(await withField(edit({ floor: '3' }))).toBe('care.invalid:mine');
    expect(await withField(edit({ room: 101 }))).toMatch(/^care\.invalid:/);
    expect(await withField(edit({ note: '很'.repeat(501) }))).toBe('care.note.tooLong:note');
    // The register's own form refuses 🏠 too.
    const admin = await callerFor('13800000004');
    expect(await refusal(inTenant((tx) => registerResident(tx, admin, { name: '表情', birth: '1950-01-01', buildingId: grid1BuildingId, room: '🏠🏠🏠🏠🏠', consent: true, consentChannel: 'in_person', cipher })))).toBe('resident.address.invalid');
    // Two sends of one edit at once: one outcome stored, both answered.
    const editId = randomUUID();
    const twice = await Promise.all([edit({ room: '3-201' }, editId), edit({ room: '3-202' }, editId)]);
    expect(twice.map((t) => t.repeated).sort()).toEqual([false, true]);
    expect(await inTenant((tx) => tx.select().from(careOfflineEdits).where(eq(careOfflineEdits.id, editId)))).toHaveLength(1);
  });

  it('a visit’s photo is served to readers of the person’s visits only', async () => {
    const mine = await person('照片甲', grid1BuildingId);
    const worker = await callerFor('13800000006');
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#ccc' } }).png().toBuffer();
    const withPhoto = randomUUID();
    const without = randomUUID();
    await recordVisit(db.app, worker, { id: withPhoto, residentId: mine, kind: 'home', seen: 'self', visitedAt: NOW, now: NOW, photo: new Uint8Array(png), deps });
    await recordVisit(db.app, worker, { id: without, residentId: mine, kind: 'phone', seen: 'self', visitedAt: NOW, now: NOW, deps });
    const photo = await inTenant((tx) => careVisitPhoto(tx, worker, { residentId: mine, visitId: withPhoto }));
    expect(photo.mime).toBe('image/png');
    expect(await deps.storage.get(photo.storageKey)).not.toBeNull();
    expect(await inTenant(async (tx) => careVisitPhoto(tx, await callerFor('13800000004'), { residentId: mine, visitId: withPhoto }))).toEqual(photo);
    expect(await refusal(inTenant((tx) => careVisitPhoto(tx, worker, { residentId: mine, visitId: without })))).toBe('care.notFound');
    expect(await refusal(inTenant((tx) => careVisitPhoto(tx, worker, { residentId: mine, visitId: 'x' })))).toBe('care.notFound');
    // Another grid's worker and the volunteer leader do not see the person at all.
    expect(await refusal(inTenant(async (tx) => careVisitPhoto(tx, await callerFor('13800000007'), { residentId: mine, visitId: withPhoto })))).toMatch(/notFound/);
    const page = await inTenant((tx) => getCareRecipient(tx, worker, { residentId: mine, now: NOW }));
    expect(page.may.photos).toBe(true);
    expect(page.visits.find((v) => v.id === withPhoto)?.hasPhoto).toBe(true);
  });
});

describe('an id sent again by someone else (found by an outside trial of issue 13)', () => {
  it('answers a visit, need or edit of a person outside the caller’s grids as not found, never as “stored”', async () => {
    const theirs = await person('别格甲', grid2BuildingId);
    const admin = await callerFor('13800000004');
    const worker = await callerFor('13800000006');
    // The office records a visit, a need and an edit for a person of 第二网格 with ids made on its phone.
    const visitId = randomUUID();
    const needId = randomUUID();
    const editId = randomUUID();
    await recordVisit(db.app, admin, { id: visitId, residentId: theirs, kind: 'home', seen: 'self', visitedAt: NOW, now: NOW, needCase: { categoryId, content: '楼道灯坏了' }, deps });
    await fileCareNeed(db.app, admin, { id: needId, residentId: theirs, categoryId, content: '需要助浴', now: NOW, deps });
    const edit = { id: editId, residentId: theirs, baseVersion: await version(theirs), base: { room: '101' }, mine: { room: '102' }, editedAt: NOW.toISOString() };
    expect((await inTenant((tx) => applyOfflineEdit(tx, admin, { ...edit, now: NOW }))).status).toBe('applied');

    // 第一网格's grid worker sends the same ids: not found, as a new record for that person would be.
    expect(await refusal(recordVisit(db.app, worker, { id: visitId, residentId: theirs, kind: 'home', seen: 'self', visitedAt: NOW, now: NOW, deps }))).toBe('resident.notFound');
    expect(await refusal(fileCareNeed(db.app, worker, { id: needId, residentId: theirs, categoryId, content: '需要助浴', now: NOW, deps }))).toBe('resident.notFound');
    expect(await refusal(inTenant((tx) => applyOfflineEdit(tx, worker, { ...edit, now: NOW })))).toBe('resident.notFound');
    // The office's own sends again are still answered as first stored.
    expect((await recordVisit(db.app, admin, { id: visitId, residentId: theirs, kind: 'home', seen: 'self', visitedAt: NOW, now: NOW, deps })).repeated).toBe(true);
    expect((await fileCareNeed(db.app, admin, { id: needId, residentId: theirs, categoryId, content: '需要助浴', now: NOW, deps })).repeated).toBe(true);
    expect((await inTenant((tx) => applyOfflineEdit(tx, admin, { ...edit, now: NOW }))).repeated).toBe(true);
  });
});
