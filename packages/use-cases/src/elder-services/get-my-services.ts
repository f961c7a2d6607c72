import { and, asc, eq, gt, lt } from 'drizzle-orm';
import { elderServices, elderServiceSlots, type Tx } from '@shequ/db';
import { assessmentCurrent, chinaDate, type ElderServiceKind, serviceAgeCheck } from '@shequ/domain';
import type { ResidentCaller } from '../caller.ts';
import { mealPerson } from '../meals/station.ts';
import { latestAssessment, priceService, slotTaken } from './shared.ts';
import { mealResidentOf } from '../meals/meal-resident-of.ts';
import { mealPeopleOf } from '../meals/my-meals-parts.ts';
import { endedServiceBookings, myServiceHorizon, upcomingServiceBookings } from './my-services-parts.ts';

/**
 * The resident's services page for one person (themselves, or a parent: `forResidentId`): the active services with
 * their open slots of the next `days` days (default MY_SERVICE_DAYS = 7, at most 14; bookService by a resident or family stops there): time, place, places left, the price quoted for that person
 * (fen, after subsidy), whether the prerequisite holds and whether the person is old enough on that day (`age`:
 * 'ok', 'tooYoung', 'noBirth', against the service's `minAge`; bookService refuses the others); that person's
 * coming bookings (cancellable until the slot starts), those cancelled and not booked again with who cancelled them
 * (endedServiceBookings), and their latest ability assessment. Input: `{ forResidentId?, days?, now? }`.
 * Output: `{ people, person, assessment, services: [{ …, slots }], bookings, ended }`. Refuses: meal.notResident.
 */
export async function getMyServices(tx: Tx, caller: ResidentCaller, input: { forResidentId?: string | null; days?: number; now?: Date } = {}) {
  const mc = mealResidentOf(caller);
  const { tenantId, residentId: selfId } = mc.resident;
  const now = input.now ?? new Date();
  const people = await mealPeopleOf(tx, tenantId, selfId);
  const person = people.find((p) => p.id === input.forResidentId) ?? people.find((p) => p.self)!;
  const until = myServiceHorizon(now, input.days);
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
  return { people, person, assessment, services: out, bookings, ended: await endedServiceBookings(tx, tenantId, person.id, selfId, now) };
}
