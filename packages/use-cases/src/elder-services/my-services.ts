import { and, asc, eq, gt, inArray, lt } from 'drizzle-orm';
import { elderServiceBookings, elderServices, elderServiceSlots, residents, type Tx } from '@shequ/db';
import { assessmentCurrent, chinaDate, type ElderServiceKind, type ServiceBookingStatus, serviceAgeCheck } from '@shequ/domain';
import type { ResidentCaller, ResidentSelf } from '../caller.ts';
import { mealPeopleOf, mealResidentOf } from '../meals/my-meals.ts';
import { mealPerson } from '../meals/station.ts';
import { latestAssessment, priceService, slotTaken } from './shared.ts';

/** Upcoming bookings (slot not yet started) of some people, with the service and what they pay. */
async function upcomingServiceBookings(tx: Tx, tenantId: string, residentIds: string[], now: Date) {
  if (!residentIds.length) return [];
  const rows = await tx
    .select({ b: elderServiceBookings, startsAt: elderServiceSlots.startsAt, place: elderServiceSlots.place, service: elderServices.name, kind: elderServices.kind, nameHint: residents.nameHint })
    .from(elderServiceBookings)
    .innerJoin(elderServiceSlots, and(eq(elderServiceSlots.tenantId, elderServiceBookings.tenantId), eq(elderServiceSlots.id, elderServiceBookings.slotId)))
    .innerJoin(elderServices, and(eq(elderServices.tenantId, elderServiceSlots.tenantId), eq(elderServices.id, elderServiceSlots.serviceId)))
    .innerJoin(residents, and(eq(residents.tenantId, elderServiceBookings.tenantId), eq(residents.id, elderServiceBookings.residentId)))
    .where(and(eq(elderServiceBookings.tenantId, tenantId), inArray(elderServiceBookings.residentId, residentIds), gt(elderServiceSlots.startsAt, now), inArray(elderServiceBookings.status, ['requested', 'confirmed'])))
    .orderBy(asc(elderServiceSlots.startsAt))
    .limit(20);
  return rows.map(({ b, startsAt, place, service, kind, nameHint }) => ({
    id: b.id,
    slotId: b.slotId,
    residentId: b.residentId,
    nameHint,
    service,
    kind: kind as ElderServiceKind,
    startsAt: startsAt.toISOString(),
    place,
    status: b.status as ServiceBookingStatus,
    payCents: b.priceCents - b.subsidyCents,
  }));
}

/**
 * The "我的" section of the station's services (MY_PAGE_SECTIONS key `myServices`): the coming services booked for
 * the resident and the family they may book for, or `ready: false` while their sign-up waits for staff.
 */
export async function listMyServices(tx: Tx, self: ResidentSelf, now = new Date()) {
  if (!self.residentId) return { ready: false, bookings: [] };
  const people = await mealPeopleOf(tx, self.tenantId, self.residentId);
  const bookings = await upcomingServiceBookings(
    tx,
    self.tenantId,
    people.map((p) => p.id),
    now,
  );
  return { ready: true, bookings: bookings.map((b) => ({ ...b, self: b.residentId === self.residentId })) };
}

/**
 * The resident's services page for one person (themselves, or a parent: `forResidentId`): the active services with
 * their open slots of the next `days` days (default 7): time, place, places left, the price quoted for that person
 * (fen, after subsidy), whether the prerequisite holds and whether the person is old enough on that day (`age`:
 * 'ok', 'tooYoung', 'noBirth', against the service's `minAge`; bookService refuses the others); that person's
 * coming bookings (cancellable until the slot starts) and their latest ability assessment. Input: `{ forResidentId?, days?, now? }`.
 * Output: `{ people, person, assessment, services: [{ …, slots }], bookings }`. Refuses: meal.notResident.
 */
export async function getMyServices(tx: Tx, caller: ResidentCaller, input: { forResidentId?: string | null; days?: number; now?: Date } = {}) {
  const mc = mealResidentOf(caller);
  const { tenantId, residentId: selfId } = mc.resident;
  const now = input.now ?? new Date();
  const people = await mealPeopleOf(tx, tenantId, selfId);
  const person = people.find((p) => p.id === input.forResidentId) ?? people.find((p) => p.self)!;
  const until = new Date(now.getTime() + Math.min(14, Math.max(1, input.days ?? 7)) * 86_400_000);
  const services = await tx.select().from(elderServices).where(and(eq(elderServices.tenantId, tenantId), eq(elderServices.active, true))).orderBy(asc(elderServices.name));
  const slots = await tx
    .select()
    .from(elderServiceSlots)
    .where(and(eq(elderServiceSlots.tenantId, tenantId), gt(elderServiceSlots.startsAt, now), lt(elderServiceSlots.startsAt, until)))
    .orderBy(asc(elderServiceSlots.startsAt));
  const assessment = await latestAssessment(tx, tenantId, person.id);
  const { birth } = await mealPerson(tx, tenantId, person.id);
  const bookings = await upcomingServiceBookings(tx, tenantId, [person.id], now);
  const quotes = new Map<string, Awaited<ReturnType<typeof priceService>>>();
  const out = [];
  for (const service of services) {
    const open = [];
    for (const slot of slots.filter((s) => s.serviceId === service.id)) {
      const key = `${service.id}:${chinaDate(slot.startsAt)}`;
      if (!quotes.has(key)) quotes.set(key, await priceService(tx, tenantId, service, slot, person.id, 'planned'));
      const quote = quotes.get(key)!;
      open.push({
        id: slot.id,
        startsAt: slot.startsAt.toISOString(),
        place: slot.place,
        placesLeft: Math.max(0, slot.capacity - (await slotTaken(tx, tenantId, slot.id))),
        payCents: quote.payCents,
        subsidyCents: quote.subsidyCents,
        category: quote.category,
        assessmentOk: assessmentCurrent(service.assessmentDays, assessment?.assessedOn ?? null, chinaDate(slot.startsAt)),
        age: serviceAgeCheck(service.minAge, birth, chinaDate(slot.startsAt)),
        booking: bookings.find((b) => b.slotId === slot.id) ?? null,
      });
    }
    out.push({ id: service.id, kind: service.kind as ElderServiceKind, name: service.name, durationMinutes: service.durationMinutes, priceCents: service.priceCents, assessmentDays: service.assessmentDays, minAge: service.minAge, slots: open });
  }
  return { people, person, assessment, services: out, bookings };
}
