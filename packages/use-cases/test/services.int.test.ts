import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { elderServiceBookings, elderServiceSlots, orgUnits, residentTags, type Tx, withTenant } from '@shequ/db';
import { ageOn, assessmentCurrent } from '@shequ/domain';
import { defineAbilityFor } from '@shequ/permissions';
import {
  addServiceSlots,
  addServiceSubsidyRule,
  bookService,
  cancelServiceBooking,
  completeService,
  confirmServiceBooking,
  exportServiceClaim,
  getMyServices,
  getServiceSettlement,
  getServiceDesk,
  linkResidents,
  listMyServices,
  markServiceNoShow,
  type MealResidentCaller,
  quoteService,
  recordAbilityAssessment,
  registerResident,
  residentCaller,
  saveElderService,
} from '../src/index.ts';
import { createPersonalDataCipher } from '../src/security/index.ts';
import { refusal, seededDatabase } from './support.ts';

// Issue 19 / decision 044: bookings for the station's services (助浴, 助洁 …): slots with places, the prerequisite of
// a recent ability assessment, prices and subsidies as for meals (versioned rules, fixed when done), confirmation,
// cancellation before the start, the note after service, no-shows, family booking for a parent.
const db = seededDatabase();
const cipher = createPersonalDataCipher('3a'.repeat(32));
/** When the tests' subsidy rules are set: before their first day (a rule never starts in the past). */
const RULES_SET = new Date('2026-10-30T01:00:00Z');

type Caller = { actor: Awaited<ReturnType<typeof db.actorFor>>; ability: ReturnType<typeof defineAbilityFor> };
let tenantId: string;
let admin: Caller;
let staff: Caller;
let bathingId: string;
let cleaningId: string;

const inJinyuan = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(db.app, tenantId, fn);
const caller = async (mobile: string, community = tenantId): Promise<Caller> => {
  const actor = await db.actorFor(mobile, community);
  return { actor, ability: defineAbilityFor(actor) };
};
const asResident = (residentId: string): MealResidentCaller => ({ actor: null, ability: defineAbilityFor(null), resident: { tenantId, residentId } });
const cn = (local: string) => new Date(`${local}+08:00`);
let seq = 0;
async function person(birth = '1941-05', tagIds: string[] = []) {
  seq += 1;
  return (await inJinyuan((tx) => registerResident(tx, admin, { name: `服务对象${seq}`, birth, tagIds, consent: true, consentChannel: 'in_person', cipher, now: new Date('2026-09-01T00:00:00Z') }))).id;
}
async function slotAt(serviceId: string, day: string, time: string) {
  const [row] = await withTenant(db.owner, tenantId, (tx) => tx.select({ id: elderServiceSlots.id }).from(elderServiceSlots).where(and(eq(elderServiceSlots.serviceId, serviceId), eq(elderServiceSlots.startsAt, cn(`${day}T${time}:00`)))));
  return row!.id;
}

beforeAll(async () => {
  tenantId = (await db.owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, 'jinyuan')))[0]!.id;
  admin = await caller('13800000004');
  staff = await caller('13800000005');
  bathingId = (await inJinyuan((tx) => saveElderService(tx, admin, { kind: 'bathing', name: '助浴', durationMinutes: 60, price: '40', assessmentDays: '180' }))).id;
  cleaningId = (await inJinyuan((tx) => saveElderService(tx, admin, { kind: 'cleaning', name: '助洁', durationMinutes: 120, price: '60', assessmentDays: '' }))).id;
  await inJinyuan((tx) => addServiceSubsidyRule(tx, admin, { name: '高龄', minAge: '80', perUse: '20', monthlyCap: '', effectiveFrom: '2026-11-01', now: RULES_SET }));
});

describe('services, slots and rules', () => {
  it('prices are the admin’s; slots open at the times typed; a rule changes from a date', async () => {
    expect(await refusal(inJinyuan((tx) => saveElderService(tx, staff, { kind: 'physio', name: '理疗', durationMinutes: 45, price: '30', assessmentDays: '' })))).toBe('forbidden');
    expect(await inJinyuan((tx) => addServiceSlots(tx, staff, { serviceId: bathingId, day: '2026-12-10', times: '09:00 10:30', capacity: 1, place: '助浴间' }))).toEqual({ created: 2 });
    expect(await inJinyuan((tx) => addServiceSlots(tx, staff, { serviceId: bathingId, day: '2026-12-10', times: '09:00、14:00', capacity: 1 }))).toEqual({ created: 1 });
    expect(await inJinyuan((tx) => addServiceSlots(tx, staff, { serviceId: bathingId, day: '2026-12-10', times: '9点', capacity: 1 })).catch((e) => e)).toMatchObject({ code: 'service.slot.time', params: { field: 'times', entry: '9点' } });
    // The wrong entry is named, the first of them (an outside tester typed "25:00 09:99 🙂" and was told only 请填写开始时间).
    expect(await inJinyuan((tx) => addServiceSlots(tx, staff, { serviceId: bathingId, day: '2026-12-10', times: '09:00 25:00 09:99 🙂', capacity: 1 })).catch((e) => e)).toMatchObject({ code: 'service.slot.time', params: { field: 'times', entry: '25:00' } });
    expect(await refusal(inJinyuan((tx) => addServiceSlots(tx, staff, { serviceId: bathingId, day: '2026-12-10', times: ' 、 ', capacity: 1 })))).toBe('service.slot.times');
    await inJinyuan((tx) => addServiceSlots(tx, staff, { serviceId: cleaningId, day: '2026-12-10', times: '09:00', capacity: 2 }));
    await inJinyuan((tx) => addServiceSlots(tx, staff, { serviceId: cleaningId, day: '2026-12-20', times: '09:00', capacity: 2 }));
    // 高龄 rises from 20 to 25 yuan a service on 16 December.
    expect(await inJinyuan((tx) => addServiceSubsidyRule(tx, admin, { name: '高龄', minAge: '80', perUse: '25', monthlyCap: '', effectiveFrom: '2026-12-16', now: RULES_SET }))).toMatchObject({ ended: 1 });
    expect(await refusal(inJinyuan((tx) => addServiceSubsidyRule(tx, admin, { name: '无对象', minAge: '', perUse: '5', effectiveFrom: '2026-12-01', now: RULES_SET })))).toBe('service.rule.who');
    const old = await person();
    const [first, second] = [await slotAt(cleaningId, '2026-12-10', '09:00'), await slotAt(cleaningId, '2026-12-20', '09:00')];
    const before = await inJinyuan((tx) => bookService(tx, staff, { slotId: first, residentId: old, now: cn('2026-12-01T09:00:00') }));
    const after = await inJinyuan((tx) => bookService(tx, staff, { slotId: second, residentId: old, now: cn('2026-12-01T09:00:00') }));
    expect([before.subsidyCents, after.subsidyCents]).toEqual([2000, 2500]);
    expect([before.payCents, after.payCents]).toEqual([4000, 3500]);
  });
});

describe('bookings', () => {
  it('bathing help needs a recent ability assessment; a slot holds its places; staff bookings are confirmed at once', async () => {
    const old = await person();
    const other = await person();
    const slot = await slotAt(bathingId, '2026-12-10', '10:30');
    const now = cn('2026-12-05T09:00:00');
    expect(await refusal(inJinyuan((tx) => bookService(tx, staff, { slotId: slot, residentId: old, now })))).toBe('service.booking.noAssessment');
    // An assessment older than 180 days before the service does not count; a recent one does.
    await inJinyuan((tx) => recordAbilityAssessment(tx, staff, { residentId: old, assessedOn: '2026-06-01', level: 2, assessor: '评估中心', now }));
    expect(await refusal(inJinyuan((tx) => bookService(tx, staff, { slotId: slot, residentId: old, now })))).toBe('service.booking.noAssessment');
    expect(await inJinyuan((tx) => recordAbilityAssessment(tx, staff, { residentId: old, assessedOn: '2026-12-06', level: 2, assessor: '评估中心', now })).catch((e: unknown) => e)).toMatchObject({ code: 'service.assessment.future', params: { field: 'assessedOn', today: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) } });
    await inJinyuan((tx) => recordAbilityAssessment(tx, staff, { residentId: old, assessedOn: '2026-11-20', level: 2, assessor: '评估中心', now }));
    await inJinyuan((tx) => recordAbilityAssessment(tx, staff, { residentId: other, assessedOn: '2026-11-20', level: 1, assessor: '评估中心', now }));
    const quote = await inJinyuan((tx) => quoteService(tx, staff, { slotId: slot, residentId: old }));
    expect(quote).toMatchObject({ priceCents: 4000, subsidyCents: 2000, payCents: 2000, category: '高龄', placesLeft: 1, assessmentOk: true });
    const booked = await inJinyuan((tx) => bookService(tx, staff, { slotId: slot, residentId: old, now }));
    expect(booked).toMatchObject({ status: 'confirmed', payCents: 2000 });
    expect(await refusal(inJinyuan((tx) => bookService(tx, staff, { slotId: slot, residentId: old, now })))).toBe('service.booking.duplicate');
    expect(await refusal(inJinyuan((tx) => bookService(tx, staff, { slotId: slot, residentId: other, now })))).toBe('service.slot.full');
    expect(await refusal(inJinyuan((tx) => bookService(tx, staff, { slotId: slot, residentId: other, now: cn('2026-12-10T10:30:00') })))).toBe('service.slot.past');
  });

  it('a family member requests for a parent; staff confirm; cancellation before the start only; done with a note fixes the subsidy; no-shows are counted', async () => {
    const parent = await person('1940-02');
    const son = await person('1968-07');
    const stranger = await person('1960-01');
    await inJinyuan((tx) => linkResidents(tx, admin, { residentId: parent, otherId: son, kind: 'family_contact', relation: '儿子' }));
    const slot = await slotAt(cleaningId, '2026-12-10', '09:00');
    const now = cn('2026-12-05T09:00:00');
    const page = await inJinyuan((tx) => getMyServices(tx, residentCaller({ tenantId, sessionId: 's', mobileIndex: 'i', mobileHint: 'h', residentId: son, signUpId: null }), { forResidentId: parent, now, days: 7 }));
    expect(page.person.id).toBe(parent);
    const offered = page.services.find((s) => s.id === cleaningId)!.slots.find((s) => s.id === slot)!;
    expect(offered).toMatchObject({ payCents: 4000, subsidyCents: 2000, assessmentOk: true, booking: null });
    expect(await refusal(inJinyuan((tx) => bookService(tx, asResident(stranger), { slotId: slot, residentId: parent, now })))).toBe('service.notFamily');
    const requested = await inJinyuan((tx) => bookService(tx, asResident(son), { slotId: slot, residentId: parent, now }));
    expect(requested.status).toBe('requested');
    const sonsSection = await inJinyuan((tx) => listMyServices(tx, { tenantId, sessionId: 's', mobileIndex: 'i', mobileHint: 'h', residentId: son, signUpId: null }, {}, now));
    // On the son's 我的 the booking is his parent's (`self` false), not his own.
    expect(sonsSection.bookings.find((b) => b.id === requested.id)).toMatchObject({ self: false });
    expect(await refusal(inJinyuan((tx) => completeService(tx, staff, { bookingId: requested.id, note: '打扫厨房', now: cn('2026-12-10T11:00:00') })))).toBe('service.booking.notConfirmed');
    await inJinyuan((tx) => confirmServiceBooking(tx, staff, { bookingId: requested.id, now }));
    expect(await refusal(inJinyuan((tx) => confirmServiceBooking(tx, staff, { bookingId: requested.id, now })))).toBe('service.booking.notRequested');
    expect(await refusal(inJinyuan((tx) => completeService(tx, staff, { bookingId: requested.id, note: '打扫厨房', now: cn('2026-12-10T08:59:00') })))).toBe('service.booking.notYet');
    expect(await refusal(inJinyuan((tx) => cancelServiceBooking(tx, asResident(son), { bookingId: requested.id, now: cn('2026-12-10T09:00:00') })))).toBe('service.booking.started');
    expect(await inJinyuan((tx) => completeService(tx, staff, { bookingId: requested.id, note: '打扫厨房和卫生间，窗户下次再擦', now: cn('2026-12-10T11:00:00') }))).toMatchObject({ subsidyCents: 2000, payCents: 4000 });

    // Another booking: cancelled before the start frees the place; a third is a no-show, counted on the desk.
    const later = await slotAt(cleaningId, '2026-12-20', '09:00');
    const twice = await inJinyuan((tx) => bookService(tx, staff, { slotId: later, residentId: parent, now }));
    expect(await refusal(inJinyuan((tx) => cancelServiceBooking(tx, asResident(stranger), { bookingId: twice.id, now })))).toBe('service.booking.notFound');
    await inJinyuan((tx) => cancelServiceBooking(tx, asResident(son), { bookingId: twice.id, now }));
    await inJinyuan((tx) => addServiceSlots(tx, staff, { serviceId: cleaningId, day: '2026-12-11', times: '14:00', capacity: 1 }));
    const afternoon = await slotAt(cleaningId, '2026-12-11', '14:00');
    const third = await inJinyuan((tx) => bookService(tx, staff, { slotId: afternoon, residentId: parent, now }));
    await inJinyuan((tx) => markServiceNoShow(tx, staff, { bookingId: third.id, now: cn('2026-12-11T14:20:00') }));
    const desk = await inJinyuan((tx) => getServiceDesk(tx, staff, { day: '2026-12-11' }));
    expect(desk.slots[0]!.bookings[0]).toMatchObject({ status: 'no_show', noShows: 1 });
    const done = await inJinyuan((tx) => getServiceDesk(tx, staff, { day: '2026-12-10' }));
    expect(done.slots.flatMap((s) => s.bookings).find((b) => b.id === requested.id)).toMatchObject({ status: 'done', note: '打扫厨房和卫生间，窗户下次再擦' });
  });

  it('the month is settled and claimed from the services done only, the claim equal to their records', async () => {
    const [a, b, c] = [await person('1940-03'), await person('1944-06'), await person('1962-01')];
    await inJinyuan((tx) => addServiceSlots(tx, staff, { serviceId: cleaningId, day: '2027-01-05', times: '09:00 14:00', capacity: 3 }));
    const morning = await slotAt(cleaningId, '2027-01-05', '09:00');
    const afternoon = await slotAt(cleaningId, '2027-01-05', '14:00');
    const now = cn('2027-01-02T09:00:00');
    const [ba, bb, bc, bd] = [
      await inJinyuan((tx) => bookService(tx, staff, { slotId: morning, residentId: a, now })),
      await inJinyuan((tx) => bookService(tx, staff, { slotId: morning, residentId: b, now })),
      await inJinyuan((tx) => bookService(tx, staff, { slotId: morning, residentId: c, now })),
      await inJinyuan((tx) => bookService(tx, staff, { slotId: afternoon, residentId: c, now })),
    ];
    const doneA = await inJinyuan((tx) => completeService(tx, staff, { bookingId: ba.id, note: '打扫客厅', now: cn('2027-01-05T11:00:00') }));
    const doneC = await inJinyuan((tx) => completeService(tx, staff, { bookingId: bd.id, note: '打扫厨房', now: cn('2027-01-05T16:00:00') }));
    await inJinyuan((tx) => markServiceNoShow(tx, staff, { bookingId: bb.id, now: cn('2027-01-05T09:30:00') }));
    await inJinyuan((tx) => cancelServiceBooking(tx, staff, { bookingId: bc.id, now }));

    const month = await inJinyuan((tx) => getServiceSettlement(tx, staff, { month: '2027-01' }));
    expect(month).toMatchObject({ uses: 2, priceCents: 12000, subsidyCents: doneA.subsidyCents + doneC.subsidyCents, paidCents: doneA.payCents + doneC.payCents });
    expect(doneA.subsidyCents).toBeGreaterThan(0); // 80+: the 高龄 rule
    expect(doneC.subsidyCents).toBe(0); // under 80: no rule applies
    expect(month.byService).toEqual([{ service: '助洁', uses: 2, people: 2, priceCents: 12000, subsidyCents: doneA.subsidyCents }]);
    expect(month.byPerson.map((p) => [p.residentId, p.uses])).toEqual([
      [a, 1],
      [c, 1],
    ]);
    // The records the claim sums, read apart from the use case.
    const [sums] = await withTenant(db.owner, tenantId, (tx) =>
      tx.execute<{ n: number; subsidy: number }>(sql`select count(*)::int as n, coalesce(sum(b.subsidy_cents), 0)::int as subsidy from elder_service_bookings b
        join elder_service_slots s on s.tenant_id = b.tenant_id and s.id = b.slot_id
        where b.status = 'done' and s.starts_at >= '2027-01-01T00:00:00+08:00' and s.starts_at < '2027-02-01T00:00:00+08:00'`),
    );
    expect([month.uses, month.subsidyCents]).toEqual([sums!.n, sums!.subsidy]);

    const claim = await inJinyuan((tx) => exportServiceClaim(tx, staff, { month: '2027-01', cipher }));
    expect(claim).toMatchObject({ uses: 2, subsidyCents: month.subsidyCents });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(claim.bytes) as unknown as ArrayBuffer);
    const detail = wb.getWorksheet('明细')!;
    expect(detail.rowCount).toBe(3); // header + the two services done
    const names = [detail.getRow(2).getCell(3).value, detail.getRow(3).getCell(3).value];
    expect(names.sort()).toEqual([`服务对象${seq - 2}`, `服务对象${seq}`].sort());
    const subsidies = [2, 3].map((r) => Number(detail.getRow(r).getCell(7).value));
    expect(Math.round(subsidies.reduce((x, y) => x + y, 0) * 100)).toBe(month.subsidyCents);
    const [audit] = await withTenant(db.owner, tenantId, (tx) => tx.execute<{ n: number }>(sql`select count(*)::int as n from audit_events where action = 'export_service_claim'`));
    expect(audit!.n).toBe(1);
    // Nothing of the month reaches another community.
    const other = (await db.owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.adminCode, '520115001002')))[0]!.id;
    const staffThere = await caller('13800000005', other);
    expect((await withTenant(db.app, other, (tx) => getServiceSettlement(tx, staffThere, { month: '2027-01' }))).uses).toBe(0);
  });

  it('another community sees none of it', async () => {
    const other = (await db.owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.adminCode, '520115001002')))[0]!.id;
    const staffThere = await caller('13800000005', other);
    const [any] = await withTenant(db.owner, tenantId, (tx) => tx.select({ id: elderServiceBookings.id }).from(elderServiceBookings).limit(1));
    expect(await refusal(withTenant(db.app, other, (tx) => cancelServiceBooking(tx, staffThere, { bookingId: any!.id, now: cn('2026-12-01T09:00:00') })))).toBe('service.booking.notFound');
    expect((await withTenant(db.app, other, (tx) => getServiceDesk(tx, staffThere, { day: '2026-12-10' }))).slots).toEqual([]);
    const [n] = await withTenant(db.app, other, (tx) => tx.execute<{ n: number }>(sql`select count(*)::int as n from elder_service_bookings`));
    expect(n!.n).toBe(0);
  });
});

describe('who may be booked, and what the desk offers', () => {
  it('a service has a least age (60 unless configured), checked from the register’s birth: a child is refused in Chinese, someone without a birth too; 0 means anyone', async () => {
    const day = '2027-02-03';
    await inJinyuan((tx) => addServiceSlots(tx, staff, { serviceId: cleaningId, day, times: '09:00', capacity: 5 }));
    const slot = await slotAt(cleaningId, day, '09:00');
    const now = cn('2027-02-01T09:00:00');
    const child = await person('2018-03');
    const sixty = await person('1967-02'); // 60 on the slot's day (counted from the first of the birth month)
    const fiftyNine = await person('1967-03');
    seq += 1;
    const unknown = (await inJinyuan((tx) => registerResident(tx, admin, { name: `服务对象${seq}`, consent: true, consentChannel: 'in_person', cipher, now: new Date('2026-09-01T00:00:00Z') }))).id;

    const desk = await inJinyuan((tx) => getServiceDesk(tx, staff, { day }));
    expect(desk.services.find((s) => s.id === cleaningId)).toMatchObject({ minAge: 60 });
    expect(await inJinyuan((tx) => bookService(tx, staff, { slotId: slot, residentId: child, now })).catch((e) => e)).toMatchObject({ code: 'service.booking.tooYoung', params: { minAge: 60, age: 8 } });
    expect(await refusal(inJinyuan((tx) => bookService(tx, staff, { slotId: slot, residentId: fiftyNine, now })))).toBe('service.booking.tooYoung');
    expect(await refusal(inJinyuan((tx) => bookService(tx, staff, { slotId: slot, residentId: unknown, now })))).toBe('service.booking.noBirth');
    expect(await inJinyuan((tx) => bookService(tx, staff, { slotId: slot, residentId: sixty, now }))).toMatchObject({ status: 'confirmed' });
    // Said before booking: on the desk's quote and on the resident's own page.
    expect(await inJinyuan((tx) => quoteService(tx, staff, { slotId: slot, residentId: child }))).toMatchObject({ age: 'tooYoung', minAge: 60 });
    const own = await inJinyuan((tx) => getMyServices(tx, residentCaller({ tenantId, sessionId: 's', mobileIndex: 'i', mobileHint: 'h', residentId: child, signUpId: null }), { now, days: 7 }));
    const offered = own.services.find((s) => s.id === cleaningId)!;
    expect(offered.minAge).toBe(60);
    expect(offered.slots.find((s) => s.id === slot)).toMatchObject({ age: 'tooYoung' });
    expect(await refusal(inJinyuan((tx) => bookService(tx, asResident(child), { slotId: slot, residentId: child, now })))).toBe('service.booking.tooYoung');

    // The admin configures it: 0 is anyone (a rehabilitation room open to all ages), 70 is stricter.
    const rehab = await inJinyuan((tx) => saveElderService(tx, admin, { kind: 'rehab', name: '康复训练', durationMinutes: 45, price: '20', assessmentDays: '', minAge: '0' }));
    expect(rehab.minAge).toBeNull();
    await inJinyuan((tx) => addServiceSlots(tx, staff, { serviceId: rehab.id, day, times: '10:00', capacity: 5 }));
    const rehabSlot = await slotAt(rehab.id, day, '10:00');
    expect(await inJinyuan((tx) => bookService(tx, staff, { slotId: rehabSlot, residentId: child, now }))).toMatchObject({ status: 'confirmed' });
    const strict = await inJinyuan((tx) => saveElderService(tx, admin, { kind: 'physio', name: '理疗', durationMinutes: 45, price: '30', assessmentDays: '', minAge: '70' }));
    await inJinyuan((tx) => addServiceSlots(tx, staff, { serviceId: strict.id, day, times: '10:00', capacity: 5 }));
    const strictSlot = await slotAt(strict.id, day, '10:00');
    expect(await refusal(inJinyuan((tx) => bookService(tx, staff, { slotId: strictSlot, residentId: sixty, now })))).toBe('service.booking.tooYoung');
  });

  it('keeps the person chosen to book for by their id alone (no search in the address)', async () => {
    const elder = await person('1939-09');
    const desk = await inJinyuan((tx) => getServiceDesk(tx, staff, { day: '2027-02-03', forResidentId: elder, now: cn('2027-02-01T09:00:00') }));
    expect(desk.person).toMatchObject({ id: elder, nameHint: expect.any(String), age: 87 });
    expect((await inJinyuan((tx) => getServiceDesk(tx, staff, { day: '2027-02-03', forResidentId: 'not-an-id' }))).person).toBeNull();
    // Another community's person is nobody here.
    const other = (await db.owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.adminCode, '520115001002')))[0]!.id;
    const staffThere = await caller('13800000005', other);
    expect((await withTenant(db.app, other, (tx) => getServiceDesk(tx, staffThere, { day: '2027-02-03', forResidentId: elder }))).person).toBeNull();
  });

  it('offers on the desk only the steps the use cases take at that moment (confirm, cancel before the start; done or no-show from it)', async () => {
    const day = '2027-02-10';
    await inJinyuan((tx) => addServiceSlots(tx, staff, { serviceId: cleaningId, day, times: '09:00', capacity: 5 }));
    const slot = await slotAt(cleaningId, day, '09:00');
    const [a, b] = [await person('1940-01'), await person('1941-01')];
    const family = await person('1970-01');
    await inJinyuan((tx) => linkResidents(tx, admin, { residentId: b, otherId: family, kind: 'family_contact', relation: '女儿' }));
    const bookAt = cn('2027-02-05T09:00:00');
    const confirmed = await inJinyuan((tx) => bookService(tx, staff, { slotId: slot, residentId: a, now: bookAt }));
    const requested = await inJinyuan((tx) => bookService(tx, asResident(family), { slotId: slot, residentId: b, now: bookAt }));
    const ROLLBACK = new Error('rollback');
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
      'the day before': [cn('2027-02-09T09:00:00'), { confirm: false, cancel: true, done: false, noShow: false }, { confirm: true, cancel: true, done: false, noShow: false }],
      'once started': [cn('2027-02-10T09:30:00'), { confirm: false, cancel: false, done: true, noShow: true }, { confirm: true, cancel: false, done: false, noShow: false }],
    } as const;
    for (const [when, [now, confirmedActions, requestedActions]] of Object.entries(expected)) {
      const bookings = (await inJinyuan((tx) => getServiceDesk(tx, staff, { day, now }))).slots.flatMap((s) => s.bookings);
      expect({ when, actions: bookings.find((x) => x.id === confirmed.id)!.actions }).toEqual({ when, actions: confirmedActions });
      expect({ when, actions: bookings.find((x) => x.id === requested.id)!.actions }).toEqual({ when, actions: requestedActions });
      for (const booking of bookings) {
        const tried = {
          confirm: await succeeds((tx) => confirmServiceBooking(tx, staff, { bookingId: booking.id, now })),
          cancel: await succeeds((tx) => cancelServiceBooking(tx, staff, { bookingId: booking.id, now })),
          done: await succeeds((tx) => completeService(tx, staff, { bookingId: booking.id, note: '已完成', now })),
          noShow: await succeeds((tx) => markServiceNoShow(tx, staff, { bookingId: booking.id, now })),
        };
        expect({ when, status: booking.status, tried }).toEqual({ when, status: booking.status, tried: booking.actions });
      }
    }
  });
});

describe('issue 19, an outside trial: no slot in the past; whom the settlement is for', () => {
  it('a resident or family books only the slots 我的 shows (the next 7 days), the last time named; staff may book later ones', async () => {
    const now = cn('2027-04-06T09:00:00');
    await inJinyuan((tx) => addServiceSlots(tx, staff, { serviceId: cleaningId, day: '2027-04-13', times: '08:30 09:00', capacity: 3, now }));
    const parent = await person('1941-04');
    const son = await person('1969-09');
    await inJinyuan((tx) => linkResidents(tx, admin, { residentId: parent, otherId: son, kind: 'family_contact', relation: '儿子' }));
    const [inside, beyond] = [await slotAt(cleaningId, '2027-04-13', '08:30'), await slotAt(cleaningId, '2027-04-13', '09:00')];
    const page = await inJinyuan((tx) => getMyServices(tx, residentCaller({ tenantId, sessionId: 's', mobileIndex: 'i', mobileHint: 'h', residentId: son, signUpId: null }), { forResidentId: parent, now }));
    const shown = page.services.find((s) => s.id === cleaningId)!.slots.map((s) => s.id);
    expect(shown).toContain(inside);
    expect(shown).not.toContain(beyond);
    for (const who of [son, parent]) {
      expect(await inJinyuan((tx) => bookService(tx, asResident(who), { slotId: beyond, residentId: parent, now })).catch((e) => e)).toMatchObject({ code: 'service.slot.beyondOffered', params: { last: '2027-04-13 08:59' } });
    }
    expect(await inJinyuan((tx) => bookService(tx, asResident(son), { slotId: inside, residentId: parent, now }))).toMatchObject({ status: 'requested' });
    expect(await inJinyuan((tx) => bookService(tx, staff, { slotId: beyond, residentId: parent, now }))).toMatchObject({ status: 'confirmed' });
  });

  it('a slot at or before now is not opened (2025-01-01 was listed), said beside the start times with the time', async () => {
    const now = cn('2026-12-12T10:00:00');
    expect(await inJinyuan((tx) => addServiceSlots(tx, staff, { serviceId: cleaningId, day: '2025-01-01', times: '09:00', capacity: 1, now })).catch((e) => e)).toMatchObject({
      code: 'service.slot.openPast',
      params: { field: 'times', at: '2025-01-01 09:00' },
    });
    // Today: a time already passed refuses the whole list (nothing half-opened); later times open.
    expect(await inJinyuan((tx) => addServiceSlots(tx, staff, { serviceId: cleaningId, day: '2026-12-12', times: '14:00 10:00', capacity: 1, now })).catch((e) => e)).toMatchObject({ code: 'service.slot.openPast', params: { at: '2026-12-12 10:00' } });
    expect(await inJinyuan((tx) => addServiceSlots(tx, staff, { serviceId: cleaningId, day: '2026-12-12', times: '10:30 14:00', capacity: 1, now }))).toEqual({ created: 2 });
    const [listed] = await withTenant(db.owner, tenantId, (tx) => tx.execute<{ n: number }>(sql`select count(*)::int as n from elder_service_slots where starts_at < '2026-01-01'`));
    expect(listed!.n).toBe(0);
  });

  it('the settlement shows full names when asked by whoever may see personal data, written to the audit log', async () => {
    const masked = await inJinyuan((tx) => getServiceSettlement(tx, staff, { month: '2027-01' }));
    expect(masked.byPerson.every((p) => p.name === null)).toBe(true);
    const named = await inJinyuan((tx) => getServiceSettlement(tx, staff, { month: '2027-01', names: true, cipher }));
    expect(named.byPerson.length).toBe(masked.byPerson.length);
    expect(named.byPerson.every((p) => p.name !== null && p.name !== p.nameHint)).toBe(true);
    const [audit] = await withTenant(db.owner, tenantId, (tx) => tx.execute<{ n: number }>(sql`select count(*)::int as n from audit_events where action = 'reveal_settlement_names'`));
    expect(audit!.n).toBe(1);
  });
});

describe('issue 19: services\' subsidies — priority between rules, the monthly cap, a rule changed mid-month', () => {
  it('the highest priority wins over a larger amount, the larger amount on equal priority; the cap counts the month across a rule\'s versions; each service is priced by the rule of its own day, whenever it is done', async () => {
    const tags = new Map((await withTenant(db.owner, tenantId, (tx) => tx.select({ id: residentTags.id, name: residentTags.name }).from(residentTags))).map((t) => [t.name, t.id]));
    const [dibao, disabled] = [tags.get('低保')!, tags.get('失能/半失能')!];
    expect([dibao, disabled].every(Boolean)).toBe(true);
    // 康复 only (the other services keep the 高龄 rule of every kind: 20, then 25 yuan, priority 0).
    const rehabId = (await inJinyuan((tx) => saveElderService(tx, admin, { kind: 'rehab', name: '康复', durationMinutes: 60, price: '50', assessmentDays: '' }))).id;
    const rule = (over: Record<string, unknown>) => inJinyuan((tx) => addServiceSubsidyRule(tx, admin, { serviceKind: 'rehab', minAge: '', monthlyCap: '', effectiveFrom: '2027-03-01', now: RULES_SET, ...over } as Parameters<typeof addServiceSubsidyRule>[2]));
    await rule({ name: '康复低保', tagId: dibao, perUse: '30', monthlyCap: '80', priority: 10 });
    await rule({ name: '康复高龄', minAge: '80', perUse: '35', priority: 5 });
    await rule({ name: '康复失能', tagId: disabled, perUse: '40', priority: 10 });
    const opened = cn('2027-02-20T09:00:00');
    for (const day of ['2027-03-03', '2027-03-10', '2027-03-20']) await inJinyuan((tx) => addServiceSlots(tx, staff, { serviceId: rehabId, day, times: '09:00', capacity: 3, now: opened }));
    const [s03, s10, s20] = [await slotAt(rehabId, '2027-03-03', '09:00'), await slotAt(rehabId, '2027-03-10', '09:00'), await slotAt(rehabId, '2027-03-20', '09:00')];

    // Priority: 82 and 低保 → 康复低保 (priority 10, 30 yuan) over 康复高龄 (priority 5, 35) and 高龄 (0, 25).
    const poorOld = await person('1944-06', [dibao]);
    const old = await person('1944-06');
    const both = await person('1956-06', [dibao, disabled]);
    const quote = (residentId: string, slotId = s03) => inJinyuan((tx) => quoteService(tx, staff, { slotId, residentId }));
    expect(await quote(poorOld)).toMatchObject({ subsidyCents: 3000, payCents: 2000, category: '康复低保' });
    expect(await quote(old)).toMatchObject({ subsidyCents: 3500, payCents: 1500, category: '康复高龄' });
    // Equal priority (低保 and 失能, both 10): the larger amount, 40 yuan.
    expect(await quote(both)).toMatchObject({ subsidyCents: 4000, payCents: 1000, category: '康复失能' });

    // The monthly cap (80 yuan) counts the month's planned services in the quote before booking: 30 + 30 + 20.
    const booked = [];
    for (const slotId of [s03, s10, s20]) booked.push(await inJinyuan((tx) => bookService(tx, staff, { slotId, residentId: poorOld, now: cn('2027-02-25T09:00:00') })));
    expect(booked.map((b) => b.subsidyCents)).toEqual([3000, 3000, 2000]);

    // 康复低保 rises to 40 yuan from 15 March (same cap): a new version of the rule; the old one ends that day.
    expect(await rule({ name: '康复低保', tagId: dibao, perUse: '40', monthlyCap: '80', priority: 10, effectiveFrom: '2027-03-15' })).toMatchObject({ ended: 1 });
    expect(await quote(both, s20)).toMatchObject({ subsidyCents: 4000, category: '康复失能' });

    // Done: the 3 March service on its day (30); the 10 March one noted only on the 16th, after the change: still the
    // rule of its own day (30, the old version); the 20 March one under the new version (40), but only 20 is left of
    // the month's cap, counted across both versions of the rule.
    const done = async (bookingId: string, at: string) => inJinyuan((tx) => completeService(tx, staff, { bookingId, note: '康复训练', now: cn(at) }));
    expect(await done(booked[0]!.id, '2027-03-03T10:00:00')).toMatchObject({ subsidyCents: 3000, payCents: 2000 });
    expect(await done(booked[1]!.id, '2027-03-16T10:00:00')).toMatchObject({ subsidyCents: 3000, payCents: 2000 });
    expect(await done(booked[2]!.id, '2027-03-20T10:00:00')).toMatchObject({ subsidyCents: 2000, payCents: 3000 });
    const rows = await withTenant(db.owner, tenantId, (tx) =>
      tx.execute<{ day: string; subsidy: number; per_use: number; category: string }>(sql`select to_char(s.starts_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day, b.subsidy_cents as subsidy, r.per_use_cents as per_use, b.category
        from elder_service_bookings b join elder_service_slots s on s.id = b.slot_id join elder_service_subsidy_rules r on r.id = b.rule_id
        where b.resident_id = ${poorOld} order by s.starts_at`),
    );
    expect(rows.map((r) => [r.day, r.subsidy, r.per_use, r.category])).toEqual([
      ['2027-03-03', 3000, 3000, '康复低保'],
      ['2027-03-10', 3000, 3000, '康复低保'],
      ['2027-03-20', 2000, 4000, '康复低保'],
    ]);
    // The month's settlement counts 80 yuan for this person: the cap, no more.
    const month = await inJinyuan((tx) => getServiceSettlement(tx, staff, { month: '2027-03' }));
    expect(month.byPerson.find((p) => p.residentId === poorOld)).toMatchObject({ subsidyCents: 8000 });
  });
});

describe('the demo services', () => {
  it('seeds 助浴 and 助洁 with slots on the coming weekdays, assessments for bathing, and bookings priced by the rule table, once', async () => {
    const { seedDemo, seedDemoResidents, seedDemoServices } = await import('../src/seed/index.ts');
    const { createTestDatabase, createTestOwnerDb } = await import('@shequ/db/testing');
    const tdb = await createTestDatabase();
    const owner = createTestOwnerDb(tdb.ownerUrl, 2);
    const now = cn('2026-11-29T10:00:00'); // a Sunday: the coming weekdays are 30 November to 4 December
    try {
      await seedDemo(owner);
      await seedDemoResidents(owner, { cipher, people: 400, now });
      const first = await seedDemoServices(owner, { now });
      // Two services, 5 weekdays × (3 bathing + 2 cleaning) slots.
      expect(first).toMatchObject({ services: 2, slots: 25 });
      expect(first.bookings).toBeGreaterThan(5);
      expect(await seedDemoServices(owner, { now })).toEqual({ services: 0, slots: 0, bookings: 0 });
      const jinyuan = (await owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, 'jinyuan')))[0]!.id;
      const slots = await withTenant(owner, jinyuan, (tx) =>
        tx.execute<{ day: string; dow: number; service: string; capacity: number; taken: number }>(sql`select to_char(s.starts_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day,
            extract(isodow from s.starts_at at time zone 'Asia/Shanghai')::int as dow, e.name as service, s.capacity,
            (select count(*)::int from elder_service_bookings b where b.slot_id = s.id) as taken
          from elder_service_slots s join elder_services e on e.id = s.service_id`),
      );
      expect([...new Set(slots.map((s) => s.day))].sort()).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04']);
      expect(slots.every((s) => s.dow <= 5 && s.taken <= s.capacity)).toBe(true);
      expect(new Set(slots.map((s) => s.service))).toEqual(new Set(['助浴', '助洁']));
      // Each booking as bookService would make it: the bathing ones with an assessment of the last 180 days, and the
      // price after subsidy the rule table gives (80+: 高龄 20 元; 失能/半失能: 30 元), not the full price for all.
      const bookings = await withTenant(owner, jinyuan, (tx) =>
        tx.execute<{ service: string; day: string; subsidy: number; category: string | null; birth: string | null; disabled: boolean; assessed: string | null }>(sql`select e.name as service,
            to_char(s.starts_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day, b.subsidy_cents as subsidy, b.category, r.birth,
            exists (select 1 from resident_tag_links l join resident_tags t on t.id = l.tag_id where l.resident_id = r.id and t.name = '失能/半失能') as disabled,
            (select max(a.assessed_on)::text from ability_assessments a where a.resident_id = r.id) as assessed
          from elder_service_bookings b join elder_service_slots s on s.id = b.slot_id join elder_services e on e.id = s.service_id join residents r on r.id = b.resident_id`),
      );
      expect(bookings).toHaveLength(first.bookings);
      for (const b of bookings.filter((x) => x.service === '助浴')) expect(assessmentCurrent(180, b.assessed, b.day)).toBe(true);
      for (const b of bookings) {
        const expected = b.disabled ? '失能' : b.birth && ageOn(b.birth, b.day) >= 80 ? '高龄' : null;
        expect({ category: b.category, subsidied: b.subsidy > 0 }).toEqual({ category: expected, subsidied: expected !== null });
      }
      expect(bookings.some((b) => b.subsidy > 0)).toBe(true);
    } finally {
      await owner.close();
      await tdb.drop();
    }
  }, 120_000);
});

describe('a grid worker at the desk (found by an outside trial of issue 13)', () => {
  it('sees the bookings of the people of their own grids only', async () => {
    const building = async (name: string) => (await withTenant(db.owner, tenantId, (tx) => tx.execute<{ id: string }>(sql`select id from buildings where name = ${name}`)))[0]!.id as string;
    const placed = async (name: string, buildingName: string) =>
      (await inJinyuan(async (tx) => registerResident(tx, admin, { name, birth: '1941-05', buildingId: await building(buildingName), consent: true, consentChannel: 'in_person', cipher, now: new Date('2026-09-01T00:00:00Z') }))).id;
    const mine = await placed('一格老人', '1栋');
    const theirs = await placed('别格老人', '12栋');
    await inJinyuan((tx) => addServiceSlots(tx, staff, { serviceId: cleaningId, day: '2026-12-22', times: '09:00', capacity: 3 }));
    const slot = await slotAt(cleaningId, '2026-12-22', '09:00');
    for (const residentId of [mine, theirs]) await inJinyuan((tx) => bookService(tx, staff, { slotId: slot, residentId, now: cn('2026-12-01T09:00:00') }));
    const booked = (desk: Awaited<ReturnType<typeof getServiceDesk>>) => desk.slots.find((s) => s.id === slot)!.bookings.map((b) => b.residentId);
    expect(booked(await inJinyuan((tx) => getServiceDesk(tx, staff, { day: '2026-12-22' })))).toEqual([mine, theirs]);
    const gridWorker = await caller('13800000006');
    const own = await inJinyuan((tx) => getServiceDesk(tx, gridWorker, { day: '2026-12-22' }));
    expect(booked(own)).toEqual([mine]);
    // The places taken are the slot's, not the grid worker's share of them (a full slot never shows as free).
    expect(own.slots.find((s) => s.id === slot)!.taken).toBe(2);
  });
});
