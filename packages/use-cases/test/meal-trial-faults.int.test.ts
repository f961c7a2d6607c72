import { beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { buildings, mealBookings, orgUnits, residentTags, withTenant } from '@shequ/db';
import { idCardCheckChar } from '@shequ/domain';
import { abilityFromRules, defineAbilityFor, subject } from '@shequ/permissions';
import {
  addServiceSubsidyRule,
  addSubsidyRule,
  bookMeal,
  confirmMealDelivery,
  exportMealClaim,
  getDeliverySheet,
  getKitchenSheet,
  getMealStation,
  getMyMeals,
  linkResidents,
  mealCardCode,
  publishMenu,
  registerResident,
  residentCaller,
  saveDish,
  saveMealSitting,
  saveMenu,
  serveMealByCode,
  type StaffCaller,
} from '../src/index.ts';
import { createPersonalDataCipher } from '../src/security/index.ts';
import { refusal, seededDatabase } from './support.ts';

// Issue 19, the faults an outside trial found in meal help, each as the kind it stands for: the delivery sheet
// (masked phones, no diet, not in route order, refused to the grid workers who deliver, 送达 only by the office);
// the claim for 民政 without full ID numbers; two prices for one meal after a rule change; a backdated rule; a draft
// menu on the kitchen sheet.
const db = seededDatabase();
const cipher = createPersonalDataCipher('5d'.repeat(32));
const cn = (local: string) => new Date(`${local}+08:00`);

let tenantId: string;
let admin: StaffCaller;
let staff: StaffCaller;
let grid: StaffCaller;
let sittingId: string;
let dishIds: string[];
let building1: string;
let building4: string;
let elderTag: string;
const inJinyuan = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(db.app, tenantId, fn);
async function caller(mobile: string): Promise<StaffCaller> {
  const actor = await db.actorFor(mobile, tenantId);
  return { actor, ability: defineAbilityFor(actor) };
}
let seq = 0;
async function person(over: { buildingId?: string; unit?: string; room?: string; mobile?: string; idNumber?: string; tagIds?: string[] } = {}) {
  seq += 1;
  const { id } = await inJinyuan((tx) =>
    registerResident(tx, admin, {
      name: `试用老人${seq}`,
      birth: '1950-01',
      buildingId: over.buildingId ?? building1,
      unit: over.unit ?? '1',
      room: over.room ?? String(100 + seq),
      mobile: over.mobile,
      idNumber: over.idNumber,
      tagIds: over.tagIds ?? [],
      consent: true,
      consentChannel: 'in_person',
      cipher,
      now: new Date('2026-11-01T00:00:00Z'),
    }),
  );
  return id;
}
/** A published lunch menu for a day (set three days before). */
async function menuFor(day: string, publish = true) {
  const now = new Date(cn(`${day}T00:00:00`).getTime() - 3 * 86_400_000);
  const menu = await inJinyuan((tx) => saveMenu(tx, staff, { sittingId, day, dishIds, now }));
  if (publish && menu.status !== 'published') await inJinyuan((tx) => publishMenu(tx, staff, { menuId: menu.id, now }));
}

beforeAll(async () => {
  tenantId = (await db.owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, 'jinyuan')))[0]!.id;
  admin = await caller('13800000004');
  staff = await caller('13800000005');
  grid = await caller('13800000006'); // 第一网格 (1栋)
  const sitting = await inJinyuan((tx) => saveMealSitting(tx, admin, { meal: 'lunch', name: '午餐', capacity: 100, price: '15', cutoffDaysBefore: 1, cutoffTime: '16:00', serveFrom: '11:00', serveUntil: '13:00', menuRule: { 荤: 1, 素: 1 } }));
  sittingId = sitting.id;
  dishIds = [];
  for (const [name, tags] of [['红烧肉', ['荤']], ['清炒时蔬', ['素', '低盐']], ['番茄炒蛋', ['素', '软食']]] as const) dishIds.push((await inJinyuan((tx) => saveDish(tx, staff, { name, tags: [...tags] }))).id);
  const b = await withTenant(db.owner, tenantId, (tx) => tx.select({ id: buildings.id, name: buildings.name }).from(buildings));
  building1 = b.find((x) => x.name === '1栋')!.id;
  building4 = b.find((x) => x.name === '4栋')!.id;
  elderTag = (await withTenant(db.owner, tenantId, (tx) => tx.select({ id: residentTags.id }).from(residentTags).where(eq(residentTags.name, '空巢'))))[0]!.id;
});

describe('the delivery sheet (送餐单)', () => {
  it('gives the deliverer full mobiles, the diet and the route order; a grid worker sees and confirms their own grids only', async () => {
    const day = '2027-03-10';
    await menuFor(day);
    const bookAt = cn('2027-03-08T09:00:00');
    // 1栋 (第一网格): unit 10 room 1, unit 2 room 302, unit 2 room 1101: route order is unit 2 (302, 1101), then 10.
    const far = await person({ unit: '10', room: '1', mobile: '13912340001' });
    const near = await person({ unit: '2', room: '1101', mobile: '13912340002' });
    const first = await person({ unit: '2', room: '302', mobile: '13912340003' });
    const elsewhere = await person({ buildingId: building4, mobile: '13912340004' });
    const ids: Record<string, string> = {};
    // Several diets for one person (低盐 and 低糖): both recorded, both on the sheet.
    for (const [who, diets] of [[far, ['软食']], [near, []], [first, ['低盐', '低糖']], [elsewhere, []]] as const) {
      ids[who] = (await inJinyuan((tx) => bookMeal(tx, staff, { residentId: who, sittingId, day, mode: 'delivery', diets: [...diets], now: bookAt }))).id;
    }

    const theirs = await inJinyuan((tx) => getDeliverySheet(tx, grid, { day, cipher, now: bookAt }));
    expect(theirs.grids.map((g) => g.grid)).toEqual(['第一网格']);
    const stops = theirs.grids[0]!.stops.filter((s) => [ids[far], ids[near], ids[first]].includes(s.bookingId));
    expect(stops.map((s) => [s.unit, s.room, s.mobile, s.diets])).toEqual([
      ['2', '302', '13912340003', ['低盐', '低糖']],
      ['2', '1101', '13912340002', []],
      ['10', '1', '13912340001', ['软食']],
    ]);
    // The kitchen counts each diet of each meal.
    const kitchen = (await inJinyuan((tx) => getKitchenSheet(tx, staff, { day, now: bookAt }))).sittings.find((s) => s.sittingId === sittingId)!;
    expect(Object.fromEntries(kitchen.diets.map((d) => [d.diet, d.count]))).toEqual({ 软食: 1, 低盐: 1, 低糖: 1 });
    expect(theirs.grids.flatMap((g) => g.stops).some((s) => s.bookingId === ids[elsewhere])).toBe(false);
    // Not the day yet: nothing to confirm.
    expect(stops.every((s) => !s.canConfirm)).toBe(true);
    // The office sees every grid.
    const all = await inJinyuan((tx) => getDeliverySheet(tx, staff, { day, cipher, now: bookAt }));
    expect(all.grids.flatMap((g) => g.stops).some((s) => s.bookingId === ids[elsewhere])).toBe(true);
    // Opening the mobiles is audited.
    const [audit] = await withTenant(db.owner, tenantId, (tx) => tx.execute<{ n: number }>(sql`select count(*)::int as n from audit_events where action = 'view_delivery_sheet'`));
    expect(audit!.n).toBe(2);

    // On the day the grid worker confirms 送达 of their grid's meal (served: the subsidy counts), not another grid's.
    const lunchtime = cn(`${day}T11:40:00`);
    const onTheDay = await inJinyuan((tx) => getDeliverySheet(tx, grid, { day, cipher, now: lunchtime }));
    expect(onTheDay.grids[0]!.stops.find((s) => s.bookingId === ids[first])!.canConfirm).toBe(true);
    expect(await inJinyuan((tx) => confirmMealDelivery(tx, grid, { bookingId: ids[first]!, now: lunchtime }))).toMatchObject({ bookingId: ids[first] });
    const [row] = await withTenant(db.owner, tenantId, (tx) => tx.select().from(mealBookings).where(eq(mealBookings.id, ids[first]!)));
    expect(row).toMatchObject({ status: 'served', servedVia: 'delivery', servedBy: grid.actor.userId });
    expect(await refusal(inJinyuan((tx) => confirmMealDelivery(tx, grid, { bookingId: ids[elsewhere]!, now: lunchtime })))).toBe('meal.booking.notFound');
  });

  it('the kitchen sheet lists no dishes of a draft menu, and says it is a draft', async () => {
    const day = '2027-03-17';
    await menuFor(day, false);
    const sheet = await inJinyuan((tx) => getKitchenSheet(tx, staff, { day, now: cn('2027-03-15T09:00:00') }));
    const lunch = sheet.sittings.find((s) => s.sittingId === sittingId)!;
    expect(lunch).toMatchObject({ published: false, draft: true, dishes: [] });
    await menuFor(day);
    const published = (await inJinyuan((tx) => getKitchenSheet(tx, staff, { day, now: cn('2027-03-15T09:00:00') }))).sittings.find((s) => s.sittingId === sittingId)!;
    expect(published).toMatchObject({ published: true, draft: false });
    expect(published.dishes.length).toBe(dishIds.length);
  });
});

describe('the claim for 民政', () => {
  it('carries the full ID number on 明细 and 按人; only staff who may reveal personal data export it, audited', async () => {
    const day = '2027-04-06';
    await menuFor(day);
    const base = '52011519500101012'; // born 1950-01, as person() registers
    const full = `${base}${idCardCheckChar(base)}`;
    const who = await person({ idNumber: full });
    await inJinyuan((tx) => bookMeal(tx, staff, { residentId: who, sittingId, day, mode: 'dine_in', now: cn('2027-04-04T09:00:00') }));
    await inJinyuan((tx) => serveMealByCode(tx, staff, { code: mealCardCode(cipher, tenantId, who), sittingId, cipher, now: cn(`${day}T11:30:00`) }));

    const claim = await inJinyuan((tx) => exportMealClaim(tx, staff, { month: '2027-04', cipher }));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(claim.bytes.buffer as ArrayBuffer);
    const detail = wb.getWorksheet('明细')!;
    expect(detail.getRow(1).getCell(4).value).toBe('身份证号');
    const perPerson = wb.getWorksheet('按人')!;
    expect(perPerson.getRow(1).values).toEqual([undefined, '姓名', '身份证号', '补贴类别', '餐次', '补贴（元）']);
    const detailIds: string[] = [];
    detail.eachRow((row, n) => {
      if (n > 1) detailIds.push(String(row.getCell(4).value));
    });
    expect(detailIds).toContain(full);
    const personIds: string[] = [];
    perPerson.eachRow((row, n) => {
      if (n > 1) personIds.push(String(row.getCell(2).value));
    });
    expect(personIds).toContain(full);
    expect(personIds.some((x) => x.includes('*'))).toBe(false);
    // The station's staff who may not reveal personal data may not export it (their rules without 'reveal'); a grid
    // worker (who may reveal, but is not the station's staff) neither. The export is audited.
    const noReveal: StaffCaller = { actor: staff.actor, ability: abilityFromRules(staff.ability.rules.filter((r) => r.subject !== 'PersonalData')) };
    expect(noReveal.ability.can('update', subject('MealService', { tenantId }))).toBe(true);
    expect(await refusal(inJinyuan((tx) => exportMealClaim(tx, noReveal, { month: '2027-04', cipher })))).toBe('forbidden');
    expect(await refusal(inJinyuan((tx) => exportMealClaim(tx, grid, { month: '2027-04', cipher })))).toBe('forbidden');
    const [audit] = await withTenant(db.owner, tenantId, (tx) => tx.execute<{ n: number }>(sql`select count(*)::int as n from audit_events where action = 'export_meal_claim'`));
    expect(audit!.n).toBe(1);
  });
});

describe('prices after a rule change', () => {
  it('a rule or price saved after booking prices the booked meal anew: 我的 shows one price, the one in force that day', async () => {
    const day = '2027-05-12';
    await menuFor(day);
    const bookAt = cn('2027-05-09T09:00:00');
    const me = await person({ tagIds: [elderTag] });
    const booked = await inJinyuan((tx) => bookMeal(tx, staff, { residentId: me, sittingId, day, mode: 'dine_in', now: bookAt }));
    // Then the community adds a subsidy for 空巢 from that day (priority above every seeded rule).
    const added = await inJinyuan((tx) => addSubsidyRule(tx, admin, { name: '空巢试用', tagId: elderTag, minAge: '', perMeal: '7', monthlyCap: '', priority: 99, effectiveFrom: day, now: bookAt }));
    expect(added.repriced).toBeGreaterThanOrEqual(1);
    const self = residentCaller({ tenantId, sessionId: 'test', mobileIndex: 'test', mobileHint: '138****0000', residentId: me, signUpId: null });
    const page = await inJinyuan((tx) => getMyMeals(tx, self, { cipher, now: bookAt, days: 7 }));
    const offer = page.offers.find((o) => o.day === day && o.sittingId === sittingId)!;
    const booking = page.bookings.find((b) => b.id === booked.id)!;
    expect(offer.booking?.id).toBe(booked.id);
    expect(booking.subsidyCents).toBe(700);
    expect([offer.priceCents, offer.subsidyCents, offer.payCents]).toEqual([booking.priceCents, booking.subsidyCents, booking.payCents]);
    // The sitting's price changes: the booked meal follows, still one price.
    const station = await inJinyuan((tx) => getMealStation(tx, staff));
    const s = station.sittings.find((x) => x.id === sittingId)!;
    await inJinyuan((tx) =>
      saveMealSitting(tx, admin, { meal: s.meal as 'lunch', name: s.name, capacity: s.capacity, price: String((s.priceCents + 100) / 100), cutoffDaysBefore: s.cutoffDaysBefore, cutoffTime: s.cutoffTime, serveFrom: s.serveFrom, serveUntil: s.serveUntil, menuRule: s.menuRule as Record<string, number>, now: bookAt }),
    );
    const again = await inJinyuan((tx) => getMyMeals(tx, self, { cipher, now: bookAt, days: 7 }));
    const b2 = again.bookings.find((b) => b.id === booked.id)!;
    const o2 = again.offers.find((o) => o.day === day && o.sittingId === sittingId)!;
    expect(b2.priceCents).toBe(s.priceCents + 100);
    expect([o2.priceCents, o2.payCents]).toEqual([b2.priceCents, b2.payCents]);
  });

  it('a rule never starts before today (meals or services): the refusal names today', async () => {
    const now = cn('2027-06-15T09:00:00');
    const e = await inJinyuan((tx) => addSubsidyRule(tx, admin, { name: '补录', minAge: 80, perMeal: '5', monthlyCap: '', priority: 1, effectiveFrom: '2027-06-01', now })).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'meal.rule.past', params: { field: 'effectiveFrom', today: '2027-06-15' } });
    expect(await inJinyuan((tx) => addSubsidyRule(tx, admin, { name: '补录', minAge: 80, perMeal: '5', monthlyCap: '', priority: 1, effectiveFrom: '2027-06-15', now }))).toMatchObject({ ended: 0 });
    expect(await refusal(inJinyuan((tx) => addServiceSubsidyRule(tx, admin, { name: '补录', minAge: '80', perUse: '5', monthlyCap: '', effectiveFrom: '2027-06-14', now })))).toBe('service.rule.past');
    // Nothing was written by the refused ones.
    const [n] = await withTenant(db.owner, tenantId, (tx) => tx.execute<{ n: number }>(sql`select count(*)::int as n from meal_subsidy_rules where name = '补录'`));
    expect(n!.n).toBe(1);
  });
});

describe('同住 (household)', () => {
  it('links only people at one address: another building, or another room of the building, is refused naming both', async () => {
    const here = await person({ unit: '3', room: '501' });
    const sameFlat = await person({ unit: '3', room: '501' });
    const otherRoom = await person({ unit: '3', room: '502' });
    const otherBuilding = await person({ buildingId: building4, unit: '3', room: '501' });
    expect(await inJinyuan((tx) => linkResidents(tx, admin, { residentId: here, otherId: sameFlat, kind: 'household', relation: '配偶' }))).toMatchObject({ id: expect.any(String) });
    const e = await inJinyuan((tx) => linkResidents(tx, admin, { residentId: here, otherId: otherBuilding, kind: 'household' })).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'resident.link.notTogether', params: { field: 'kind', self: '1栋 3单元 501', other: '4栋 3单元 501' } });
    expect(await refusal(inJinyuan((tx) => linkResidents(tx, admin, { residentId: here, otherId: otherRoom, kind: 'household' })))).toBe('resident.link.notTogether');
    // Family living elsewhere is a family contact.
    expect(await inJinyuan((tx) => linkResidents(tx, admin, { residentId: here, otherId: otherBuilding, kind: 'family_contact', relation: '女儿' }))).toMatchObject({ id: expect.any(String) });
  });
});
