import { and, asc, eq, gte, inArray, lt } from 'drizzle-orm';
import { buildings, elderServiceBookings, elderServices, elderServiceSlots, elderServiceSubsidyRules, grids, residents, type Tx } from '@shequ/db';
import { addDays, ageOn, chinaDate, chinaInstant, type ElderServiceKind, isCalendarDay, type ServiceBookingStatus, ruleLastDay, serviceBookingActions } from '@shequ/domain';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { loadResident, registerScope } from '../residents/person.ts';
import { assertServiceStaff, elderService, noShowCounts, serviceCommunity } from './shared.ts';

/**
 * The station's service desk for a day (China date): the services (kind, minutes, price in fen, prerequisite), the
 * subsidy rules, and the day's slots with their bookings (masked name, building, status, what the person pays, who
 * booked, the note after the service, the person's no-shows so far, and `actions`: the steps the use cases would
 * take now, domain serviceBookingActions, so the desk shows no button the server then refuses; a grid worker, who
 * books for the people of their grids, may cancel their bookings), and the person
 * chosen to book for (`forResidentId`, kept by its id alone: the desk forgot them when the search was no longer in
 * the address; null when the caller may not see them).
 * The station's staff see every booking; a grid worker only those of the people of their own grids.
 * Input: `{ day, forResidentId?, now? }`. Output: `{ day, services, rules, person, slots: [{ id, serviceId, service,
 * startsAt, capacity, taken (places held by anyone's booking), place, bookings }] }`.
 * Refuses: service.slot.times (not a day); forbidden.
 */
export async function getServiceDesk(tx: Tx, caller: StaffCaller, input: { day: string; forResidentId?: string | null; now?: Date }) {
  assertServiceStaff(caller, 'read');
  const tenantId = serviceCommunity(caller);
  if (!isCalendarDay(input.day)) throw new UseCaseError('service.slot.times', { field: 'day' });
  const services = await tx.select().from(elderServices).where(eq(elderServices.tenantId, tenantId)).orderBy(asc(elderServices.name));
  const rules = await tx.select().from(elderServiceSubsidyRules).where(eq(elderServiceSubsidyRules.tenantId, tenantId)).orderBy(asc(elderServiceSubsidyRules.name), asc(elderServiceSubsidyRules.effectiveFrom));
  const slots = await tx
    .select()
    .from(elderServiceSlots)
    .where(and(eq(elderServiceSlots.tenantId, tenantId), gte(elderServiceSlots.startsAt, chinaInstant(input.day, '00:00')), lt(elderServiceSlots.startsAt, chinaInstant(addDays(input.day, 1), '00:00'))))
    .orderBy(asc(elderServiceSlots.startsAt));
  // The station's staff see everyone's bookings; a grid worker (who books on behalf) the people of their own grids, as
  // on the meals' list (an outside trial of issue 13 saw 12栋's and 7栋's bookings as 第一网格's grid worker).
  const scope = caller.ability.can('update', elderService(tenantId)) ? undefined : registerScope(caller, tenantId);
  const bookings = slots.length && scope !== null
    ? await tx
        .select({ b: elderServiceBookings, nameHint: residents.nameHint, building: buildings.name })
        .from(elderServiceBookings)
        .innerJoin(residents, and(eq(residents.tenantId, elderServiceBookings.tenantId), eq(residents.id, elderServiceBookings.residentId)))
        .leftJoin(buildings, and(eq(buildings.tenantId, residents.tenantId), eq(buildings.id, residents.buildingId)))
        .leftJoin(grids, and(eq(grids.tenantId, buildings.tenantId), eq(grids.id, buildings.gridId)))
        .where(and(eq(elderServiceBookings.tenantId, tenantId), inArray(elderServiceBookings.slotId, slots.map((s) => s.id)), scope))
        .orderBy(asc(elderServiceBookings.createdAt))
    : [];
  // Places taken count every booking of the slot, whoever may see whose (a grid worker sees only their grids' people,
  // never a full slot as free).
  const held = slots.length
    ? await tx
        .select({ slotId: elderServiceBookings.slotId })
        .from(elderServiceBookings)
        .where(and(eq(elderServiceBookings.tenantId, tenantId), inArray(elderServiceBookings.slotId, slots.map((s) => s.id)), inArray(elderServiceBookings.status, ['requested', 'confirmed', 'done'])))
    : [];
  const now = input.now ?? new Date();
  const mayChange = caller.ability.can('update', elderService(tenantId));
  // Whoever may book for the people they see here (a grid worker: their own grids) may cancel those bookings.
  const mayBook = caller.ability.can('create', elderService(tenantId));
  const person = input.forResidentId ? await deskPerson(tx, caller, tenantId, input.forResidentId, chinaDate(now)) : null;
  const noShows = await noShowCounts(tx, tenantId, [...new Set(bookings.map((x) => x.b.residentId))]);
  return {
    day: input.day,
    services: services.map((s) => ({ id: s.id, kind: s.kind as ElderServiceKind, name: s.name, durationMinutes: s.durationMinutes, priceCents: s.priceCents, assessmentDays: s.assessmentDays, minAge: s.minAge, active: s.active })),
    person,
    rules: rules.map((r) => ({ id: r.id, name: r.name, serviceKind: r.serviceKind as ElderServiceKind | null, minAge: r.minAge, tagId: r.tagId, perUseCents: r.perUseCents, monthlyCapCents: r.monthlyCapCents, priority: r.priority, effectiveFrom: r.effectiveFrom, effectiveTo: r.effectiveTo, lastDay: ruleLastDay(r.effectiveTo) })),
    slots: slots.map((s) => ({
      id: s.id,
      serviceId: s.serviceId,
      service: services.find((x) => x.id === s.serviceId)?.name ?? '',
      startsAt: s.startsAt.toISOString(),
      capacity: s.capacity,
      taken: held.filter((h) => h.slotId === s.id).length,
      place: s.place,
      bookings: bookings
        .filter((x) => x.b.slotId === s.id)
        .map(({ b, nameHint, building }) => ({
          id: b.id,
          residentId: b.residentId,
          nameHint,
          building,
          status: b.status as ServiceBookingStatus,
          payCents: b.priceCents - b.subsidyCents,
          subsidyCents: b.subsidyCents,
          category: b.category,
          bookedBy: b.bookedBy,
          note: b.note,
          noShows: noShows.get(b.residentId) ?? 0,
          actions: mayChange ? serviceBookingActions(b.status, s.startsAt, now) : { confirm: false, cancel: mayBook && serviceBookingActions(b.status, s.startsAt, now).cancel, done: false, noShow: false },
        })),
    })),
  };
}

/** The person the desk books for, as its staff may see them (masked name, age, building), or null. */
async function deskPerson(tx: Tx, caller: StaffCaller, tenantId: string, residentId: string, today: string) {
  try {
    const { row, building } = await loadResident(tx, caller.ability, tenantId, residentId, 'read');
    if (row.status !== 'active') return null;
    return { id: row.id, nameHint: row.nameHint, age: row.birth ? ageOn(row.birth, today) : null, building };
  } catch (error) {
    if (error instanceof UseCaseError && error.code === 'resident.notFound') return null;
    throw error;
  }
}
