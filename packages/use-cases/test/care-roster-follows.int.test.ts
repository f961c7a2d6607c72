import { beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { buildings, careRecipients, careWindows, grids, memberships, orgUnits, residentTags, users, withTenant } from '@shequ/db';
import { DEFAULT_CARE_RULES } from '@shequ/domain';
import { defineAbilityFor } from '@shequ/permissions';
import { addPartyMember, addResidentTag, anonymousCaller, createActivity, createBuilding, createPartyOrg, createVolunteerTeam, registerWalkUp, saveCareRules, editResident, getCareRecipient, importResidents, listCareRoster, moveBuilding, moveOutResident, registerResident, type StaffCaller, syncCareRoster } from '../src/index.ts';
import { createPersonalDataCipher } from '../src/security/index.ts';
import { seededDatabase } from './support.ts';

// Decision 073 (issue 20, outside trial): the care roster follows the register at once on every write that can change
// who is on it, their tier or their grid worker — registering, importing, tags, birth, a move (of the person or of
// their building to another grid), moving out, a tag back on the community's list. Before, a new elder joined at the
// next sweep, and meanwhile their care page said the rules did not name them.
const db = seededDatabase();
const cipher = createPersonalDataCipher('5d'.repeat(32));
const AT = new Date('2026-12-29T02:00:00Z'); // Tuesday 29 December 2026, 10:00 China time
const WEEK_END = '2027-01-03T16:00:00.000Z'; // the week's window ends Sunday 3 January 24:00 China time
const MONTH_END = '2026-12-31T16:00:00.000Z';

let tenantId: string;
let admin: StaffCaller;
let grid1: { id: string; buildingId: string; worker: string };
let grid2: { id: string; buildingId: string; worker: string };
let tagIds: Map<string, string>;
const inTenant = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(db.app, tenantId, fn);
const caller = async (mobile: string): Promise<StaffCaller> => {
  const actor = await db.actorFor(mobile, tenantId);
  return { actor, ability: defineAbilityFor(actor) };
};

beforeAll(async () => {
  tenantId = (await db.owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, 'jinyuan')))[0]!.id;
  admin = await caller('13800000004');
  // The second grid gets a worker of its own (the demo gives one to the first grid only).
  const [u] = await db.owner.insert(users).values({ displayName: '陆海燕', mobile: '13800000088' }).returning({ id: users.id });
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
  grid2 = { id: second.gridId, buildingId: second.buildingId, worker: u!.id };
  tagIds = new Map((await inTenant((tx) => tx.select({ id: residentTags.id, name: residentTags.name }).from(residentTags))).map((t) => [t.name, t.id]));
});

const register = (name: string, birth: string, tags: string[], buildingId = grid1.buildingId) =>
  inTenant((tx) => registerResident(tx, admin, { name, birth, buildingId, tagIds: tags.map((t) => tagIds.get(t)!), consent: true, consentChannel: 'in_person', cipher, now: AT })).then((r) => r.id);
const edit = (residentId: string, fields: { birth: string; tags: string[]; buildingId?: string }) =>
  inTenant((tx) => editResident(tx, admin, { residentId, name: '', birth: fields.birth, buildingId: fields.buildingId ?? grid1.buildingId, tagIds: fields.tags.map((t) => tagIds.get(t)!), cipher, now: AT }));
const recipient = async (residentId: string) => (await inTenant((tx) => tx.select().from(careRecipients).where(eq(careRecipients.residentId, residentId))))[0];
const rosterRow = async (residentId: string) => (await inTenant((tx) => listCareRoster(tx, admin, { now: AT }))).rows.find((r) => r.residentId === residentId);
const page = (residentId: string) => inTenant((tx) => getCareRecipient(tx, admin, { residentId, now: AT }));
const routine = async (residentId: string) =>
  inTenant((tx) => tx.select().from(careWindows).where(and(eq(careWindows.residentId, residentId), eq(careWindows.reason, 'routine'))).orderBy(asc(careWindows.opensAt)));

describe('the care roster follows the register at once (decision 073)', () => {
  it('a newly registered elder is on the roster with this week’s window, and their page says so — no sweep', async () => {
    const id = await register('景桂芝', '1941-03-03', ['独居']); // 85, living alone → high risk
    expect(await rosterRow(id)).toMatchObject({ tier: 'high', responsibleWorker: expect.any(String) });
    expect((await rosterRow(id))!.window!.closesAt.toISOString()).toBe(WEEK_END);
    expect(await page(id)).toMatchObject({ onRoster: true, tier: 'high', computedTier: 'high' });
    expect((await recipient(id))?.responsibleWorkerId).toBe(grid1.worker);
    // Someone the rules do not name stays off it.
    const none = await register('岑志刚', '1985-05-05', ['党员']);
    expect(await page(none)).toMatchObject({ onRoster: false, tier: null });
  });

  it('people imported from a roster file are on the care roster at once', async () => {
    const csv = ['姓名,出生年月,楼栋,标签', '蓝凤英,1939-08,3栋,空巢', '全晓峰,1990-01,3栋,党员'].join('\n');
    const done = await inTenant((tx) => importResidents(tx, admin, { bytes: new TextEncoder().encode(csv), fileName: '花名册.csv', commit: true, consent: true, cipher, now: AT }));
    expect(done.imported).toBe(2);
    const onRoster = (await inTenant((tx) => listCareRoster(tx, admin, { now: AT }))).rows.filter((r) => r.nameHint === '蓝**' || r.nameHint === '全**');
    expect(onRoster.map((r) => [r.nameHint, r.tier, r.window?.closesAt.toISOString()])).toEqual([['蓝**', 'high', WEEK_END]]);
  });

  it('a tag added joins the roster with that tier’s window, tags taken away leave it', async () => {
    const id = await register('甄丽华', '1970-07-07', []);
    expect(await rosterRow(id)).toBeUndefined();
    await edit(id, { birth: '1970-07-07', tags: ['残疾'] });
    expect(await rosterRow(id)).toMatchObject({ tier: 'priority' });
    expect((await rosterRow(id))!.window!.closesAt.toISOString()).toBe(MONTH_END);
    await edit(id, { birth: '1970-07-07', tags: [] });
    expect(await rosterRow(id)).toBeUndefined();
    expect(await recipient(id)).toMatchObject({ active: false, computedTier: null });
  });

  it('a birth date corrected to 80+ makes someone living alone high risk now', async () => {
    const id = await register('谈秀珍', '1960-02-02', ['独居']); // 66 → regular, quarterly
    expect(await rosterRow(id)).toMatchObject({ tier: 'regular' });
    expect((await rosterRow(id))!.window!.closesAt.toISOString()).toBe(MONTH_END); // the quarter ends 31 December
    await edit(id, { birth: '1940-02-02', tags: ['独居'] }); // a typing slip corrected: 86
    expect(await rosterRow(id)).toMatchObject({ tier: 'high' });
    expect((await routine(id)).map((w) => [w.tier, w.closesAt.toISOString()])).toEqual([
      ['regular', MONTH_END],
      ['high', WEEK_END],
    ]);
  });

  it('someone who moves to a building of another grid gets that grid’s worker at once', async () => {
    const id = await register('竺玉兰', '1938-11-11', ['空巢']);
    expect((await recipient(id))?.responsibleWorkerId).toBe(grid1.worker);
    await edit(id, { birth: '1938-11-11', tags: ['空巢'], buildingId: grid2.buildingId });
    expect((await recipient(id))?.responsibleWorkerId).toBe(grid2.worker);
    // The new grid's worker sees them on their roster; the old one no longer does.
    expect((await inTenant(async (tx) => listCareRoster(tx, await caller('13800000088'), { now: AT }))).rows.map((r) => r.residentId)).toContain(id);
    expect((await inTenant(async (tx) => listCareRoster(tx, await caller('13800000006'), { now: AT }))).rows.map((r) => r.residentId)).not.toContain(id);
  });

  it('a building moved to another grid takes its people’s care to that grid’s worker at once', async () => {
    const building = await inTenant((tx) => createBuilding(tx, admin, { name: '新建73栋', gridId: grid1.id }));
    const id = await register('桑淑英', '1936-04-04', ['独居'], building.id);
    expect((await recipient(id))?.responsibleWorkerId).toBe(grid1.worker);
    await inTenant((tx) => moveBuilding(tx, admin, { buildingId: building.id, gridId: grid2.id, now: AT }));
    expect((await recipient(id))?.responsibleWorkerId).toBe(grid2.worker);
  });

  it('moving out leaves the roster at once', async () => {
    const id = await register('蒲桂英', '1937-09-09', ['独居']);
    expect(await rosterRow(id)).toBeDefined();
    await inTenant((tx) => moveOutResident(tx, admin, { residentId: id, reason: '随子女去外地居住', now: AT }));
    expect(await rosterRow(id)).toBeUndefined();
    expect(await page(id)).toMatchObject({ onRoster: false });
  });

  it('a tag taken off the list and added again: the people who carry it are on the roster again at once', async () => {
    const id = await register('糜秀兰', '1942-12-12', ['失能/半失能']);
    expect(await rosterRow(id)).toMatchObject({ tier: 'priority' });
    // The tag is taken off the community's list (no use case does it yet: the database's own word), the sweep runs.
    await withTenant(db.owner, tenantId, (tx) => tx.update(residentTags).set({ active: false }).where(eq(residentTags.name, '失能/半失能')));
    await inTenant((tx) => syncCareRoster(tx, anonymousCaller(), { tenantId, now: AT }));
    expect(await rosterRow(id)).toBeUndefined();
    await inTenant((tx) => addResidentTag(tx, admin, { name: '失能/半失能', now: AT }));
    expect(await rosterRow(id)).toMatchObject({ tier: 'priority' });
  });

  // Last: it adds a rule version in force today for the whole community.
  it('a walk-up registered at a volunteer shift joins the roster at once when the rules name them by age', async () => {
    const rules = structuredClone(DEFAULT_CARE_RULES);
    rules.rules.push({ tier: 'regular', minAge: 80 }); // every 80+ at least quarterly, tags or not
    await inTenant((tx) => saveCareRules(tx, admin, { effectiveFrom: '2026-12-29', rules, now: AT }));
    const leader = await caller('13800000007');
    const lead = await register('闻建国', '1969-04-04', []);
    const org = await inTenant((tx) => createPartyOrg(tx, admin, { kind: 'general_branch', name: '关爱测试党总支' }));
    await inTenant((tx) => addPartyMember(tx, admin, { residentId: lead, orgId: org.id, kind: 'local' }));
    const team = await inTenant((tx) => createVolunteerTeam(tx, admin, { name: '关爱测试队', leaderResidentId: lead, leaderUserId: leader.actor.userId, recruiting: true }));
    const startsAt = new Date(AT.getTime() + 3600_000);
    const { shiftIds } = await inTenant((tx) => createActivity(tx, leader, { teamId: team.id, title: '重阳陪伴', place: '党群服务中心', shifts: [{ startsAt, endsAt: new Date(startsAt.getTime() + 7200_000), capacity: 10, reserved: 0 }], publish: true, now: AT }));
    const when = new Date(startsAt.getTime() + 600_000);
    const walkUp = await inTenant((tx) => registerWalkUp(tx, leader, { shiftId: shiftIds[0]!, name: '冉老伯', mobile: '13985117301', birth: '1944-05', consent: true, cipher, now: when }));
    expect(walkUp.registered).toBe(true);
    expect(await recipient(walkUp.residentId)).toMatchObject({ computedTier: 'regular', active: true });
  });
});
