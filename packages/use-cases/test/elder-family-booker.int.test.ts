import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { buildings, elderServiceSlots, orgUnits, outbox, residents, withTenant } from '@shequ/db';
import { defineAbilityFor } from '@shequ/permissions';
import {
  addServiceSlots,
  bookMeal,
  bookService,
  cancelMealBooking,
  cancelServiceBooking,
  createSchoolCourse,
  createSchoolTerm,
  enrolInCourse,
  getMyMeals,
  getMySchool,
  getMyServices,
  linkResidents,
  mealResidentOf,
  publishMenu,
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
import { seededDatabase } from './support.ts';

// Issue 19, after the last trial's review: a family member who books for a parent on 我的
// - was not told when a place freed on a waiting list came to the parent (the text went to the parent's own number
//   only, or to nobody when the parent has none): the promotion now reaches whoever booked, and the person, each once;
// - saw a booking the office or the parent cancelled simply vanish from 我的: it now stays listed, saying who ended it.
const db = seededDatabase();
const cipher = createPersonalDataCipher('8c'.repeat(32));
const cn = (local: string) => new Date(`${local}+08:00`);

let tenantId: string;
let admin: StaffCaller;
let staff: StaffCaller;
let building1: string;
let dishIds: string[];
const inJinyuan = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(db.app, tenantId, fn);
const asOwner = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(db.owner, tenantId, fn);
async function caller(mobile: string): Promise<StaffCaller> {
  const actor = await db.actorFor(mobile, tenantId);
  return { actor, ability: defineAbilityFor(actor) };
}
let seq = 0;
async function person(mobile?: string) {
  seq += 1;
  const { id } = await inJinyuan((tx) =>
    registerResident(tx, admin, { name: `家属试${seq}`, birth: '1941-02', buildingId: building1, unit: '3', room: String(300 + seq), mobile, sharedMobile: true, tagIds: [], consent: true, consentChannel: 'in_person', cipher, now: new Date('2026-11-01T00:00:00Z') }),
  );
  return id;
}
/** A parent and the daughter who books for them on 我的 (her family contact in the register). */
async function family(parentMobile: string | undefined, daughterMobile: string) {
  const parent = await person(parentMobile);
  const daughter = await person(daughterMobile);
  await inJinyuan((tx) => linkResidents(tx, admin, { residentId: parent, otherId: daughter, kind: 'family_contact', relation: '女儿' }));
  return { parent, daughter };
}
const me = (residentId: string) => residentCaller({ tenantId, sessionId: 'test', mobileIndex: 'test', mobileHint: '138****0000', residentId, signUpId: null });
const asResident = (residentId: string) => mealResidentOf(me(residentId));
/** The text messages of `kinds` written since `since` (the database's clock), each with whose sealed number it goes to. */
async function textsTo(kinds: string[], since: Date) {
  const rows = await asOwner((tx) => tx.select({ kind: outbox.kind, recipient: outbox.recipient, body: outbox.body }).from(outbox).where(and(inArray(outbox.kind, kinds), sql`${outbox.createdAt} >= ${since.toISOString()}::timestamptz`)));
  const sealed = await asOwner((tx) => tx.select({ id: residents.id, mobileEnc: residents.mobileEnc }).from(residents));
  return rows.map((r) => ({ kind: r.kind, to: sealed.find((s) => s.mobileEnc && `sealed:${s.mobileEnc}` === r.recipient)?.id ?? r.recipient, body: r.body }));
}
/** A sitting of one place a day with a published menu for `day` (set three days before). */
async function oneSeatSitting(day: string) {
  const now = new Date(cn(`${day}T00:00:00`).getTime() - 3 * 86_400_000);
  seq += 1;
  const sitting = await inJinyuan((tx) => saveMealSitting(tx, admin, { meal: 'dinner', name: `晚餐${seq}`, capacity: 1, price: '12', cutoffDaysBefore: 1, cutoffTime: '18:00', serveFrom: '17:00', serveUntil: '18:30', menuRule: {}, now }));
  const menu = await inJinyuan((tx) => saveMenu(tx, staff, { sittingId: sitting.id, day, dishIds, now }));
  if (menu.status !== 'published') await inJinyuan((tx) => publishMenu(tx, staff, { menuId: menu.id, now }));
  return sitting.id;
}

beforeAll(async () => {
  tenantId = (await db.owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, 'jinyuan')))[0]!.id;
  admin = await caller('13800000004');
  staff = await caller('13800000005');
  building1 = (await asOwner((tx) => tx.select({ id: buildings.id }).from(buildings).where(eq(buildings.name, '1栋'))))[0]!.id;
  dishIds = [(await inJinyuan((tx) => saveDish(tx, staff, { name: '家属试菜', tags: ['荤'] }))).id];
});

describe('a place freed on a waiting list reaches whoever booked it, and the person, each once', () => {
  it('a meal a daughter booked for her father: both told, the daughter by a message naming him', async () => {
    const day = '2027-04-21';
    const now = cn('2027-04-19T09:00:00');
    const sittingId = await oneSeatSitting(day);
    const { parent, daughter } = await family('13911110001', '13911110002');
    const first = await person();
    const taken = await inJinyuan((tx) => bookMeal(tx, staff, { residentId: first, sittingId, day, mode: 'dine_in', now }));
    const queued = await inJinyuan((tx) => bookMeal(tx, asResident(daughter), { residentId: parent, sittingId, day, mode: 'dine_in', now }));
    expect(queued.status).toBe('waiting');
    const since = new Date();
    await inJinyuan((tx) => cancelMealBooking(tx, staff, { bookingId: taken.id, now }));
    const texts = await textsTo(['meal_place_promoted', 'meal_place_promoted_for'], since);
    expect(texts.map((x) => [x.kind, x.to]).sort()).toEqual([
      ['meal_place_promoted', parent],
      ['meal_place_promoted_for', daughter],
    ]);
    const parentName = (await asOwner((tx) => tx.select({ n: residents.nameHint }).from(residents).where(eq(residents.id, parent))))[0]!.n;
    expect(texts.find((x) => x.to === daughter)!.body).toContain(`您为${parentName}候补的4月21日`);
  });

  it('a father without a number: the daughter alone; a father with her number (one phone): one message, hers', async () => {
    for (const [day, parentMobile] of [['2027-04-22', undefined], ['2027-04-23', '13911110003']] as const) {
      const now = new Date(cn(`${day}T09:00:00`).getTime() - 2 * 86_400_000);
      const sittingId = await oneSeatSitting(day);
      const { parent, daughter } = await family(parentMobile, '13911110003');
      const other = await person();
      const taken = await inJinyuan((tx) => bookMeal(tx, staff, { residentId: other, sittingId, day, mode: 'dine_in', now }));
      await inJinyuan((tx) => bookMeal(tx, asResident(daughter), { residentId: parent, sittingId, day, mode: 'dine_in', now }));
      const since = new Date();
      await inJinyuan((tx) => cancelMealBooking(tx, staff, { bookingId: taken.id, now }));
      expect((await textsTo(['meal_place_promoted', 'meal_place_promoted_for'], since)).map((x) => [x.kind, x.to])).toEqual([['meal_place_promoted_for', daughter]]);
    }
  });

  it('a senior-school place offered to a father his daughter asked for: both told', async () => {
    const now = cn('2027-02-20T09:00:00');
    const term = await inJinyuan((tx) => createSchoolTerm(tx, admin, { name: '家属试学期', startsOn: '2027-03-01', endsOn: '2027-06-30' }));
    const course = await inJinyuan((tx) => createSchoolCourse(tx, admin, { termId: term.id, title: '家属试书法', weekday: 3, startsAt: '14:00', endsAt: '15:00', room: '书画室', capacity: 1, fee: '0', rule: 'first_come' }));
    const { parent, daughter } = await family('13911110004', '13911110005');
    const other = await person();
    const first = await inJinyuan((tx) => enrolInCourse(tx, staff, { courseId: course.id, residentId: other, now }));
    const waits = await inJinyuan((tx) => enrolInCourse(tx, asResident(daughter), { courseId: course.id, residentId: parent, now }));
    expect(waits.status).toBe('waiting');
    const since = new Date();
    await inJinyuan((tx) => withdrawEnrolment(tx, staff, { enrolmentId: first.id, now }));
    const texts = await textsTo(['school_place_offered', 'school_place_offered_for'], since);
    expect(texts.map((x) => [x.kind, x.to]).sort()).toEqual([
      ['school_place_offered', parent],
      ['school_place_offered_for', daughter],
    ]);
    expect(texts.find((x) => x.to === daughter)!.body).toContain('家属试书法');
  });
});

describe('a booking a family member made for a parent that went stays on 我的, saying who ended it', () => {
  it('a meal: cancelled by the office, by the father himself — each said to the daughter; booked again, it is no longer listed', async () => {
    const day = '2027-05-12';
    const now = cn('2027-05-10T09:00:00');
    const sittingId = await oneSeatSitting(day);
    const { parent, daughter } = await family('13911110006', '13911110007');
    const booked = await inJinyuan((tx) => bookMeal(tx, asResident(daughter), { residentId: parent, sittingId, day, mode: 'dine_in', now }));
    await inJinyuan((tx) => cancelMealBooking(tx, staff, { bookingId: booked.id, now }));
    const seen = async (viewer: string) => inJinyuan((tx) => getMyMeals(tx, me(viewer), { forResidentId: parent, cipher, now }));
    const page = await seen(daughter);
    // Before, nothing: the booking was gone from the list and the day offered as if never booked.
    expect(page.bookings.map((b) => b.id)).not.toContain(booked.id);
    expect(page.ended).toEqual([expect.objectContaining({ id: booked.id, day, status: 'cancelled', endedBy: 'staff' })]);
    // Booked again by the daughter, cancelled by the father on his own 我的: "by him" to her, "by you" to him.
    const again = await inJinyuan((tx) => bookMeal(tx, asResident(daughter), { residentId: parent, sittingId, day, mode: 'dine_in', now }));
    expect((await seen(daughter)).ended).toEqual([]);
    await inJinyuan((tx) => cancelMealBooking(tx, asResident(parent), { bookingId: again.id, now }));
    expect((await seen(daughter)).ended).toEqual([expect.objectContaining({ id: again.id, endedBy: 'person' })]);
    expect((await seen(parent)).ended).toEqual([expect.objectContaining({ id: again.id, endedBy: 'you' })]);
  });

  it('a service booking and a school place: withdrawn by the office, said to the daughter as the office’s doing', async () => {
    const now = cn('2027-03-01T09:00:00');
    const { parent, daughter } = await family('13911110008', '13911110009');
    const serviceId = (await inJinyuan((tx) => saveElderService(tx, admin, { kind: 'cleaning', name: '家属试助洁', durationMinutes: 60, price: '30', assessmentDays: '' }))).id;
    await inJinyuan((tx) => addServiceSlots(tx, staff, { serviceId, day: '2027-03-04', times: '09:00', capacity: 2, now }));
    const [slot] = await asOwner((tx) => tx.select({ id: elderServiceSlots.id }).from(elderServiceSlots).where(eq(elderServiceSlots.serviceId, serviceId)));
    const b = await inJinyuan((tx) => bookService(tx, asResident(daughter), { slotId: slot!.id, residentId: parent, now }));
    await inJinyuan((tx) => cancelServiceBooking(tx, staff, { bookingId: b.id, now }));
    const services = await inJinyuan((tx) => getMyServices(tx, me(daughter), { forResidentId: parent, now }));
    expect(services.bookings.map((x) => x.id)).not.toContain(b.id);
    expect(services.ended).toEqual([expect.objectContaining({ id: b.id, service: '家属试助洁', status: 'cancelled', endedBy: 'staff' })]);

    const term = await inJinyuan((tx) => createSchoolTerm(tx, admin, { name: '家属试学期二', startsOn: '2027-03-01', endsOn: '2027-06-30' }));
    const course = await inJinyuan((tx) => createSchoolCourse(tx, admin, { termId: term.id, title: '家属试合唱', weekday: 4, startsAt: '09:00', endsAt: '10:00', room: '音乐室', capacity: 5, fee: '0', rule: 'first_come' }));
    const e = await inJinyuan((tx) => enrolInCourse(tx, asResident(daughter), { courseId: course.id, residentId: parent, now }));
    await inJinyuan((tx) => withdrawEnrolment(tx, staff, { enrolmentId: e.id, now }));
    const school = await inJinyuan((tx) => getMySchool(tx, me(daughter), { forResidentId: parent, now }));
    expect(school.ended).toEqual([expect.objectContaining({ id: e.id, courseId: course.id, status: 'withdrawn', endedBy: 'staff' })]);
    // Asked for again: no longer listed as withdrawn.
    await inJinyuan((tx) => enrolInCourse(tx, asResident(daughter), { courseId: course.id, residentId: parent, now }));
    expect((await inJinyuan((tx) => getMySchool(tx, me(daughter), { forResidentId: parent, now }))).ended).toEqual([]);
  });
});
