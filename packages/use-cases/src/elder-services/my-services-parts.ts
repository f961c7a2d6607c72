import { and, asc, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import { elderServiceBookings, elderServices, elderServiceSlots, residents, type Tx } from '@shequ/db';
import { type ElderServiceKind, type ServiceBookingStatus } from '@shequ/domain';
import { endedByFor } from '../residents/acting-for.ts';

// The building blocks of this section's two use cases (list-my-*, get-my-*): off the package root.

/** How many days ahead 我的 shows service slots (getMyServices' default); bookService by a resident or family stops there. */
export const MY_SERVICE_DAYS = 7;

/** The end (exclusive) of the slots 我的 offers from `now`: slots starting before it (getMyServices, bookService). */
export function myServiceHorizon(now: Date, days = MY_SERVICE_DAYS): Date {
  return new Date(now.getTime() + Math.min(14, Math.max(1, days)) * 86_400_000);
}

/**
 * A person's bookings of slots not yet started that were cancelled and not booked again, the latest of each slot, with
 * who cancelled them as the one looking (`viewerId`) reads it (endedByFor) — 我的 said nothing of a parent's bathing
 * help the office or the parent had cancelled (issue 19's review). Output: `[{ id, service, kind, startsAt, place, endedBy }]`.
 */
export async function endedServiceBookings(tx: Tx, tenantId: string, residentId: string, viewerId: string, now: Date) {
  const rows = await tx
    .select({
      id: elderServiceBookings.id,
      slotId: elderServiceBookings.slotId,
      startsAt: elderServiceSlots.startsAt,
      place: elderServiceSlots.place,
      service: elderServices.name,
      kind: elderServices.kind,
      by: elderServiceBookings.cancelledBy,
      byResidentId: elderServiceBookings.cancelledByResidentId,
      live: sql<boolean>`exists (select 1 from elder_service_bookings l where l.tenant_id = ${elderServiceBookings.tenantId} and l.slot_id = ${elderServiceBookings.slotId} and l.resident_id = ${elderServiceBookings.residentId} and l.status in ('requested', 'confirmed', 'done'))`,
    })
    .from(elderServiceBookings)
    .innerJoin(elderServiceSlots, and(eq(elderServiceSlots.tenantId, elderServiceBookings.tenantId), eq(elderServiceSlots.id, elderServiceBookings.slotId)))
    .innerJoin(elderServices, and(eq(elderServices.tenantId, elderServiceSlots.tenantId), eq(elderServices.id, elderServiceSlots.serviceId)))
    .where(and(eq(elderServiceBookings.tenantId, tenantId), eq(elderServiceBookings.residentId, residentId), gt(elderServiceSlots.startsAt, now), eq(elderServiceBookings.status, 'cancelled')))
    .orderBy(asc(elderServiceSlots.startsAt), desc(elderServiceBookings.createdAt), desc(elderServiceBookings.id))
    .limit(20);
  const seen = new Set<string>();
  return rows.flatMap((r) => {
    if (r.live || seen.has(r.slotId)) return [];
    seen.add(r.slotId);
    return [{ id: r.id, service: r.service, kind: r.kind as ElderServiceKind, startsAt: r.startsAt.toISOString(), place: r.place, status: 'cancelled' as const, endedBy: endedByFor(viewerId, r) }];
  });
}

/** Upcoming bookings (slot not yet started) of some people, with the service and what they pay. */
export async function upcomingServiceBookings(tx: Tx, tenantId: string, residentIds: string[], now: Date) {
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
