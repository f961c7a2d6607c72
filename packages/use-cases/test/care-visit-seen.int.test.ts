import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { buildings, careWindows, grids, orgUnits, residentTags, withTenant } from '@shequ/db';
import { defineAbilityFor } from '@shequ/permissions';
import { anonymousCaller, recordVisit, registerResident, syncCareRoster } from '../src/index.ts';
import { careVisitFormSchema } from '../src/schemas.ts';
import { createPersonalDataCipher } from '../src/security/index.ts';
import { localPhotoStorage } from '../src/storage/index.ts';
import { seededDatabase } from './support.ts';

// Issue 20 (outside trial, fault 4) / decision 067: a home visit where nobody was seen (无人在家) is an attempt, not a
// visit on time; the visit form asks at least who was seen (an empty one-tap submit is not a visit).
const db = seededDatabase();
const cipher = createPersonalDataCipher('7e'.repeat(32));
const deps = { cipher, storage: localPhotoStorage(mkdtempSync(path.join(tmpdir(), 'care-seen-'))) };
let tenantId: string;
let buildingId: string;
let aloneTag: string;
const callerFor = async (mobile: string) => {
  const actor = await db.actorFor(mobile, tenantId);
  return { actor, ability: defineAbilityFor(actor) };
};
const inTenant = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(db.app, tenantId, fn);

beforeAll(async () => {
  tenantId = (await db.owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, 'jinyuan')))[0]!.id;
  const rows = await inTenant((tx) => tx.select({ id: buildings.id, grid: grids.name }).from(buildings).innerJoin(grids, and(eq(grids.tenantId, buildings.tenantId), eq(grids.id, buildings.gridId))).orderBy(asc(buildings.name)));
  buildingId = rows.find((r) => r.grid === '第一网格')!.id;
  aloneTag = (await inTenant((tx) => tx.select({ id: residentTags.id }).from(residentTags).where(eq(residentTags.name, '独居'))))[0]!.id;
});

describe('who was seen', () => {
  it('a home visit with nobody home meets no window (an attempt); one that met the person does', async () => {
    const admin = await callerFor('13800000004');
    const { id: residentId } = await inTenant((tx) =>
      registerResident(tx, admin, { name: '钟玉珍', birth: '1940-02-02', buildingId, tagIds: [aloneTag], consent: true, consentChannel: 'in_person', cipher, now: new Date('2026-11-24T02:00:00Z') }),
    );
    await inTenant((tx) => syncCareRoster(tx, anonymousCaller(), { tenantId, now: new Date('2026-11-24T02:00:00Z') }));
    const grid = await callerFor('13800000006');
    const at = new Date('2026-11-25T02:00:00Z');
    const attempt = await recordVisit(db.app, grid, { id: randomUUID(), residentId, kind: 'home', seen: 'nobody', visitedAt: at, now: at, deps });
    expect(attempt).toMatchObject({ repeated: false, windowsMet: 0 });
    const open = await inTenant((tx) => tx.select().from(careWindows).where(eq(careWindows.residentId, residentId)));
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((w) => w.visitId === null)).toBe(true);
    const later = new Date('2026-11-25T08:00:00Z');
    expect((await recordVisit(db.app, grid, { id: randomUUID(), residentId, kind: 'home', seen: 'family', visitedAt: later, now: later, deps })).windowsMet).toBe(1);
  });

  it('the visit form (web page and phone queue) asks who was seen: an empty submit is refused beside 见到了谁', () => {
    const empty = careVisitFormSchema.safeParse({ id: randomUUID(), kind: 'home' });
    expect(empty.success).toBe(false);
    expect(empty.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['seen', 'care.seen.required']]);
    expect(careVisitFormSchema.safeParse({ id: randomUUID(), kind: 'home', seen: 'nobody' }).success).toBe(true);
  });
});
