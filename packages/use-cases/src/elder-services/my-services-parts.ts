import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import { elderServiceBookings, elderServices, elderServiceSlots, residents, type Tx } from '@shequ/db';
import { type ElderServiceKind, type ServiceBookingStatus } from '@shequ/domain';

// The building blocks of this section's two use cases (list-my-*, get-my-*): off the package root.
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
