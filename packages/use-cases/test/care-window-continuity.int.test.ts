import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { buildings, careWindows, grids, orgUnits, residentTags, withTenant } from '@shequ/db';
import { DEFAULT_CARE_RULES, windowState } from '@shequ/domain';
import { defineAbilityFor } from '@shequ/permissions';
import { anonymousCaller, listCareRoster, recordVisit, registerResident, saveCareRules, type StaffCaller, syncCareRoster } from '../src/index.ts';
import { createPersonalDataCipher } from '../src/security/index.ts';
import { localPhotoStorage } from '../src/storage/index.ts';
import { seededDatabase } from './support.ts';

// Decision 073 (issue 20, outside trial): a tier's policy changed from monthly to quarterly on 20 October left a gap —
// the quarter's window could not open (October's monthly window starts on 1 October too), so from 1 November to the
// end of the year the person was neither due nor covered. The routine windows now follow one another across policy
// versions: the rest of the quarter starts where October's window ended, or from the last visit of the quarter.
const db = seededDatabase();
const cipher = createPersonalDataCipher('4b'.repeat(32));
const deps = { cipher, storage: localPhotoStorage(mkdtempSync(path.join(tmpdir(), 'care-continuity-'))) };
const SEP30 = '2026-09-30T16:00:00.000Z'; // 1 October 00:00 China time
const OCT31 = '2026-10-31T16:00:00.000Z'; // 1 November 00:00 China time: October's window ends ("10-31 24:00")
const DEC31 = '2026-12-31T16:00:00.000Z'; // 1 January 2027 00:00 China time: the fourth quarter ends
const MAR31 = '2027-03-31T16:00:00.000Z';

let tenantId: string;
let staff: StaffCaller;
let buildingId: string;
let disabledTag: string;
const inTenant = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(db.app, tenantId, fn);
const caller = async (mobile: string): Promise<StaffCaller> => {
  const actor = await db.actorFor(mobile, tenantId);
  return { actor, ability: defineAbilityFor(actor) };
};
const sync = (now: string) => inTenant((tx) => syncCareRoster(tx, anonymousCaller(), { tenantId, now: new Date(now) }));
const routine = (residentId: string) =>
  inTenant((tx) => tx.select().from(careWindows).where(and(eq(careWindows.residentId, residentId), eq(careWindows.reason, 'routine'))).orderBy(asc(careWindows.opensAt)));
const spans = async (residentId: string) => (await routine(residentId)).map((w) => [w.opensAt.toISOString(), w.closesAt.toISOString(), w.visitedAt?.toISOString() ?? null]);
/** The routine windows cover every moment from `from` to `to`: each starts at or before the previous one's end. */
async function covered(residentId: string, from: string, to: string) {
  let reached = new Date(from);
  for (const w of await routine(residentId)) if (w.opensAt <= reached && w.closesAt > reached) reached = w.closesAt;
  return reached >= new Date(to);
}

beforeAll(async () => {
  tenantId = (await db.owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, 'jinyuan')))[0]!.id;
  staff = await caller('13800000005');
  buildingId = (await inTenant((tx) => tx.select({ id: buildings.id }).from(buildings).innerJoin(grids, eq(grids.id, buildings.gridId)).where(eq(grids.name, '第一网格')).limit(1)))[0]!.id;
  disabledTag = (await inTenant((tx) => tx.select({ id: residentTags.id }).from(residentTags).where(eq(residentTags.name, '残疾'))))[0]!.id;
});

const register = async (name: string) =>
  (
    await inTenant(async (tx) =>
      registerResident(tx, await caller('13800000004'), { name, birth: '1966-06-06', buildingId, tagIds: [disabledTag], consent: true, consentChannel: 'in_person', cipher, now: new Date('2026-10-03T02:00:00Z') }),
    )
  ).id;

describe('visit windows follow one another across policy versions (decision 073)', () => {
  it('monthly → quarterly from 20 October: the rest of the quarter starts where October’s window ended, or from the last visit', async () => {
    // Priority (残疾) is visited monthly: October's window from registration on 3 October.
    const unseen = await register('雷美珍');
    const seen = await register('芦建新');
    expect(await spans(unseen)).toEqual([[SEP30, OCT31, null]]);
    const visit = await recordVisit(db.app, staff, { id: randomUUID(), residentId: seen, kind: 'video', seen: 'self', visitedAt: new Date('2026-10-05T02:00:00Z'), now: new Date('2026-10-05T02:00:00Z'), deps });
    expect(visit.windowsMet).toBe(1);

    const quarterly = structuredClone(DEFAULT_CARE_RULES);
    quarterly.policies.priority = { period: 'quarter', contactKinds: ['home', 'phone', 'video'] };
    const { id: v2 } = await inTenant((tx) => saveCareRules(tx, staff, { effectiveFrom: '2026-10-20', rules: quarterly, note: '重点对象改为每季度', now: new Date('2026-10-03T03:00:00Z') }));

    // 20 October: October's window still runs; nothing new yet.
    await sync('2026-10-20T02:00:00Z');
    expect(await spans(unseen)).toEqual([[SEP30, OCT31, null]]);
    // 1 November 00:05 China time: the rest of the quarter, from where October's window ended, due by 31 December 24:00.
    await sync('2026-10-31T16:05:00Z');
    expect(await spans(unseen)).toEqual([
      [SEP30, OCT31, null],
      [OCT31, DEC31, null],
    ]);
    const rest = (await routine(unseen))[1]!;
    expect(rest).toMatchObject({ tier: 'priority', ruleSetId: v2, countsKinds: ['home', 'phone', 'video'] });
    // Before 073, on 5 November nothing was due and nothing covered him; now the quarter's rest is due, October overdue.
    const nov5 = new Date('2026-11-05T02:00:00Z');
    expect((await routine(unseen)).map((w) => windowState(w, nov5, 2))).toEqual(['overdue', 'due']);
    const row = (await inTenant((tx) => listCareRoster(tx, staff, { now: nov5 }))).rows.find((r) => r.residentId === unseen)!;
    expect(row.window?.state).toBe('overdue');
    expect(row.openWindows).toBe(2);
    // Seen on 5 October by a contact that counts under the new policy: the rest starts at that visit, met by it.
    expect(await spans(seen)).toEqual([
      [SEP30, OCT31, '2026-10-05T02:00:00.000Z'],
      ['2026-10-05T02:00:00.000Z', DEC31, '2026-10-05T02:00:00.000Z'],
    ]);
    expect((await inTenant((tx) => listCareRoster(tx, staff, { now: nov5 }))).rows.find((r) => r.residentId === seen)!.window?.state).toBe('visited');

    // The sweep again: nothing more. A visit on 3 November closes October late and the quarter's rest on time.
    await sync('2026-11-05T02:00:00Z');
    expect(await routine(unseen)).toHaveLength(2);
    const late = await recordVisit(db.app, staff, { id: randomUUID(), residentId: unseen, kind: 'home', seen: 'self', visitedAt: nov5, now: nov5, deps });
    expect(late.windowsMet).toBe(2);
    expect((await routine(unseen)).map((w) => windowState(w, nov5, 2))).toEqual(['visited_late', 'visited']);

    // From 1 January the quarter as written: 1 January to 31 March 24:00.
    await sync('2026-12-31T16:05:00Z');
    expect((await spans(unseen)).at(-1)).toEqual([DEC31, MAR31, null]);
    for (const id of [unseen, seen]) expect(await covered(id, SEP30, MAR31)).toBe(true);
  });
});
