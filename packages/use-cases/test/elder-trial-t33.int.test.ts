import { beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import { buildings, elderServiceBookings, elderServiceSlots, elderServiceSubsidyRules, orgUnits, withTenant } from '@shequ/db';
import { defineAbilityFor } from '@shequ/permissions';
import {
  addServiceSlots,
  addServiceSubsidyRule,
  addSubsidyRule,
  bookMeal,
  bookService,
  cancelMealBooking,
  cancelServiceBooking,
  createSchoolCourse,
  createSchoolTerm,
  editResident,
  enrolInCourse,
  getMealStation,
  getSchoolCourse,
  getServiceDesk,
  linkResidents,
  listMealBookings,
  mealResidentOf,
  publishMenu,
  quoteMeal,
  registerResident,
  residentCaller,
  saveDish,
  saveElderService,
  saveMealSitting,
  saveMenu,
  type StaffCaller,
  withdrawEnrolment,
} from '../src/index.ts';
import { createPersonalDataCipher } from '../src/security/index.ts';
import { refusal, seededDatabase } from './support.ts';

// Issue 19, a later outside trial of the elderly service station (meals, services, senior school): each fault as the
// kind it stands for, a test per example.
const db = seededDatabase();
const cipher = createPersonalDataCipher('7a'.repeat(32));
const cn = (local: string) => new Date(`${local}+08:00`);

let tenantId: string;
let admin: StaffCaller;
let staff: StaffCaller;
let grid: StaffCaller;
let sittingId: string;
let dishIds: string[];
let building1: string;
let building4: string;
const inJinyuan = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(db.app, tenantId, fn);
const asOwner = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(db.owner, tenantId, fn);
async function caller(mobile: string): Promise<StaffCaller> {
  const actor = await db.actorFor(mobile, tenantId);
  return { actor, ability: defineAbilityFor(actor) };
}
let seq = 0;
async function person(over: { buildingId?: string; unit?: string; room?: string; mobile?: string; name?: string; tagIds?: string[] } = {}) {
  seq += 1;
  const { id } = await inJinyuan((tx) =>
    registerResident(tx, admin, {
      name: over.name ?? `再试老人${seq}`,
      birth: '1940-01',
      buildingId: over.buildingId ?? building1,
      unit: over.unit ?? '1',
      room: over.room ?? String(200 + seq),
      mobile: over.mobile,
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
async function menuFor(day: string, sitting = sittingId) {
  const now = new Date(cn(`${day}T00:00:00`).getTime() - 3 * 86_400_000);
  const menu = await inJinyuan((tx) => saveMenu(tx, staff, { sittingId: sitting, day, dishIds, now }));
  if (menu.status !== 'published') await inJinyuan((tx) => publishMenu(tx, staff, { menuId: menu.id, now }));
}

beforeAll(async () => {
  tenantId = (await db.owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, 'jinyuan')))[0]!.id;
  admin = await caller('13800000004');
  staff = await caller('13800000005');
  grid = await caller('13800000006'); // 第一网格 (1栋)
  const sitting = await inJinyuan((tx) => saveMealSitting(tx, admin, { meal: 'lunch', name: '午餐', capacity: 100, price: '15', cutoffDaysBefore: 1, cutoffTime: '16:00', serveFrom: '11:00', serveUntil: '13:00', menuRule: { 荤: 1, 素: 1 } }));
  sittingId = sitting.id;
  dishIds = [];
  for (const [name, tags] of [['红烧肉', ['荤']], ['清炒时蔬', ['素', '低盐']]] as const) dishIds.push((await inJinyuan((tx) => saveDish(tx, staff, { name, tags: [...tags] }))).id);
  const b = await asOwner((tx) => tx.select({ id: buildings.id, name: buildings.name }).from(buildings));
  building1 = b.find((x) => x.name === '1栋')!.id;
  building4 = b.find((x) => x.name === '4栋')!.id;
});

describe('whoever may book for someone may cancel that booking', () => {
  it('a grid worker cancels the meal they booked for a resident of their grid before the cut-off, not another grid’s', async () => {
    const day = '2027-03-10';
    await menuFor(day);
    const bookAt = cn('2027-03-08T09:00:00');
    const mine = await person();
    const other = await person({ buildingId: building4 });
    const booked = await inJinyuan((tx) => bookMeal(tx, grid, { residentId: mine, sittingId, day, mode: 'dine_in', now: bookAt }));
    const list = await inJinyuan((tx) => listMealBookings(tx, grid, { day, now: bookAt }));
    expect(list.rows.find((r) => r.id === booked.id)!.actions).toEqual({ cancel: true, offer: false, deliver: false });
    expect(await inJinyuan((tx) => cancelMealBooking(tx, grid, { bookingId: booked.id, now: bookAt }))).toMatchObject({ id: booked.id });
    const theirs = await inJinyuan((tx) => bookMeal(tx, staff, { residentId: other, sittingId, day, mode: 'dine_in', now: bookAt }));
    expect(await refusal(inJinyuan((tx) => cancelMealBooking(tx, grid, { bookingId: theirs.id, now: bookAt })))).toBe('meal.booking.notFound');
    // After the cut-off, no longer (as for anyone).
    const again = await inJinyuan((tx) => bookMeal(tx, grid, { residentId: mine, sittingId, day, mode: 'dine_in', now: bookAt }));
    expect(await refusal(inJinyuan((tx) => cancelMealBooking(tx, grid, { bookingId: again.id, now: cn('2027-03-09T16:00:00') })))).toBe('meal.booking.cutoffPassed');
  });

  it('a grid worker cancels a service booking they made for their grid’s resident; the desk offers it', async () => {
    const serviceId = (await inJinyuan((tx) => saveElderService(tx, admin, { kind: 'cleaning', name: '再试助洁', durationMinutes: 60, price: '30', assessmentDays: '' }))).id;
    const now = cn('2027-03-01T09:00:00');
    await inJinyuan((tx) => addServiceSlots(tx, staff, { serviceId, day: '2027-03-12', times: '09:00', capacity: 3, now }));
    const [slot] = await asOwner((tx) => tx.select({ id: elderServiceSlots.id }).from(elderServiceSlots).where(eq(elderServiceSlots.serviceId, serviceId)));
    const mine = await person();
    const other = await person({ buildingId: building4 });
    const b = await inJinyuan((tx) => bookService(tx, grid, { slotId: slot!.id, residentId: mine, now }));
    const desk = await inJinyuan((tx) => getServiceDesk(tx, grid, { day: '2027-03-12', now }));
    expect(desk.slots[0]!.bookings.find((x) => x.id === b.id)!.actions).toMatchObject({ cancel: true, confirm: false });
    expect(await inJinyuan((tx) => cancelServiceBooking(tx, grid, { bookingId: b.id, now }))).toEqual({ id: b.id });
    const theirs = await inJinyuan((tx) => bookService(tx, staff, { slotId: slot!.id, residentId: other, now }));
    expect(await refusal(inJinyuan((tx) => cancelServiceBooking(tx, grid, { bookingId: theirs.id, now })))).toBe('service.booking.notFound');
  });

  it('a grid worker withdraws a senior-school enrolment they made for their grid’s resident', async () => {
    const now = cn('2027-02-20T09:00:00');
    const term = await inJinyuan((tx) => createSchoolTerm(tx, admin, { name: '再试学期', startsOn: '2027-03-01', endsOn: '2027-06-30' }));
    const course = await inJinyuan((tx) => createSchoolCourse(tx, admin, { termId: term.id, title: '再试舞蹈', weekday: 1, startsAt: '09:00', endsAt: '10:00', room: '舞蹈室', capacity: 5, fee: '0', rule: 'first_come' }));
    const mine = await person();
    const other = await person({ buildingId: building4 });
    const e = await inJinyuan((tx) => enrolInCourse(tx, grid, { courseId: course.id, residentId: mine, now }));
    expect(await inJinyuan((tx) => withdrawEnrolment(tx, grid, { enrolmentId: e.id, now }))).toMatchObject({ id: e.id });
    const theirs = await inJinyuan((tx) => enrolInCourse(tx, staff, { courseId: course.id, residentId: other, now }));
    expect(await refusal(inJinyuan((tx) => withdrawEnrolment(tx, grid, { enrolmentId: theirs.id, now })))).toBe('school.enrolment.notFound');
  });
});

describe('inconsistent settings are refused, naming the numbers', () => {
  it('a same-day cut-off after serving starts; places fewer than a coming day already holds', async () => {
    const now = cn('2027-03-20T09:00:00');
    const base = { meal: 'dinner' as const, name: '晚餐', capacity: 2, price: '12', cutoffDaysBefore: 0, cutoffTime: '15:00', serveFrom: '17:00', serveUntil: '18:30', menuRule: {}, now };
    const e = await inJinyuan((tx) => saveMealSitting(tx, admin, { ...base, cutoffTime: '17:30' })).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'meal.sitting.cutoffAfterServing', params: { field: 'cutoffTime', cutoffTime: '17:30', serveFrom: '17:00' } });
    // The day before at 17:30 is fine; the same day at 17:00 too.
    expect(await inJinyuan((tx) => saveMealSitting(tx, admin, { ...base, cutoffDaysBefore: 1, cutoffTime: '17:30' }))).toMatchObject({ cutoffTime: '17:30' });
    const dinner = await inJinyuan((tx) => saveMealSitting(tx, admin, base));
    const day = '2027-03-23';
    await menuFor(day, dinner.id);
    for (const who of [await person(), await person()]) await inJinyuan((tx) => bookMeal(tx, staff, { residentId: who, sittingId: dinner.id, day, mode: 'dine_in', now }));
    const e2 = await inJinyuan((tx) => saveMealSitting(tx, admin, { ...base, capacity: 1 })).catch((x: unknown) => x);
    expect(e2).toMatchObject({ code: 'meal.sitting.capacityBelowBooked', params: { field: 'capacity', capacity: 1, booked: 2, day } });
    expect(await inJinyuan((tx) => saveMealSitting(tx, admin, { ...base, capacity: 2 }))).toMatchObject({ capacity: 2 });
  });
});

describe('promotion from a meal waiting list', () => {
  it('tells the promoted person by text message, through the outbox as the school does', async () => {
    const day = '2027-04-13';
    const now = cn('2027-04-10T09:00:00');
    const small = await inJinyuan((tx) => saveMealSitting(tx, admin, { meal: 'breakfast', name: '早餐', capacity: 1, price: '5', cutoffDaysBefore: 1, cutoffTime: '18:00', serveFrom: '07:00', serveUntil: '08:30', menuRule: {}, now }));
    await menuFor(day, small.id);
    const first = await person();
    const waiting = await person({ mobile: '13912349876' });
    const booked = await inJinyuan((tx) => bookMeal(tx, staff, { residentId: first, sittingId: small.id, day, mode: 'dine_in', now }));
    const queued = await inJinyuan((tx) => bookMeal(tx, staff, { residentId: waiting, sittingId: small.id, day, mode: 'dine_in', now }));
    expect(queued.status).toBe('waiting');
    expect(await inJinyuan((tx) => cancelMealBooking(tx, staff, { bookingId: booked.id, now }))).toEqual({ id: booked.id, promotedId: queued.id });
    const texts = await asOwner((tx) => tx.execute<{ body: string; recipient: string; channel: string }>(sql`select body, recipient, channel from outbox where kind = 'meal_place_promoted'`));
    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatchObject({ channel: 'sms', recipient: expect.stringMatching(/^sealed:/) });
    expect(texts[0]!.body).toContain('4月13日早餐');
    expect(texts[0]!.body).toContain('07:00–08:30');
  });
});

describe('subsidy rule versions', () => {
  it('list each version to its last day, never two over one day; a version set before a later one ends where it begins', async () => {
    const now = cn('2027-05-02T09:00:00');
    await inJinyuan((tx) => addSubsidyRule(tx, admin, { name: '版本试用', minAge: 75, perMeal: '3', monthlyCap: '', priority: 1, effectiveFrom: '2027-05-03', now }));
    await inJinyuan((tx) => addSubsidyRule(tx, admin, { name: '版本试用', minAge: 75, perMeal: '4', monthlyCap: '', priority: 1, effectiveFrom: '2027-05-17', now }));
    // Set afterwards, from a day between: it ends where the 17th's begins.
    await inJinyuan((tx) => addSubsidyRule(tx, admin, { name: '版本试用', minAge: 75, perMeal: '5', monthlyCap: '', priority: 1, effectiveFrom: '2027-05-10', now }));
    const station = await inJinyuan((tx) => getMealStation(tx, staff));
    const versions = station.rules.filter((r) => r.name === '版本试用').map((r) => [r.effectiveFrom, r.lastDay, r.perMealCents]);
    expect(versions.sort()).toEqual([
      ['2027-05-03', '2027-05-09', 300],
      ['2027-05-10', '2027-05-16', 500],
      ['2027-05-17', null, 400],
    ]);
    const e = await inJinyuan((tx) => addSubsidyRule(tx, admin, { name: '版本试用', minAge: 75, perMeal: '6', monthlyCap: '', priority: 1, effectiveFrom: '2027-05-10', now })).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'meal.rule.sameDay', params: { name: '版本试用', day: '2027-05-10' } });
  });

  it('services: a same-day version is refused naming the day; versions never overlap; the desk lists last days', async () => {
    const now = cn('2027-05-02T09:00:00');
    await inJinyuan((tx) => addServiceSubsidyRule(tx, admin, { name: '服务版本', minAge: '75', perUse: '5', monthlyCap: '', effectiveFrom: '2027-05-03', now }));
    await inJinyuan((tx) => addServiceSubsidyRule(tx, admin, { name: '服务版本', minAge: '75', perUse: '7', monthlyCap: '', effectiveFrom: '2027-05-17', now }));
    const e = await inJinyuan((tx) => addServiceSubsidyRule(tx, admin, { name: '服务版本', minAge: '75', perUse: '9', monthlyCap: '', effectiveFrom: '2027-05-17', now })).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'service.rule.sameDay', params: { field: 'effectiveFrom', day: '2027-05-17' } });
    await inJinyuan((tx) => addServiceSubsidyRule(tx, admin, { name: '服务版本', minAge: '75', perUse: '6', monthlyCap: '', effectiveFrom: '2027-05-10', now }));
    const desk = await inJinyuan((tx) => getServiceDesk(tx, staff, { day: '2027-05-10', now }));
    expect(desk.rules.filter((r) => r.name === '服务版本').map((r) => [r.effectiveFrom, r.lastDay, r.perUseCents]).sort()).toEqual([
      ['2027-05-03', '2027-05-09', 500],
      ['2027-05-10', '2027-05-16', 600],
      ['2027-05-17', null, 700],
    ]);
  });
});

describe('service bookings follow a price or rule change', () => {
  it('a rule from a date and a new service price reprice bookings not yet done, not done ones', async () => {
    const now = cn('2027-06-01T09:00:00');
    const serviceId = (await inJinyuan((tx) => saveElderService(tx, admin, { kind: 'physio', name: '改价理疗', durationMinutes: 30, price: '50', assessmentDays: '', now }))).id;
    await inJinyuan((tx) => addServiceSlots(tx, staff, { serviceId, day: '2027-06-08', times: '09:00', capacity: 3, now }));
    const [slot] = await asOwner((tx) => tx.select({ id: elderServiceSlots.id }).from(elderServiceSlots).where(eq(elderServiceSlots.serviceId, serviceId)));
    const who = await person();
    const b = await inJinyuan((tx) => bookService(tx, staff, { slotId: slot!.id, residentId: who, now }));
    const before = b.subsidyCents;
    const added = await inJinyuan((tx) => addServiceSubsidyRule(tx, admin, { name: '改价补贴', minAge: '60', perUse: '20', monthlyCap: '', priority: 99, effectiveFrom: '2027-06-05', now }));
    expect(added.repriced).toBeGreaterThanOrEqual(1);
    const row = async () => (await asOwner((tx) => tx.select().from(elderServiceBookings).where(eq(elderServiceBookings.id, b.id))))[0]!;
    expect((await row()).subsidyCents).toBe(2000);
    expect(before).not.toBe(2000);
    await inJinyuan((tx) => saveElderService(tx, admin, { kind: 'physio', name: '改价理疗', durationMinutes: 30, price: '60', assessmentDays: '', now }));
    expect(await row()).toMatchObject({ priceCents: 6000, subsidyCents: 2000, category: '改价补贴' });
  });

  it('meal repricing waits for the sitting-day lock a booking holds', async () => {
    const day = '2027-06-16';
    await menuFor(day);
    const now = cn('2027-06-13T09:00:00');
    const who = await person();
    await inJinyuan((tx) => bookMeal(tx, staff, { residentId: who, sittingId, day, mode: 'dine_in', now }));
    // A booking of that sitting and day in flight holds its lock: the repricing of a new rule waits for it.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holder = inJinyuan(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${tenantId}:meal_sitting:${sittingId}:${day}`}, 0))`);
      locked();
      await held;
    });
    await isLocked;
    let finished = false;
    const adding = inJinyuan((tx) => addSubsidyRule(tx, admin, { name: '锁试用', minAge: 60, perMeal: '2', monthlyCap: '', priority: 98, effectiveFrom: day, now })).then((r) => {
      finished = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(finished).toBe(false);
    release();
    await holder;
    expect((await adding).repriced).toBeGreaterThanOrEqual(1);
  });
});

describe('the senior school: one class at a time', () => {
  it('refuses a course meeting at the same time as one the student is in, naming it; another time is fine', async () => {
    const now = cn('2027-02-20T09:00:00');
    const term = await inJinyuan((tx) => createSchoolTerm(tx, admin, { name: '冲突学期', startsOn: '2027-03-01', endsOn: '2027-06-30' }));
    const course = (title: string, room: string, startsAt: string, endsAt: string) =>
      inJinyuan((tx) => createSchoolCourse(tx, admin, { termId: term.id, title, weekday: 3, startsAt, endsAt, room, capacity: 5, fee: '0', rule: 'first_come' }));
    const dance = await course('冲突舞蹈', '冲突一室', '09:00', '10:30');
    const calligraphy = await course('冲突书法', '冲突二室', '10:00', '11:00');
    const phone = await course('冲突手机', '冲突三室', '10:30', '11:30');
    const who = await person();
    await inJinyuan((tx) => enrolInCourse(tx, staff, { courseId: dance.id, residentId: who, now }));
    const e = await inJinyuan((tx) => enrolInCourse(tx, staff, { courseId: calligraphy.id, residentId: who, now })).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'school.enrolment.clash', params: { title: '冲突舞蹈', from: '09:00', to: '10:30' } });
    // Back to back is not a clash.
    expect(await inJinyuan((tx) => enrolInCourse(tx, staff, { courseId: phone.id, residentId: who, now }))).toMatchObject({ status: 'enrolled' });
  });
});

describe('同住 after a move', () => {
  it('ends when one of them moves to another building: no more booking for each other as household', async () => {
    const day = '2027-07-14';
    await menuFor(day);
    const now = cn('2027-07-10T09:00:00');
    const husband = await person({ unit: '5', room: '501' });
    const wife = await person({ unit: '5', room: '501' });
    await inJinyuan((tx) => linkResidents(tx, admin, { residentId: husband, otherId: wife, kind: 'household', relation: '配偶' }));
    const asWife = mealResidentOf(residentCaller({ tenantId, sessionId: 'test', mobileIndex: 'test', mobileHint: '138****0000', residentId: wife, signUpId: null }));
    expect(await inJinyuan((tx) => quoteMeal(tx, asWife, { residentId: husband, sittingId, day, now }))).toMatchObject({ open: true });
    const moved = await inJinyuan((tx) =>
      editResident(tx, admin, { residentId: husband, name: '', birth: '1940-01', buildingId: building4, unit: '2', room: '201', tagIds: [], cipher, now }),
    );
    expect(moved.householdEnded).toBe(1);
    expect(await refusal(inJinyuan((tx) => quoteMeal(tx, asWife, { residentId: husband, sittingId, day, now })))).toBe('meal.booking.notFamily');
    const [audit] = await asOwner((tx) => tx.execute<{ n: number }>(sql`select count(*)::int as n from audit_events where action = 'household_link_ended' and subject_id = ${husband}`));
    expect(audit!.n).toBe(1);
    // A change that keeps the address (the note) ends nothing.
    const other = await person({ unit: '6', room: '601' });
    const mate = await person({ unit: '6', room: '601' });
    await inJinyuan((tx) => linkResidents(tx, admin, { residentId: other, otherId: mate, kind: 'household' }));
    expect((await inJinyuan((tx) => editResident(tx, admin, { residentId: other, name: '', birth: '1941-01', buildingId: building1, unit: '6', room: '601', tagIds: [], cipher, now }))).householdEnded).toBe(0);
  });
});

describe('the class sign-in sheet', () => {
  it('is for a day the course meets: another day is refused (school.day.notClass)', async () => {
    const now = cn('2027-03-20T09:00:00');
    const term = await inJinyuan((tx) => createSchoolTerm(tx, admin, { name: '签到学期', startsOn: '2027-03-01', endsOn: '2027-06-30' }));
    const course = await inJinyuan((tx) => createSchoolCourse(tx, admin, { termId: term.id, title: '签到太极', weekday: 2, startsAt: '09:00', endsAt: '10:00', room: '签到室', capacity: 5, fee: '0', rule: 'first_come' }));
    // 2027-03-16 is a Tuesday (weekday 2); the 17th a Wednesday; 2027-07-06 a Tuesday after the term.
    expect(await inJinyuan((tx) => getSchoolCourse(tx, staff, { courseId: course.id, day: '2027-03-16', classDayOnly: true, now }))).toMatchObject({ classDay: true });
    for (const day of ['2027-03-17', '2027-07-06']) expect(await refusal(inJinyuan((tx) => getSchoolCourse(tx, staff, { courseId: course.id, day, classDayOnly: true, now }))), day).toBe('school.day.notClass');
    // The course page itself still opens on any day (it says the class does not meet).
    expect(await inJinyuan((tx) => getSchoolCourse(tx, staff, { courseId: course.id, day: '2027-03-17', now }))).toMatchObject({ classDay: false });
  });
});

describe('migration 0049 mends overlapping service subsidy rule versions in every community', () => {
  it('ends a version where the next of its name begins and drops the earlier saved of two same-day versions, under forced RLS', async () => {
    const name = `迁移修复${Date.now().toString(36).slice(-4)}`;
    const rows = await asOwner((tx) =>
      tx
        .insert(elderServiceSubsidyRules)
        .values([
          { tenantId, name, minAge: 80, perUseCents: 100, effectiveFrom: '2026-01-01', createdAt: new Date('2026-01-01T00:00:00Z') },
          { tenantId, name, minAge: 80, perUseCents: 200, effectiveFrom: '2026-03-01', createdAt: new Date('2026-02-01T00:00:00Z') },
          { tenantId, name, minAge: 80, perUseCents: 300, effectiveFrom: '2026-03-01', createdAt: new Date('2026-02-02T00:00:00Z') },
        ])
        .returning({ id: elderServiceSubsidyRules.id }),
    );
    // The repair (after the column drop, which runs once), as the owner with no tenant set: what the migrator does.
    const migration = readFileSync(new URL('../../db/migrations/0049_drop_meal_booking_diet.sql', import.meta.url), 'utf8');
    await db.owner.execute(sql.raw(migration.split('--> statement-breakpoint').slice(1).join('\n')));
    const after = await asOwner((tx) => tx.select({ id: elderServiceSubsidyRules.id, perUseCents: elderServiceSubsidyRules.perUseCents, effectiveTo: elderServiceSubsidyRules.effectiveTo }).from(elderServiceSubsidyRules).where(eq(elderServiceSubsidyRules.name, name)));
    expect(after.sort((a, b) => a.perUseCents - b.perUseCents)).toEqual([
      { id: rows[0]!.id, perUseCents: 100, effectiveTo: '2026-03-01' },
      { id: rows[2]!.id, perUseCents: 300, effectiveTo: null },
    ]);
  });
});
