import type { Tx } from '@shequ/db';
import type { z } from '../zod.ts';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { mealBookingSchema } from './meals.schema.ts';
import { markServed } from './serve-meal.ts';
import { assertMealStaff, loadBooking, loadSitting, mealCommunity } from './station.ts';

/**
 * The deliverer confirms a delivered meal (today's, mode delivery): the meal is served and its subsidy counts. The
 * deliverer is the station's staff or the grid worker of the person's grid (ability 'deliver' MealService; a grid
 * worker only for the people of their own grids: another grid's booking is not found for them). Only the office
 * could confirm before (issue 19's trial), though grid workers are the ones who carry the meals.
 * Input: `{ bookingId, now? }`. Output: as serveMealByCode.
 * Refuses: meal.booking.notFound; meal.booking.mode.invalid (a dine-in booking); meal.booking.alreadyServed;
 * meal.booking.notBooked; meal.booking.notToday; forbidden.
 */
export async function confirmMealDelivery(tx: Tx, caller: StaffCaller, input: z.input<typeof mealBookingSchema> & { now?: Date }) {
  assertMealStaff(caller, 'deliver');
  const p = parseInput(mealBookingSchema, input);
  const booking = await loadBooking(tx, caller, p.bookingId, true, 'deliver');
  if (booking.mode !== 'delivery') throw new UseCaseError('meal.booking.mode.invalid');
  const sitting = await loadSitting(tx, mealCommunity(caller), booking.sittingId);
  return markServed(tx, caller, booking, sitting, 'delivery', input.now ?? new Date());
}
