import { and, eq } from 'drizzle-orm';
import { elderServiceBookings, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import type { z } from '../zod.ts';
import { serviceBookingSchema } from './elder-services.schema.ts';
import { assertServiceStaff, lockServiceBooking } from './shared.ts';

/**
 * markServiceNoShow: the person did not come (or was not home) for a confirmed slot that has started; counted per
 * person on the desk. Input: `{ bookingId, now? }`. Output: `{ id }`.
 * Refuses: service.booking.notFound; service.booking.notConfirmed; service.booking.notYet; forbidden.
 */
export async function markServiceNoShow(tx: Tx, caller: StaffCaller, input: z.input<typeof serviceBookingSchema> & { now?: Date }) {
  assertServiceStaff(caller, 'update');
  const p = parseInput(serviceBookingSchema, input);
  const now = input.now ?? new Date();
  const { tenantId, slot, booking } = await lockServiceBooking(tx, caller, p.bookingId);
  if (booking.status !== 'confirmed') throw new UseCaseError('service.booking.notConfirmed');
  if (now < slot.startsAt) throw new UseCaseError('service.booking.notYet');
  await tx.update(elderServiceBookings).set({ status: 'no_show', updatedAt: now }).where(and(eq(elderServiceBookings.tenantId, tenantId), eq(elderServiceBookings.id, booking.id)));
  return { id: booking.id };
}
