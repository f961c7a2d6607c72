import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { addDays, menuShortfalls } from '@shequ/domain';
import { buildings, careWindows, deadlines, mealBookings, notifications, orgUnits, residentTags, type Tx, users, withTenant } from '@shequ/db';
import { defineAbilityFor } from '@shequ/permissions';
import {
  addSubsidyRule,
  anonymousCaller,
  bookMeal,
  cancelMealBooking,
  confirmMealDelivery,
  exportMealClaim,
  getDeliverySheet,
  getKitchenSheet,
  getMealSettlement,
  getMealStation,
  getMyMeals,
  linkResidents,
  listMealBookings,
  listMyMeals,
  mealCardCode,
  type MealResidentCaller,
  mealResidentOf,
  offerBookedMeal,
  publishMenu,
  quoteMeal,
  registerResident,
  residentCaller,
  type ResidentCaller,
  saveDish,
  saveMealSitting,
  saveMenu,
  serveMealByCode,
  syncCareRoster,
} from '../src/index.ts';
import { wakeDeadline } from '../src/deadlines/engine.ts';
import { MEAL_MISSED_ALONE } from '../src/meals/missed-meal.ts';
import { createPersonalDataCipher } from '../src/security/index.ts';
import { refusal, seededDatabase } from './support.ts';

// Issue 19 / decision 038: meal help. Menu rules at publication, the cut-off in China time, capacity and the
// waiting list, subsidies by versioned rules, the claim equal to the served records, and the missed meal of an
// elder living alone told to their grid worker exactly once.
const db = seededDatabase();
const cipher = createPersonalDataCipher('7e'.repeat(32));

type Caller = { actor: Awaited<ReturnType<typeof db.actorFor>>; ability: ReturnType<typeof defineAbilityFor> };
let tenantId: string;
let admin: Caller;
let staff: Caller;
let gridWorker: Caller;
let sittingId: string;
let tags: Map<string, string>;
let buildingOfGrid1: string;
let buildingOfGrid2: string;
const dishIds: Record<string, string> = {};

const inJinyuan = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(db.app, tenantId, fn);
const caller = async (mobile: string, community = tenantId): Promise<Caller> => {
  const actor = await db.actorFor(mobile, community);
  return { actor, ability: defineAbilityFor(actor) };
};
let seq = 0;
async function person(over: { birth?: string; tags?: string[]; buildingId?: string | null } = {}) {
  seq += 1;
  const { id } = await inJinyuan((tx) =>
    registerResident(tx, admin, {
      name: `测试老人${seq}`,
      birth: over.birth ?? '1950-01',
      tagIds: (over.tags ?? []).map((t) => tags.get(t)!),
      buildingId: over.buildingId === undefined ? buildingOfGrid2 : over.buildingId,
      unit: '1',
      room: String(100 + seq),
      consent: true,
      consentChannel: 'in_person',
      cipher,
      now: new Date('2026-11-01T00:00:00Z'),
    }),
  );
  return id;
}
/** A published lunch menu (three meat, three vegetable dishes and a soup) for a day. */
async function menuFor(day: string) {
  // Set three days before (a menu of a day already past is refused: saveMenu / publishMenu).
  const now = new Date(new Date(`${day}T00:00:00+08:00`).getTime() - 3 * 86_400_000);
  const menu = await inJinyuan((tx) => saveMenu(tx, staff, { sittingId, day, dishIds: Object.values(dishIds), now }));
  if (menu.status !== 'published') await inJinyuan((tx) => publishMenu(tx, staff, { menuId: menu.id, now }));
}
/** An instant given in China time. */
const cn = (local: string) => new Date(`${local}+08:00`);
/** When the tests' subsidy rules are set: before their first day (a rule never starts in the past: addSubsidyRule). */
const RULES_SET = cn('2026-10-30T09:00:00');

beforeAll(async () => {
  tenantId = (await db.owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, 'jinyuan')))[0]!.id;
  admin = await caller('13800000004');
  staff = await caller('13800000005');
  gridWorker = await caller('13800000006');
  tags = new Map((await withTenant(db.owner, tenantId, (tx) => tx.select({ id: residentTags.id, name: residentTags.name }).from(residentTags))).map((t) => [t.name, t.id]));
  const b = await withTenant(db.owner, tenantId, (tx) => tx.select({ id: buildings.id, name: buildings.name }).from(buildings));
  buildingOfGrid1 = b.find((x) => x.name === '1栋')!.id;
  buildingOfGrid2 = b.find((x) => x.name === '4栋')!.id;
  const sitting = await inJinyuan((tx) =>
    saveMealSitting(tx, admin, { meal: 'lunch', name: '午餐', capacity: 100, price: '15', cutoffDaysBefore: 1, cutoffTime: '16:00', serveFrom: '11:00', serveUntil: '13:00', menuRule: { 荤: 3, 素: 3 } }),
  );
  sittingId = sitting.id;
  expect(sitting).toMatchObject({ priceCents: 1500, capacity: 100 });
  for (const [name, t] of [
    ['红烧肉', ['荤']],
    ['清蒸鱼', ['荤', '低盐']],
    ['土豆烧鸡', ['荤', '软食']],
    ['清炒时蔬', ['素', '低盐']],
    ['番茄炒蛋', ['素', '软食']],
    ['麻婆豆腐', ['素']],
    ['冬瓜汤', ['汤', '低盐']],
  ] as const) {
    dishIds[name] = (await inJinyuan((tx) => saveDish(tx, staff, { name, tags: [...t] }))).id;
  }
});

describe('menus', () => {
  it('a lunch menu is published only with at least three meat and three vegetable dishes (the sitting’s rule)', async () => {
    const day = '2026-12-20';
    const { id } = await inJinyuan((tx) => saveMenu(tx, staff, { sittingId, day, dishIds: [dishIds['红烧肉']!, dishIds['清蒸鱼']!, dishIds['清炒时蔬']!, dishIds['番茄炒蛋']!, dishIds['麻婆豆腐']!] }));
    const refused = await inJinyuan((tx) => publishMenu(tx, staff, { menuId: id })).catch((e) => e);
    expect(refused).toMatchObject({ code: 'meal.menu.ruleNotMet', params: { tag: '荤', required: 3, found: 2 } });
    // Every shortfall at once: short of meat and of vegetables, both are told (not only the first).
    const both = await inJinyuan((tx) => saveMenu(tx, staff, { sittingId, day: '2026-12-22', dishIds: [dishIds['红烧肉']!, dishIds['清炒时蔬']!, dishIds['冬瓜汤']!] }));
    const short = await inJinyuan((tx) => publishMenu(tx, staff, { menuId: both.id })).catch((e) => e);
    expect(short.all).toHaveLength(2);
    expect(short.all).toEqual(
      expect.arrayContaining([
        { code: 'meal.menu.ruleNotMet', params: { tag: '荤', required: 3, found: 1 } },
        { code: 'meal.menu.ruleNotMet', params: { tag: '素', required: 3, found: 1 } },
      ]),
    );
    // Nobody books an unpublished menu.
    const who = await person();
    expect(await refusal(inJinyuan((tx) => bookMeal(tx, staff, { residentId: who, sittingId, day, mode: 'dine_in', now: cn('2026-12-18T10:00:00') })))).toBe('meal.menu.notPublished');
    await inJinyuan((tx) => saveMenu(tx, staff, { sittingId, day, dishIds: [...Object.values(dishIds)] }));
    expect(await inJinyuan((tx) => publishMenu(tx, staff, { menuId: id }))).toMatchObject({ status: 'published' });
    expect(await refusal(inJinyuan((tx) => saveMenu(tx, staff, { sittingId, day, dishIds: [] })))).toBe('meal.menu.published');
    // A grid worker may not publish; the sitting's prices are the admin's.
    expect(await refusal(inJinyuan((tx) => saveMenu(tx, gridWorker, { sittingId, day: '2026-12-21', dishIds: [] })))).toBe('forbidden');
    expect(await refusal(inJinyuan((tx) => saveMealSitting(tx, staff, { meal: 'lunch', name: '午餐', capacity: 1, price: '1', cutoffDaysBefore: 1, cutoffTime: '16:00', serveFrom: '11:00', serveUntil: '13:00' })))).toBe('forbidden');
  });
});

describe('bookings', () => {
  it('respects the cut-off in China time: the day before at 16:00 +08:00, to the millisecond', async () => {
    const day = '2026-12-02';
    await menuFor(day);
    const a = await person();
    const b = await person();
    // 2026-12-01 16:00 in China is 08:00 UTC. A server reading 16:00 as UTC would still take b.
    const edge = cn('2026-12-01T16:00:00');
    expect(edge.toISOString()).toBe('2026-12-01T08:00:00.000Z');
    const booked = await inJinyuan((tx) => bookMeal(tx, staff, { residentId: a, sittingId, day, mode: 'dine_in', now: new Date(edge.getTime() - 1) }));
    expect(booked.status).toBe('booked');
    expect(await refusal(inJinyuan((tx) => bookMeal(tx, staff, { residentId: b, sittingId, day, mode: 'dine_in', now: edge })))).toBe('meal.booking.cutoffPassed');
    expect(await refusal(inJinyuan((tx) => cancelMealBooking(tx, staff, { bookingId: booked.id, now: edge })))).toBe('meal.booking.cutoffPassed');
    expect(await refusal(inJinyuan((tx) => bookMeal(tx, staff, { residentId: a, sittingId, day, mode: 'dine_in', now: new Date(edge.getTime() - 2) })))).toBe('meal.booking.duplicate');
    expect(await inJinyuan((tx) => cancelMealBooking(tx, staff, { bookingId: booked.id, now: new Date(edge.getTime() - 1) }))).toMatchObject({ id: booked.id, promotedId: null });
  });

  it('120 bookings against 100 places: 100 booked, 20 waiting; a cancellation promotes the first waiting; after the cut-off a meal goes to the waiting list', async () => {
    const day = '2026-12-03';
    await menuFor(day);
    const people: string[] = [];
    for (let i = 0; i < 120; i++) people.push(await person());
    const base = cn('2026-12-01T09:00:00').getTime();
    // Booked concurrently (four connections), each with its own time.
    const results = await Promise.all(people.map((residentId, i) => inJinyuan((tx) => bookMeal(tx, staff, { residentId, sittingId, day, mode: 'dine_in', now: new Date(base + i * 1000) }))));
    expect(results.filter((r) => r.status === 'booked')).toHaveLength(100);
    const waiting = results.filter((r) => r.status === 'waiting');
    expect(waiting).toHaveLength(20);
    expect(waiting.map((w) => w.position).sort((x, y) => x! - y!)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));

    const list = await inJinyuan((tx) => listMealBookings(tx, staff, { day }));
    const firstInLine = list.rows.find((r) => r.status === 'waiting' && r.position === 1)!;
    const secondInLine = list.rows.find((r) => r.status === 'waiting' && r.position === 2)!;
    const aBooked = results.find((r) => r.status === 'booked')!;
    const before = cn('2026-12-02T15:00:00');
    const cancelled = await inJinyuan((tx) => cancelMealBooking(tx, staff, { bookingId: aBooked.id, now: before }));
    expect(cancelled.promotedId).toBe(firstInLine.id);
    const count = async (status: string) =>
      (await withTenant(db.owner, tenantId, (tx) => tx.select({ n: sql<number>`count(*)::int` }).from(mealBookings).where(and(eq(mealBookings.day, day), eq(mealBookings.status, status)))))[0]!.n;
    expect(await count('booked')).toBe(100);
    expect(await count('waiting')).toBe(19);

    // After the cut-off: not cancelled, but given to the next one waiting.
    const after = cn('2026-12-02T17:00:00');
    const another = results.filter((r) => r.status === 'booked')[1]!;
    expect(await refusal(inJinyuan((tx) => cancelMealBooking(tx, staff, { bookingId: another.id, now: after })))).toBe('meal.booking.cutoffPassed');
    expect(await refusal(inJinyuan((tx) => offerBookedMeal(tx, staff, { bookingId: another.id, now: before })))).toBe('meal.booking.beforeCutoff');
    expect(await inJinyuan((tx) => offerBookedMeal(tx, staff, { bookingId: another.id, now: after }))).toMatchObject({ promotedId: secondInLine.id });
    expect(await count('booked')).toBe(100);
    expect(await count('waiting')).toBe(18);
    expect(await count('given_away')).toBe(1);

    // The kitchen sheet at the cut-off: 100 meals, every dish 100 portions, the waiting list apart.
    const sheet = await inJinyuan((tx) => getKitchenSheet(tx, staff, { day, now: after }));
    const lunch = sheet.sittings.find((s) => s.sittingId === sittingId)!;
    expect(lunch).toMatchObject({ meals: 100, dineIn: 100, delivery: 0, waiting: 18, final: true });
    expect(lunch.dishes).toHaveLength(7);
    expect(lunch.dishes.every((d) => d.portions === 100)).toBe(true);
  }, 120_000);

  it('books by the resident, by family for a parent (linked in the register), or by a grid worker for people of their grids only', async () => {
    const day = '2026-12-04';
    await menuFor(day);
    const parent = await person({ birth: '1941-05', buildingId: buildingOfGrid1 });
    const daughter = await person({ birth: '1970-02' });
    const stranger = await person();
    await inJinyuan((tx) => linkResidents(tx, admin, { residentId: parent, otherId: daughter, kind: 'family_contact', relation: '女儿' }));
    const asResident = (residentId: string): MealResidentCaller => ({ actor: null, ability: defineAbilityFor(null), resident: { tenantId, residentId } });
    const now = cn('2026-12-02T09:00:00');
    const byFamily = await inJinyuan((tx) => bookMeal(tx, asResident(daughter), { residentId: parent, sittingId, day, mode: 'delivery', diets: ['软食'], now }));
    expect(byFamily.status).toBe('booked');
    expect(await refusal(inJinyuan((tx) => bookMeal(tx, asResident(stranger), { residentId: parent, sittingId, day, mode: 'dine_in', now })))).toBe('meal.booking.notFamily');
    expect(await inJinyuan((tx) => bookMeal(tx, asResident(stranger), { residentId: stranger, sittingId, day, mode: 'dine_in', now }))).toMatchObject({ status: 'booked' });
    // The grid worker of 第一网格 books for people of 1栋, not of 4栋.
    const neighbour = await person({ buildingId: buildingOfGrid1 });
    expect(await inJinyuan((tx) => bookMeal(tx, gridWorker, { residentId: neighbour, sittingId, day, mode: 'dine_in', now }))).toMatchObject({ status: 'booked' });
    expect(await refusal(inJinyuan((tx) => bookMeal(tx, gridWorker, { residentId: daughter, sittingId, day, mode: 'dine_in', now })))).toBe('resident.notFound');
    // The grid worker's list of the day shows the people of their grids (1栋's parent and neighbour), not 4栋's.
    const theirs = (await inJinyuan((tx) => listMealBookings(tx, gridWorker, { day }))).rows.map((r) => r.residentId);
    expect(theirs).toEqual(expect.arrayContaining([parent, neighbour]));
    expect(theirs).not.toContain(stranger);
    expect((await inJinyuan((tx) => listMealBookings(tx, staff, { day }))).rows.map((r) => r.residentId)).toEqual(expect.arrayContaining([parent, neighbour, stranger]));
    const [row] = await withTenant(db.owner, tenantId, (tx) => tx.select().from(mealBookings).where(eq(mealBookings.id, byFamily.id)));
    expect(row).toMatchObject({ bookedBy: 'family', bookedByResidentId: daughter, mode: 'delivery', diets: ['软食'] });
    // The kitchen counts the meals going out per grid; the delivery sheet has the round: masked name, address, diet.
    const sheet = await inJinyuan((tx) => getKitchenSheet(tx, staff, { day, now }));
    const lunch = sheet.sittings.find((s) => s.sittingId === sittingId)!;
    expect(lunch.diets).toEqual([{ diet: '软食', count: 1 }]);
    expect(lunch.deliveries).toEqual([expect.objectContaining({ grid: '第一网格', meals: 1 })]);
    const round = await inJinyuan((tx) => getDeliverySheet(tx, staff, { day, cipher, now }));
    expect(round.grids).toHaveLength(1);
    expect(round.grids[0]!.grid).toBe('第一网格');
    expect(round.grids[0]!.stops[0]!.nameHint).toMatch(/^测\*+$/);
    expect(round.grids[0]!.stops[0]).toMatchObject({ building: '1栋', unit: '1', diets: ['软食'] });
    // The deliverer confirms on the day: served, the subsidy counts.
    expect(await refusal(inJinyuan((tx) => confirmMealDelivery(tx, staff, { bookingId: byFamily.id, now })))).toBe('meal.booking.notToday');
    expect(await inJinyuan((tx) => confirmMealDelivery(tx, staff, { bookingId: byFamily.id, now: cn('2026-12-04T11:30:00') }))).toMatchObject({ bookingId: byFamily.id });
  });

  it('another community sees none of it', async () => {
    const other = (await db.owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.adminCode, '520115001002')))[0]!.id;
    const staffThere = await caller('13800000005', other);
    const day = '2026-12-03';
    expect((await withTenant(db.app, other, (tx) => listMealBookings(tx, staffThere, { day }))).rows).toEqual([]);
    const [any] = await withTenant(db.owner, tenantId, (tx) => tx.select({ id: mealBookings.id }).from(mealBookings).limit(1));
    expect(await refusal(withTenant(db.app, other, (tx) => cancelMealBooking(tx, staffThere, { bookingId: any!.id, now: cn('2026-12-01T09:00:00') })))).toBe('meal.booking.notFound');
    const here = await person();
    expect(await refusal(withTenant(db.app, other, (tx) => bookMeal(tx, staffThere, { residentId: here, sittingId, day, mode: 'dine_in' })))).toBe('resident.notFound');
  });
});

describe('prices and subsidies', () => {
  it('prices meals before and after a mid-month rule change; the priority decides between rules; the monthly cap holds; only served meals count', async () => {
    await inJinyuan((tx) => addSubsidyRule(tx, admin, { name: '高龄', minAge: 80, perMeal: '5', monthlyCap: '', priority: 1, effectiveFrom: '2026-11-01', now: RULES_SET }));
    await inJinyuan((tx) => addSubsidyRule(tx, admin, { name: '低保', tagId: tags.get('低保')!, minAge: '', perMeal: '8', monthlyCap: '', priority: 10, effectiveFrom: '2026-11-01', now: RULES_SET }));
    await inJinyuan((tx) => addSubsidyRule(tx, admin, { name: '特困', tagId: tags.get('特困')!, minAge: '', perMeal: '10', monthlyCap: '15', priority: 20, effectiveFrom: '2026-11-01', now: RULES_SET }));
    // Mid-month: 高龄 goes from 5 to 6 yuan per meal on 16 November.
    expect(await inJinyuan((tx) => addSubsidyRule(tx, admin, { name: '高龄', minAge: 80, perMeal: '6', monthlyCap: '', priority: 1, effectiveFrom: '2026-11-16', now: RULES_SET }))).toMatchObject({ ended: 1 });
    expect(await refusal(inJinyuan((tx) => addSubsidyRule(tx, admin, { name: '无对象', minAge: '', perMeal: '6', effectiveFrom: '2026-11-16', now: RULES_SET })))).toBe('meal.rule.who');

    const old = await person({ birth: '1945-03' }); // 81
    const poorAndOld = await person({ birth: '1944-01', tags: ['低保'] }); // 82, 低保 wins
    const young = await person({ birth: '1956-06' }); // 70: full price
    const destitute = await person({ birth: '1950-01', tags: ['特困'] }); // 10 yuan, capped at 15 a month
    const days = ['2026-11-10', '2026-11-20'];
    const served: Record<string, number[]> = {};
    for (const day of days) {
      await menuFor(day);
      const bookAt = new Date(cn(`${day}T00:00:00`).getTime() - 2 * 86_400_000);
      for (const who of [old, poorAndOld, young, destitute]) {
        const q = await inJinyuan((tx) => quoteMeal(tx, staff, { residentId: who, sittingId, day, now: bookAt }));
        const b = await inJinyuan((tx) => bookMeal(tx, staff, { residentId: who, sittingId, day, mode: 'dine_in', now: bookAt }));
        expect(b.payCents).toBe(q.payCents);
      }
      for (const who of [old, poorAndOld, young, destitute]) {
        const s = await inJinyuan((tx) => serveMealByCode(tx, staff, { code: mealCardCode(cipher, tenantId, who), sittingId, cipher, now: cn(`${day}T11:30:00`) }));
        (served[who] ??= []).push(s.subsidyCents);
      }
    }
    expect(served[old]).toEqual([500, 600]);
    expect(served[poorAndOld]).toEqual([800, 800]);
    expect(served[young]).toEqual([0, 0]);
    expect(served[destitute]).toEqual([1000, 500]);
    // Scanning twice does not serve twice; a made-up code serves nobody.
    expect(await refusal(inJinyuan((tx) => serveMealByCode(tx, staff, { code: mealCardCode(cipher, tenantId, old), sittingId, cipher, now: cn('2026-11-20T11:40:00') })))).toBe('meal.booking.alreadyServed');
    expect(await refusal(inJinyuan((tx) => serveMealByCode(tx, staff, { code: `MC1.${old}.0000000000000000`, sittingId, cipher, now: cn('2026-11-20T11:40:00') })))).toBe('meal.card.invalid');
  });

  it('a delivery confirmed by the deliverer records the subsidy as a counter scan does: 失能 (priority 15) over 高龄, capped by the month', async () => {
    // 失能/半失能 (the register's tag, as the demo rule table): 9 yuan, priority 15, a cap of 12 yuan a month.
    await inJinyuan((tx) => addSubsidyRule(tx, admin, { name: '失能', tagId: tags.get('失能/半失能')!, minAge: '', perMeal: '9', monthlyCap: '12', priority: 15, effectiveFrom: '2026-11-01', now: RULES_SET }));
    const disabled = await person({ birth: '1938-02', tags: ['失能/半失能'], buildingId: buildingOfGrid1 }); // 88: 高龄 too
    const days = ['2027-01-12', '2027-01-13'];
    const quoted: number[] = [];
    const served: { bookingId: string; subsidyCents: number }[] = [];
    for (const day of days) {
      await menuFor(day);
      const b = await inJinyuan((tx) => bookMeal(tx, staff, { residentId: disabled, sittingId, day, mode: 'delivery', now: cn('2027-01-10T09:00:00') }));
      quoted.push(b.subsidyCents);
      served.push(await inJinyuan((tx) => confirmMealDelivery(tx, staff, { bookingId: b.id, now: cn(`${day}T11:40:00`) })));
    }
    // Quoted before booking (booked meals count toward the cap), fixed when delivered: 9, then the 3 left of 12.
    expect(quoted).toEqual([900, 300]);
    expect(served.map((x) => x.subsidyCents)).toEqual([900, 300]);
    const rows = await withTenant(db.owner, tenantId, (tx) => tx.select().from(mealBookings).where(eq(mealBookings.residentId, disabled)).orderBy(mealBookings.day));
    expect(rows.map((r) => ({ status: r.status, servedVia: r.servedVia, subsidyCents: r.subsidyCents, category: r.category, served: r.servedAt !== null }))).toEqual([
      { status: 'served', servedVia: 'delivery', subsidyCents: 900, category: '失能', served: true },
      { status: 'served', servedVia: 'delivery', subsidyCents: 300, category: '失能', served: true },
    ]);
    expect(rows.every((r) => r.ruleId !== null)).toBe(true);
  });

  it('the monthly claim (Excel, for 民政) equals the sum of the served-meal records', async () => {
    // A booked meal never served adds nothing.
    const day = '2026-11-25';
    await menuFor(day);
    const notServed = await person({ birth: '1940-01', tags: ['低保'] });
    await inJinyuan((tx) => bookMeal(tx, staff, { residentId: notServed, sittingId, day, mode: 'dine_in', now: cn('2026-11-23T09:00:00') }));

    const settlement = await inJinyuan((tx) => getMealSettlement(tx, staff, { month: '2026-11' }));
    const [raw] = await withTenant(db.owner, tenantId, (tx) =>
      tx
        .select({ n: sql<number>`count(*)::int`, cents: sql<number>`coalesce(sum(subsidy_cents), 0)::int` })
        .from(mealBookings)
        .where(and(eq(mealBookings.status, 'served'), sql`${mealBookings.day} >= '2026-11-01' and ${mealBookings.day} < '2026-12-01'`)),
    );
    expect(raw!.n).toBe(8);
    expect(settlement).toMatchObject({ meals: raw!.n, subsidyCents: raw!.cents });
    expect(settlement.subsidyCents).toBe(500 + 600 + 800 + 800 + 1000 + 500);
    expect(settlement.byCategory.reduce((a, c) => a + c.subsidyCents, 0)).toBe(raw!.cents);

    const claim = await inJinyuan((tx) => exportMealClaim(tx, staff, { month: '2026-11', cipher }));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(claim.bytes.buffer as ArrayBuffer);
    const detail = wb.getWorksheet('明细')!;
    let rows = 0;
    let cents = 0;
    const detailCategories = new Set<string>();
    detail.eachRow((row, n) => {
      if (n === 1) return;
      rows += 1;
      cents += Math.round(Number(row.getCell(7).value) * 100);
      detailCategories.add(String(row.getCell(5).value ?? ''));
    });
    expect(rows).toBe(raw!.n);
    expect(cents).toBe(raw!.cents);
    const summary = wb.getWorksheet('汇总')!;
    let total: ExcelJS.Row | undefined;
    summary.eachRow((row) => {
      if (row.getCell(1).value === '合计') total = row;
    });
    expect(Math.round(Number(total!.getCell(4).value) * 100)).toBe(raw!.cents);
    expect(Number(total!.getCell(3).value)).toBe(raw!.n);
    // The sheets name the same categories: a meal without a subsidy is 无补贴 on 明细 and 按人 as on 汇总 (明细 left
    // it empty).
    const summaryCategories = new Set<string>();
    summary.eachRow((row, n) => {
      if (n > 2 && row.getCell(1).value !== '合计') summaryCategories.add(String(row.getCell(1).value));
    });
    expect(summaryCategories).toContain('无补贴');
    expect([...detailCategories].sort()).toEqual([...summaryCategories].sort());
    const perPersonCategories = new Set<string>();
    wb.getWorksheet('按人')!.eachRow((row, n) => {
      if (n > 1) perPersonCategories.add(String(row.getCell(3).value ?? ''));
    });
    expect(perPersonCategories).not.toContain('');
    for (const c of perPersonCategories) expect(summaryCategories).toContain(c);
    // Names are opened for the claim: written to the audit log.
    const [audit] = await withTenant(db.owner, tenantId, (tx) => tx.execute<{ n: number }>(sql`select count(*)::int as n from audit_events where action = 'export_meal_claim'`));
    expect(audit!.n).toBe(1);
  });
});

describe('a missed meal of an elder living alone', () => {
  it('notifies their grid worker exactly once, however often the timer fires; a collected meal or an elder not living alone raises nothing', async () => {
    const day = '2026-12-05';
    await menuFor(day);
    const alone = await person({ birth: '1940-08', tags: ['独居'], buildingId: buildingOfGrid1 });
    const aloneButServed = await person({ birth: '1941-08', tags: ['独居'], buildingId: buildingOfGrid1 });
    const notAlone = await person({ birth: '1942-08', buildingId: buildingOfGrid1 });
    const now = cn('2026-12-03T09:00:00');
    const ids: Record<string, string> = {};
    for (const who of [alone, aloneButServed, notAlone]) ids[who] = (await inJinyuan((tx) => bookMeal(tx, staff, { residentId: who, sittingId, day, mode: 'dine_in', now }))).id;
    const timers = await withTenant(db.owner, tenantId, (tx) => tx.select().from(deadlines).where(and(eq(deadlines.subjectType, 'meal_booking'), sql`${deadlines.subjectId} in (${ids[alone]}, ${ids[aloneButServed]}, ${ids[notAlone]})`)));
    expect(timers.map((t) => t.subjectId).sort()).toEqual([ids[alone], ids[aloneButServed]].sort());
    // Due when serving ends: 13:00 China time on the day.
    expect(timers[0]!.dueAt.toISOString()).toBe('2026-12-05T05:00:00.000Z');
    await inJinyuan((tx) => serveMealByCode(tx, staff, { code: mealCardCode(cipher, tenantId, aloneButServed), sittingId, cipher, now: cn(`${day}T12:00:00`) }));
    // The care roster (issue 20): elders living alone of 84 and 85 are high-risk recipients.
    await withTenant(db.app, tenantId, (tx) => syncCareRoster(tx, anonymousCaller(), { tenantId, now: cn(`${day}T08:00:00`) }));

    const afterServing = cn(`${day}T13:00:01`);
    const wakes = await Promise.all(timers.flatMap((t) => Array.from({ length: 4 }, () => wakeDeadline(db.app, t.id, null, afterServing, tenantId))));
    expect(wakes.filter((w) => w === 'breached')).toHaveLength(1);
    expect(await wakeDeadline(db.app, timers[0]!.id, null, cn(`${day}T18:00:00`), tenantId)).toBe('stale');

    const gridWorkerId = (await db.owner.select({ id: users.id }).from(users).where(eq(users.mobile, '13800000006')))[0]!.id;
    const notices = await db.owner.select().from(notifications).where(and(eq(notifications.kind, MEAL_MISSED_ALONE), eq(notifications.subjectType, 'meal_booking')));
    expect(notices.map((n) => ({ userId: n.userId, subjectId: n.subjectId }))).toEqual([{ userId: gridWorkerId, subjectId: ids[alone] }]);
    expect(notices[0]!.data).toMatchObject({ community: '金元社区', meal: '午餐', day });
    const [missed] = await withTenant(db.owner, tenantId, (tx) => tx.select({ status: mealBookings.status }).from(mealBookings).where(eq(mealBookings.id, ids[alone]!)));
    expect(missed!.status).toBe('missed');
    // …and a same-day visit task on the care roster (decision 039), once, due by the end of the day in China.
    const tasks = await withTenant(db.owner, tenantId, (tx) => tx.select().from(careWindows).where(eq(careWindows.reason, 'missed_meal')));
    expect(tasks.map((t) => ({ residentId: t.residentId, sourceKey: t.sourceKey, closesAt: t.closesAt.toISOString() }))).toEqual([
      { residentId: alone, sourceKey: `meal:${ids[alone]}`, closesAt: '2026-12-05T16:00:00.000Z' },
    ]);
  });
});

describe('the demo station', () => {
  it('seeds menus, a month of served meals for about a hundred elders priced by the rules, and tomorrow’s bookings, once', async () => {
    const { seedDemoResidents, seedDemoMeals } = await import('../src/seed/index.ts');
    const { createTestDatabase, createTestOwnerDb } = await import('@shequ/db/testing');
    const { seedDemo } = await import('../src/seed/index.ts');
    const tdb = await createTestDatabase();
    const owner = createTestOwnerDb(tdb.ownerUrl, 2);
    try {
      await seedDemo(owner);
      await seedDemoResidents(owner, { cipher, people: 400, now: cn('2026-11-29T10:00:00') });
      const first = await seedDemoMeals(owner, { now: cn('2026-11-29T10:00:00') });
      expect(first.elders).toBeGreaterThanOrEqual(90);
      expect(first.served).toBeGreaterThan(1000);
      expect(first.booked).toBeGreaterThan(30);
      expect(await seedDemoMeals(owner, { now: cn('2026-11-29T10:00:00') })).toMatchObject({ served: 0, booked: 0 });
      const jinyuan = (await owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, 'jinyuan')))[0]!.id;
      const [tomorrow] = await withTenant(owner, jinyuan, (tx) => tx.select({ n: sql<number>`count(*)::int` }).from(mealBookings).where(and(eq(mealBookings.day, '2026-11-30'), eq(mealBookings.status, 'booked'))));
      expect(tomorrow!.n).toBe(first.booked);
      // Subsidies follow the rule table: the 高龄 raise two weeks ago shows in November's served meals.
      const amounts = await withTenant(owner, jinyuan, (tx) => tx.execute<{ category: string; cents: number }>(sql`select distinct category, subsidy_cents as cents from meal_bookings where status = 'served' and category = '高龄' and day >= '2026-11-01' and day < '2026-12-01'`));
      expect(amounts.map((a) => a.cents).sort()).toEqual([500, 600]);
      // This week's menus (Monday 23 to Sunday 29 November) and next week's, to Sunday 6 December: one published lunch
      // menu a day, each meeting the sitting's rule (at least three 荤 and three 素 dishes: domain menuShortfalls).
      const menus = await withTenant(owner, jinyuan, (tx) =>
        tx.execute<{ day: string; status: string; meal: string; rule: Record<string, number>; tags: string[][] }>(sql`select m.day::text as day, m.status, s.meal, s.menu_rule as rule,
            coalesce(json_agg(d.tags) filter (where d.id is not null), '[]') as tags
          from meal_menus m join meal_sittings s on s.id = m.sitting_id left join meal_menu_dishes md on md.menu_id = m.id left join meal_dishes d on d.id = md.dish_id
          where m.day between '2026-11-23' and '2026-12-06' group by m.id, m.day, m.status, s.meal, s.menu_rule order by m.day`),
      );
      const week = Array.from({ length: 14 }, (_, i) => addDays('2026-11-23', i));
      expect(menus.filter((m) => m.meal === 'lunch').map((m) => [m.day, m.status])).toEqual(week.map((d) => [d, 'published']));
      for (const m of menus) expect({ day: m.day, lacks: menuShortfalls(m.rule, m.tags.map((tags) => ({ tags }))) }).toEqual({ day: m.day, lacks: [] });
      expect(menus.find((m) => m.meal === 'lunch')!.rule).toEqual({ 荤: 3, 素: 3 });
    } finally {
      await owner.close();
      await tdb.drop();
    }
  }, 120_000);
});

describe('on the resident’s own page (我的)', () => {
  it('a resident books for themselves or a parent, sees the price after subsidy first and cancels before the cut-off; an unconfirmed sign-up books nothing', async () => {
    const day = '2026-12-09';
    await menuFor(day);
    const parent = await person({ birth: '1941-05', buildingId: buildingOfGrid1 }); // 85: 高龄, 6 yuan since 16 November
    const son = await person({ birth: '1968-02' });
    const stranger = await person();
    await inJinyuan((tx) => linkResidents(tx, admin, { residentId: parent, otherId: son, kind: 'family_contact', relation: '儿子' }));
    const self = (residentId: string | null): ResidentCaller => residentCaller({ tenantId, sessionId: 'test', mobileIndex: 'test', mobileHint: '138****0000', residentId, signUpId: null });
    const now = cn('2026-12-08T09:00:00');

    const mine = await inJinyuan((tx) => getMyMeals(tx, self(son), { cipher, now }));
    expect(mine.people.map((p) => p.id)).toEqual([son, parent]);
    expect(mine.person).toMatchObject({ id: son, self: true });
    const forParent = await inJinyuan((tx) => getMyMeals(tx, self(son), { forResidentId: parent, cipher, now }));
    expect(forParent.person).toMatchObject({ id: parent, self: false });
    expect(forParent.offers.find((o) => o.day === day && o.sittingId === sittingId)).toMatchObject({ priceCents: 1500, subsidyCents: 600, payCents: 900, category: '高龄', booking: null });
    expect(forParent.card).toBe(mealCardCode(cipher, tenantId, parent));
    // Someone else's id in ?for= shows the resident's own page, never theirs.
    expect((await inJinyuan((tx) => getMyMeals(tx, self(son), { forResidentId: stranger, cipher, now }))).person.id).toBe(son);

    const booked = await inJinyuan((tx) => bookMeal(tx, mealResidentOf(self(son)), { residentId: parent, sittingId, day, mode: 'dine_in', now }));
    expect(booked).toMatchObject({ status: 'booked', payCents: 900 });
    const after = await inJinyuan((tx) => getMyMeals(tx, self(son), { forResidentId: parent, cipher, now }));
    expect(after.offers.find((o) => o.day === day)!.booking).toMatchObject({ id: booked.id, status: 'booked' });
    expect(after.bookings.find((b) => b.id === booked.id)).toMatchObject({ cancellable: true, payCents: 900 });
    // The 我的 section shows it to the son and to the parent, not to a stranger.
    expect((await inJinyuan((tx) => listMyMeals(tx, self(son).resident, {}, now))).bookings.map((b) => b.id)).toContain(booked.id);
    expect((await inJinyuan((tx) => listMyMeals(tx, self(parent).resident, {}, now))).bookings.map((b) => b.id)).toContain(booked.id);
    // Each reader is told whose it is: the son's line is for his parent (为 …), the parent's is their own (`self`).
    expect((await inJinyuan((tx) => listMyMeals(tx, self(son).resident, {}, now))).bookings.find((b) => b.id === booked.id)).toMatchObject({ self: false });
    expect((await inJinyuan((tx) => listMyMeals(tx, self(parent).resident, {}, now))).bookings.find((b) => b.id === booked.id)).toMatchObject({ self: true });
    expect((await inJinyuan((tx) => listMyMeals(tx, self(stranger).resident, {}, now))).bookings.map((b) => b.id)).not.toContain(booked.id);

    expect(await refusal(inJinyuan((tx) => cancelMealBooking(tx, mealResidentOf(self(stranger)), { bookingId: booked.id, now })))).toBe('meal.booking.notFound');
    expect(await refusal(inJinyuan((tx) => cancelMealBooking(tx, mealResidentOf(self(son)), { bookingId: booked.id, now: cn('2026-12-08T16:00:00') })))).toBe('meal.booking.cutoffPassed');
    expect(await inJinyuan((tx) => cancelMealBooking(tx, mealResidentOf(self(son)), { bookingId: booked.id, now }))).toMatchObject({ id: booked.id });
    // From the cut-off the day is no longer offered.
    expect((await inJinyuan((tx) => getMyMeals(tx, self(son), { cipher, now: cn('2026-12-08T16:00:00') }))).offers.some((o) => o.day === day)).toBe(false);
    // Signed in but not yet confirmed by staff: no register person to book for.
    expect(await refusal(inJinyuan((tx) => getMyMeals(tx, self(null), { cipher, now })))).toBe('meal.notResident');
    expect(await inJinyuan((tx) => listMyMeals(tx, self(null).resident, {}, now))).toEqual({ ready: false, bookings: [] });
  });

  it('a resident asks for a diet as staff can (软食, 低盐 …), and the kitchen sheet counts it', async () => {
    const day = '2026-12-16';
    await menuFor(day);
    const [me, other] = [await person({ birth: '1944-04' }), await person({ birth: '1946-08' })];
    const self = (residentId: string): ResidentCaller => residentCaller({ tenantId, sessionId: 'test', mobileIndex: 'test', mobileHint: '138****0000', residentId, signUpId: null });
    const now = cn('2026-12-14T09:00:00');
    // The page offers the diets staff are offered (the station's list, not the course tags 荤/素/汤).
    const page = await inJinyuan((tx) => getMyMeals(tx, self(me), { cipher, now }));
    const station = await inJinyuan((tx) => getMealStation(tx, staff));
    expect(page.diets).toEqual(station.diets);
    expect(page.diets).toEqual(expect.arrayContaining(['软食', '低盐', '低糖', '清真']));
    expect(page.diets).not.toContain('荤');
    const before = await inJinyuan((tx) => getKitchenSheet(tx, staff, { day }));
    const soft = (sheet: typeof before) => sheet.sittings.find((x) => x.sittingId === sittingId)?.diets.find((d) => d.diet === '软食')?.count ?? 0;
    await inJinyuan((tx) => bookMeal(tx, mealResidentOf(self(me)), { residentId: me, sittingId, day, mode: 'dine_in', diets: ['软食'], now }));
    await inJinyuan((tx) => bookMeal(tx, mealResidentOf(self(other)), { residentId: other, sittingId, day, mode: 'dine_in', diets: '', now }));
    expect(await refusal(inJinyuan((tx) => bookMeal(tx, mealResidentOf(self(other)), { residentId: other, sittingId, day, mode: 'dine_in', diets: ['低盐', '全素斋'], now })))).toBe('meal.booking.diet.invalid');
    const after = await inJinyuan((tx) => getKitchenSheet(tx, staff, { day }));
    expect(soft(after)).toBe(soft(before) + 1);
    expect((await inJinyuan((tx) => getMyMeals(tx, self(me), { cipher, now }))).bookings.find((b) => b.day === day)).toMatchObject({ diets: ['软食'] });
  });
});

describe('the steps a booking offers', () => {
  // A tester saw 转让 and 确认送达 on tomorrow's bookings, and each was refused. listMealBookings' `actions` are the
  // steps the use cases take at that instant: every one offered succeeds, every one withheld is refused.
  it('offers only what the server does: cancel before the cut-off, give away after it to someone waiting, confirm a delivery on its day', async () => {
    const day = '2026-12-23';
    const dinner = await inJinyuan((tx) => saveMealSitting(tx, admin, { meal: 'dinner', name: '晚餐', capacity: 1, price: '12', cutoffDaysBefore: 1, cutoffTime: '16:00', serveFrom: '17:00', serveUntil: '19:00' }));
    const menu = await inJinyuan((tx) => saveMenu(tx, staff, { sittingId: dinner.id, day, dishIds: Object.values(dishIds) }));
    await inJinyuan((tx) => publishMenu(tx, staff, { menuId: menu.id }));
    const [first, second] = [await person(), await person()];
    const bookAt = cn('2026-12-21T09:00:00');
    const held = await inJinyuan((tx) => bookMeal(tx, staff, { residentId: first, sittingId: dinner.id, day, mode: 'delivery', now: bookAt }));
    const waiting = await inJinyuan((tx) => bookMeal(tx, staff, { residentId: second, sittingId: dinner.id, day, mode: 'dine_in', now: bookAt }));
    expect([held.status, waiting.status]).toEqual(['booked', 'waiting']);

    const ROLLBACK = new Error('rollback');
    /** Whether a step succeeds at `now` (run and rolled back, so each step is tried on the same state). */
    const succeeds = async (step: (tx: Tx) => Promise<unknown>) => {
      try {
        await inJinyuan(async (tx) => {
          await step(tx);
          throw ROLLBACK;
        });
      } catch (error) {
        if (error === ROLLBACK) return true;
        if ((error as { name?: string }).name === 'UseCaseError') return false;
        throw error;
      }
      return true;
    };
    const expected = {
      'the day before, 09:00 (before the cut-off)': [cn('2026-12-22T09:00:00'), { cancel: true, offer: false, deliver: false }, { cancel: true, offer: false, deliver: false }],
      'the day before, 17:00 (after the cut-off)': [cn('2026-12-22T17:00:00'), { cancel: false, offer: true, deliver: false }, { cancel: false, offer: false, deliver: false }],
      'the day, 17:30': [cn('2026-12-23T17:30:00'), { cancel: false, offer: true, deliver: true }, { cancel: false, offer: false, deliver: false }],
    } as const;
    for (const [when, [now, heldActions, waitingActions]] of Object.entries(expected)) {
      const rows = (await inJinyuan((tx) => listMealBookings(tx, staff, { day, now }))).rows.filter((r) => r.sittingId === dinner.id);
      expect({ when, actions: rows.find((r) => r.id === held.id)!.actions }).toEqual({ when, actions: heldActions });
      expect({ when, actions: rows.find((r) => r.id === waiting.id)!.actions }).toEqual({ when, actions: waitingActions });
      for (const row of rows) {
        const tried = {
          cancel: await succeeds((tx) => cancelMealBooking(tx, staff, { bookingId: row.id, now })),
          offer: await succeeds((tx) => offerBookedMeal(tx, staff, { bookingId: row.id, now })),
          deliver: await succeeds((tx) => confirmMealDelivery(tx, staff, { bookingId: row.id, now })),
        };
        expect({ when, row: row.status, tried }).toEqual({ when, row: row.status, tried: row.actions });
      }
    }
    // A grid worker (who books on behalf, and changes nothing) is offered no step.
    expect((await inJinyuan((tx) => listMealBookings(tx, gridWorker, { day, now: cn('2026-12-22T09:00:00') }))).rows.every((r) => !r.actions.cancel && !r.actions.offer && !r.actions.deliver)).toBe(true);
    // Full, said before booking (issue 19's trial learnt it only after 预订): a third person's 我的 shows no place left
    // and one person waiting, so the page offers the waiting list as the next place, not a place.
    const third = await person();
    const me = residentCaller({ tenantId, sessionId: 'test', mobileIndex: 'test', mobileHint: '138****0000', residentId: third, signUpId: null });
    const offer = (await inJinyuan((tx) => getMyMeals(tx, me, { cipher, now: bookAt }))).offers.find((o) => o.day === day && o.sittingId === dinner.id);
    expect(offer).toMatchObject({ placesLeft: 0, waiting: 1, booking: null });
  });
});

describe('issue 19, an outside trial: the order of refusals, past days, whom a settlement is for', () => {
  it('booking a day whose cut-off has passed says so, menu or not (it said 菜单尚未发布); before it, the missing menu is said', async () => {
    const who = await person({ birth: '1940-02' });
    const day = '2026-12-28'; // no menu was ever set for it
    expect(await refusal(inJinyuan((tx) => bookMeal(tx, staff, { residentId: who, sittingId, day, mode: 'dine_in', now: cn('2026-12-29T09:00:00') })))).toBe('meal.booking.cutoffPassed');
    expect(await refusal(inJinyuan((tx) => bookMeal(tx, staff, { residentId: who, sittingId, day, mode: 'dine_in', now: cn('2026-12-20T09:00:00') })))).toBe('meal.menu.notPublished');
  });

  it('a resident or family books only the days 我的 offers (the tester stored 2026-12-09 by a hand-made post), naming the last one; staff may book later; such a booking stays cancellable', async () => {
    // Menus on 5, 7, 9 and 10 April (none on 6 or 8): on the 4th, 我的 offers the first three days with an open menu.
    for (const day of ['2027-04-05', '2027-04-07', '2027-04-09', '2027-04-10']) await menuFor(day);
    const parent = await person({ birth: '1942-03' });
    const daughter = await person({ birth: '1970-06' });
    await inJinyuan((tx) => linkResidents(tx, admin, { residentId: parent, otherId: daughter, kind: 'family_contact', relation: '女儿' }));
    const self = (residentId: string): ResidentCaller => residentCaller({ tenantId, sessionId: 'test', mobileIndex: 'test', mobileHint: '138****0000', residentId, signUpId: null });
    const now = cn('2027-04-04T09:00:00');
    const page = await inJinyuan((tx) => getMyMeals(tx, self(daughter), { forResidentId: parent, cipher, now }));
    expect([...new Set(page.offers.map((o) => o.day))]).toEqual(['2027-04-05', '2027-04-07', '2027-04-09']);
    const book = (who: Parameters<typeof bookMeal>[1], day: string) => inJinyuan((tx) => bookMeal(tx, who, { residentId: parent, sittingId, day, mode: 'dine_in', now }));
    // Beyond the last day offered: refused by family and by the person, the last day named.
    expect(await book(mealResidentOf(self(daughter)), '2027-04-10').catch((e) => e)).toMatchObject({ code: 'meal.booking.beyondOffered', params: { last: '2027-04-09' } });
    expect(await book(mealResidentOf(self(parent)), '2027-04-10').catch((e) => e)).toMatchObject({ code: 'meal.booking.beyondOffered', params: { last: '2027-04-09' } });
    // Within the days offered, a day without a menu is told so, and an offered day books.
    expect(await refusal(book(mealResidentOf(self(daughter)), '2027-04-06'))).toBe('meal.menu.notPublished');
    expect(await book(mealResidentOf(self(daughter)), '2027-04-09')).toMatchObject({ status: 'booked' });
    // Staff book for someone without a phone on any day with a published menu; 我的 lists it, cancellable.
    const byStaff = await book(staff, '2027-04-10');
    const after = await inJinyuan((tx) => getMyMeals(tx, self(daughter), { forResidentId: parent, cipher, now }));
    expect(after.offers.some((o) => o.day === '2027-04-10')).toBe(false);
    expect(after.bookings.find((b) => b.id === byStaff.id)).toMatchObject({ day: '2027-04-10', cancellable: true });
    expect(await inJinyuan((tx) => cancelMealBooking(tx, mealResidentOf(self(daughter)), { bookingId: byStaff.id, now }))).toMatchObject({ id: byStaff.id });
    // No open menu at all in the coming week: nothing to book, said as such.
    expect(await refusal(inJinyuan((tx) => bookMeal(tx, mealResidentOf(self(parent)), { residentId: parent, sittingId, day: '2027-05-20', mode: 'dine_in', now: cn('2027-05-01T09:00:00') })))).toBe('meal.booking.noneOffered');
  });

  it('a menu of a day already past is neither set nor published; today’s may be', async () => {
    const dishes = Object.values(dishIds);
    expect(await inJinyuan((tx) => saveMenu(tx, staff, { sittingId, day: '2026-12-27', dishIds: dishes, now: cn('2026-12-28T08:00:00') })).catch((e) => e)).toMatchObject({ code: 'meal.menu.day.past', params: { day: '2026-12-27' } });
    const today = await inJinyuan((tx) => saveMenu(tx, staff, { sittingId, day: '2026-12-28', dishIds: dishes, now: cn('2026-12-28T08:00:00') }));
    expect(await refusal(inJinyuan((tx) => publishMenu(tx, staff, { menuId: today.id, now: cn('2026-12-29T08:00:00') })))).toBe('meal.menu.day.past');
    expect(await inJinyuan((tx) => publishMenu(tx, staff, { menuId: today.id, now: cn('2026-12-28T08:30:00') }))).toMatchObject({ status: 'published' });
  });

  it('the settlement shows full names to whoever may see personal data, when asked, and writes that to the audit log', async () => {
    const count = async () => (await withTenant(db.owner, tenantId, (tx) => tx.execute<{ n: number }>(sql`select count(*)::int as n from audit_events where action = 'reveal_settlement_names'`)))[0]!.n;
    const masked = await inJinyuan((tx) => getMealSettlement(tx, staff, { month: '2026-11' }));
    expect(masked.byPerson.length).toBeGreaterThan(0);
    expect(masked.byPerson.every((p) => p.name === null && !/^测试老人\d+$/.test(p.nameHint))).toBe(true);
    expect(await count()).toBe(0);
    const named = await inJinyuan((tx) => getMealSettlement(tx, staff, { month: '2026-11', names: true, cipher }));
    expect(named.byPerson.every((p) => /^测试老人\d+$/.test(p.name ?? ''))).toBe(true);
    expect(named.byPerson.map((p) => p.residentId)).toEqual(masked.byPerson.map((p) => p.residentId));
    expect(await count()).toBe(1);
  });
});
