import { and, eq } from 'drizzle-orm';
import { mealBookings, type Tx } from '@shequ/db';
import type { z } from '../zod.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { mealBookingSchema } from './meals.schema.ts';
import { actedBy } from '../residents/acting-for.ts';
import { cutoffOf, firstWaiting, loadBooking, loadSitting, lockSittingDay, type MealCaller, mealCommunity, promoteFirstWaiting, settleCollection } from './station.ts';

/**
 * After the cut-off, gives a booked meal to the first on the waiting list (the kitchen cooks the same number): the
 * booking becomes 'given_away' and the one waiting becomes 'booked'. Before the cut-off, cancel instead. Staff, the
 * resident, or their family. Input: `{ bookingId, now? }`. Output: `{ id, promotedId }`.
 * Refuses: meal.booking.notFound; meal.booking.notBooked; meal.booking.beforeCutoff; meal.booking.noOneWaiting
 * (nobody to give it to: the booking stays); forbidden.
 */
export async function offerBookedMeal(tx: Tx, caller: MealCaller, input: z.input<typeof mealBookingSchema> & { now?: Date }) {
  const p = parseInput(mealBookingSchema, input);
  const now = input.now ?? new Date();
  const tenantId = mealCommunity(caller);
  const first = await loadBooking(tx, caller, p.bookingId);
  const sitting = await loadSitting(tx, tenantId, first.sittingId);
  await lockSittingDay(tx, tenantId, sitting.id, first.day);
  const booking = await loadBooking(tx, caller, p.bookingId, true);
  if (booking.status !== 'booked') throw new UseCaseError('meal.booking.notBooked');
  if (now < cutoffOf(sitting, booking.day)) throw new UseCaseError('meal.booking.beforeCutoff');
  if (!(await firstWaiting(tx, tenantId, sitting.id, booking.day))) throw new UseCaseError('meal.booking.noOneWaiting');
  const who = actedBy(caller, booking.residentId);
  await tx.update(mealBookings).set({ status: 'given_away', cancelledAt: now, cancelledBy: who.by, cancelledByResidentId: who.byResidentId, updatedAt: now }).where(and(eq(mealBookings.tenantId, tenantId), eq(mealBookings.id, booking.id)));
  await settleCollection(tx, tenantId, booking.id, 'cancelled', now);
  const promotedId = await promoteFirstWaiting(tx, tenantId, sitting, booking.day, now);
  return { id: booking.id, promotedId };
}
