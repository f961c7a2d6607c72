import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import { elderServiceBookings, elderServices, elderServiceSlots, residents, type Tx } from '@shequ/db';
import { type ElderServiceKind, type ServiceBookingStatus } from '@shequ/domain';

// The building blocks of this section's two use cases (list-my-*, get-my-*): off the package root.

/** How many days ahead 我的 shows service slots (getMyServices' default); bookService by a resident or family stops there. */
export const MY_SERVICE_DAYS = 7;

/** The end (exclusive) of the slots 我的 offers from `now`: slots starting before it (getMyServices, bookService). */
export function myServiceHorizon(now: Date, days = MY_SERVICE_DAYS): Date {
  return new Date(now.getTime() + Math.min(14, Math.max(1, days)) * 86_400_000);
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
