import { and, eq } from 'drizzle-orm';
import { elderServiceBookings, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import type { z } from '../zod.ts';
import { serviceBookingSchema } from './elder-services.schema.ts';
import { assertServiceStaff, lockServiceBooking } from './shared.ts';

/**
 * confirmServiceBooking: the station confirms a slot a resident or family requested. Input: `{ bookingId, now? }`.
 * Output: `{ id }`. Refuses: service.booking.notFound; service.booking.notRequested; forbidden.
 */
export async function confirmServiceBooking(tx: Tx, caller: StaffCaller, input: z.input<typeof serviceBookingSchema> & { now?: Date }) {
  assertServiceStaff(caller, 'update');
  const p = parseInput(serviceBookingSchema, input);
  const { tenantId, booking } = await lockServiceBooking(tx, caller, p.bookingId);
  if (booking.status !== 'requested') throw new UseCaseError('service.booking.notRequested');
  const now = input.now ?? new Date();
  await tx.update(elderServiceBookings).set({ status: 'confirmed', confirmedAt: now, updatedAt: now }).where(and(eq(elderServiceBookings.tenantId, tenantId), eq(elderServiceBookings.id, booking.id)));
  return { id: booking.id };
}
