import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { buildings, careVisits, careWindows, grids, orgUnits, residentTags, withTenant } from '@shequ/db';
import { defineAbilityFor } from '@shequ/permissions';
import { anonymousCaller, getCareRecipient, recordVisit, registerResident, syncCareRoster, UseCaseError } from '../src/index.ts';
import { careNeedSchema, careSyncFormSchema, careVisitFormSchema, recordVisitSchema } from '../src/schemas.ts';
import { createPersonalDataCipher } from '../src/security/index.ts';
import { localPhotoStorage } from '../src/storage/index.ts';
import { refusal, seededDatabase } from './support.ts';

// Issue 20, found from outside (decision 076): a visit from the phone's sync with no `seen` was stored as on time and
// closed the 24-hour visit; a visit's date came from the phone, 62 days back, online too; a need of spaces was refused
// as "choose the category".
const db = seededDatabase();
const cipher = createPersonalDataCipher('7f'.repeat(32));
const deps = { cipher, storage: localPhotoStorage(mkdtempSync(path.join(tmpdir(), 'care-trust-'))) };
let tenantId: string;
let buildingId: string;
let aloneTag: string;
const callerFor = async (mobile: string) => {
  const actor = await db.actorFor(mobile, tenantId);
  return { actor, ability: defineAbilityFor(actor) };
};
const inTenant = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(db.app, tenantId, fn);
const issues = (r: { success: boolean; error?: { issues: { path: (string | number)[]; message: string }[] } }) => (r.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]);

beforeAll(async () => {
  tenantId = (await db.owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, 'jinyuan')))[0]!.id;
  const rows = await inTenant((tx) => tx.select({ id: buildings.id, grid: grids.name }).from(buildings).innerJoin(grids, and(eq(grids.tenantId, buildings.tenantId), eq(grids.id, buildings.gridId))).orderBy(asc(buildings.name)));
  buildingId = rows.find((r) => r.grid === '第一网格')!.id;
  aloneTag = (await inTenant((tx) => tx.select({ id: residentTags.id }).from(residentTags).where(eq(residentTags.name, '独居'))))[0]!.id;
});

async function elder(name: string, at: string) {
  const admin = await callerFor('13800000004');
  const { id } = await inTenant((tx) => registerResident(tx, admin, { name, birth: '1940-03-03', buildingId, tagIds: [aloneTag], consent: true, consentChannel: 'in_person', cipher, now: new Date(at) }));
  await inTenant((tx) => syncCareRoster(tx, anonymousCaller(), { tenantId, now: new Date(at) }));
  return id;
}

describe('a visit the server can trust', () => {
  it('no `seen`: refused by the phone’s sync schema and by recordVisit itself (it was stored and met the window)', async () => {
    const residentId = await elder('彭桂香', '2026-11-24T02:00:00Z');
    const sent = careSyncFormSchema.safeParse({ intent: 'visit', id: randomUUID(), residentId, kind: 'home', visitedAt: String(Date.parse('2026-11-25T02:00:00Z')), offline: 'true' });
    expect(issues(sent)).toEqual([['seen', 'care.seen.required']]);
    // Said together with a need's problem (the form comes back with every field's message).
    expect(issues(careVisitFormSchema.safeParse({ id: randomUUID(), kind: 'home', needCategoryId: randomUUID(), needContent: '   ' }))).toEqual([
      ['needContent', 'care.need.content'],
      ['seen', 'care.seen.required'],
    ]);
    expect(issues(recordVisitSchema.safeParse({ id: randomUUID(), residentId, kind: 'home', visitedAt: new Date() }))).toEqual([['seen', 'care.seen.required']]);
    const grid = await callerFor('13800000006');
    const at = new Date('2026-11-25T02:00:00Z');
    expect(await refusal(recordVisit(db.app, grid, { id: randomUUID(), residentId, kind: 'home', visitedAt: at, now: at, offline: true, deps }))).toBe('care.seen.required');
    const open = await inTenant((tx) => tx.select().from(careWindows).where(eq(careWindows.residentId, residentId)));
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((w) => w.visitId === null)).toBe(true);
    expect(await inTenant((tx) => tx.select().from(careVisits).where(eq(careVisits.residentId, residentId)))).toHaveLength(0);
  });

  it('online, a visit takes the server’s time: a date sent from the phone cannot make an overdue window on time', async () => {
    const residentId = await elder('伍德兰', '2026-11-24T02:00:00Z');
    const [w] = await inTenant((tx) => tx.select().from(careWindows).where(eq(careWindows.residentId, residentId)));
    const now = new Date(w!.closesAt.getTime() + 3 * 24 * 3600_000); // three days overdue
    const grid = await callerFor('13800000006');
    const claimed = new Date(w!.opensAt.getTime() + 3600_000); // inside the window
    const done = await recordVisit(db.app, grid, { id: randomUUID(), residentId, kind: 'home', seen: 'self', visitedAt: claimed, offline: false, now, deps });
    expect(done.windowsMet).toBe(1);
    const [row] = await inTenant((tx) => tx.select().from(careVisits).where(eq(careVisits.id, done.id)));
    expect(row!.visitedAt.toISOString()).toBe(now.toISOString());
    const [met] = await inTenant((tx) => tx.select().from(careWindows).where(eq(careWindows.id, w!.id)));
    // Met late, not on time.
    expect(met!.visitedAt!.getTime()).toBeGreaterThan(met!.closesAt.getTime());
  });

  it('offline, a visit may be dated at most 7 days back (refused naming the earliest time) and keeps when it was received', async () => {
    const residentId = await elder('庞秀英', '2026-11-24T02:00:00Z');
    const grid = await callerFor('13800000006');
    const now = new Date('2026-12-10T04:00:00Z');
    const tooOld = recordVisit(db.app, grid, { id: randomUUID(), residentId, kind: 'home', seen: 'self', visitedAt: new Date('2026-12-03T03:59:00Z'), offline: true, now, deps });
    const error = await tooOld.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UseCaseError);
    expect(error).toMatchObject({ code: 'care.visitedAt.tooOld', params: { field: 'visitedAt', earliest: '2026-12-03 12:00', days: 7 } });
    expect(await refusal(recordVisit(db.app, grid, { id: randomUUID(), residentId, kind: 'home', seen: 'self', visitedAt: new Date('2026-12-10T05:00:00Z'), offline: true, now, deps }))).toBe('care.visitedAt.future');
    const at = new Date('2026-12-04T02:00:00Z');
    const kept = await recordVisit(db.app, grid, { id: randomUUID(), residentId, kind: 'home', seen: 'family', visitedAt: at, offline: true, now, deps });
    const [row] = await inTenant((tx) => tx.select().from(careVisits).where(eq(careVisits.id, kept.id)));
    expect([row!.visitedAt.toISOString(), row!.receivedAt.toISOString(), row!.offline]).toEqual([at.toISOString(), now.toISOString(), true]);
    const page = await inTenant((tx) => getCareRecipient(tx, grid, { residentId, now }));
    expect(page.visits.find((v) => v.id === kept.id)).toMatchObject({ visitedAt: at, receivedAt: now });
  });

  it('a need of spaces is refused as "write what is needed", a missing category as "choose the category"', () => {
    const base = { id: randomUUID(), residentId: randomUUID() };
    expect(issues(careNeedSchema.safeParse({ ...base, categoryId: randomUUID(), content: '    ' }))).toEqual([['content', 'care.need.content']]);
    expect(issues(careNeedSchema.safeParse({ ...base, content: '需要助餐' }))).toEqual([['categoryId', 'care.need.category']]);
    expect(issues(careSyncFormSchema.safeParse({ ...base, intent: 'need', categoryId: randomUUID(), content: '  \u3000 ' }))).toEqual([['content', 'care.need.content']]);
  });
});
