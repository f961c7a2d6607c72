import { and, eq } from 'drizzle-orm';
import { elderServiceBookings, type Tx } from '@shequ/db';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import type { z } from '../zod.ts';
import { serviceBookingSchema } from './elder-services.schema.ts';
import { lockServiceBooking, type ServiceCaller } from './shared.ts';
import { actedBy } from '../residents/acting-for.ts';

/**
 * cancelServiceBooking: a requested or confirmed booking cancelled before its slot starts, by staff, whoever may book for
 * the person (a grid worker for their own grids), the person or their family; the place is free again. Input: `{ bookingId, now? }`. Output: `{ id }`.
 * Refuses: service.booking.notFound; service.booking.notActive; service.booking.started; forbidden.
 */
export async function cancelServiceBooking(tx: Tx, caller: ServiceCaller, input: z.input<typeof serviceBookingSchema> & { now?: Date }) {
  const p = parseInput(serviceBookingSchema, input);
  const now = input.now ?? new Date();
  const { tenantId, slot, booking } = await lockServiceBooking(tx, caller, p.bookingId, true);
  if (booking.status !== 'requested' && booking.status !== 'confirmed') throw new UseCaseError('service.booking.notActive');
  if (slot.startsAt <= now) throw new UseCaseError('service.booking.started');
  // Who cancelled it is kept: 我的 tells a family member who had booked it (the office, the parent, another of the family).
  const who = actedBy(caller, booking.residentId);
  await tx.update(elderServiceBookings).set({ status: 'cancelled', cancelledAt: now, cancelledBy: who.by, cancelledByResidentId: who.byResidentId, updatedAt: now }).where(and(eq(elderServiceBookings.tenantId, tenantId), eq(elderServiceBookings.id, booking.id)));
  return { id: booking.id };
}
