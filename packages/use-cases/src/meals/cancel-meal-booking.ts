import { and, eq } from 'drizzle-orm';
import { mealBookings, type Tx } from '@shequ/db';
import type { z } from '../zod.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { mealBookingSchema } from './meals.schema.ts';
import { actedBy } from '../residents/acting-for.ts';
import { cutoffOf, loadBooking, loadSitting, lockSittingDay, type MealCaller, mealCommunity, promoteFirstWaiting, settleCollection } from './station.ts';

/**
 * Cancels a booking (booked or waiting) strictly before its sitting's cut-off (China time). A freed place goes to
 * the first on the waiting list at once. After the cut-off a booked meal is not cancelled but may be given to the
 * waiting list (offerBookedMeal). Staff of the station, whoever may book for the person (a grid worker for their own grids), the resident, or the
 * family member who may book for them.
 * Input: `{ bookingId, now? }`. Output: `{ id, promotedId }` (the booking promoted, or null).
 * Refuses: meal.booking.notFound; meal.booking.notBooked (already cancelled, served …); meal.booking.cutoffPassed; forbidden.
 */
export async function cancelMealBooking(tx: Tx, caller: MealCaller, input: z.input<typeof mealBookingSchema> & { now?: Date }) {
  const p = parseInput(mealBookingSchema, input);
  const now = input.now ?? new Date();
  const tenantId = mealCommunity(caller);
  const first = await loadBooking(tx, caller, p.bookingId, false, 'cancel');
  const sitting = await loadSitting(tx, tenantId, first.sittingId);
  await lockSittingDay(tx, tenantId, sitting.id, first.day);
  const booking = await loadBooking(tx, caller, p.bookingId, true, 'cancel');
  if (booking.status !== 'booked' && booking.status !== 'waiting') throw new UseCaseError('meal.booking.notBooked');
  if (now >= cutoffOf(sitting, booking.day)) throw new UseCaseError('meal.booking.cutoffPassed');
  // Who cancelled it is kept: 我的 tells a family member who had booked it (the office, the parent, another of the family).
  const who = actedBy(caller, booking.residentId);
  await tx.update(mealBookings).set({ status: 'cancelled', cancelledAt: now, cancelledBy: who.by, cancelledByResidentId: who.byResidentId, updatedAt: now }).where(and(eq(mealBookings.tenantId, tenantId), eq(mealBookings.id, booking.id)));
  let promotedId: string | null = null;
  if (booking.status === 'booked') {
    await settleCollection(tx, tenantId, booking.id, 'cancelled', now);
    promotedId = await promoteFirstWaiting(tx, tenantId, sitting, booking.day, now);
  }
  return { id: booking.id, promotedId };
}
