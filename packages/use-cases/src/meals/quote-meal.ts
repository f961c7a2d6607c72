import type { Tx } from '@shequ/db';
import type { z } from '../zod.ts';
import { parseInput } from '../parse-input.ts';
import { quoteMealSchema } from './meals.schema.ts';
import { cutoffOf, loadSitting, type MealCaller, menuPublished, priceMeal, sittingDayCounts } from './station.ts';
import { bookingParty } from './who-books.ts';

/**
 * The price a person would pay for a sitting on a day, shown before they book: the full price, the subsidy of the
 * rule that applies to them that day (from their register tags and age; the month's booked and served meals count
 * toward its monthly cap), what they pay, and whether a place is free or they would join the waiting list.
 * Amounts in fen. Input: `{ residentId, sittingId, day, now? }`. Output: `{ nameHint, priceCents, subsidyCents, payCents,
 * category, cutoffAt, open, published, placesLeft, waiting }` (`waiting`: how many are on the waiting list already, so
 * a page says before booking that the day is full and which place in line a booking would take).
 * Refuses: as bookMeal for who may book for whom (resident.notFound, meal.booking.notFamily), meal.sitting.notFound.
 */
export async function quoteMeal(tx: Tx, caller: MealCaller, input: z.input<typeof quoteMealSchema> & { now?: Date }) {
  const p = parseInput(quoteMealSchema, input);
  const now = input.now ?? new Date();
  const { tenantId, person } = await bookingParty(tx, caller, p.residentId, p.day);
  const sitting = await loadSitting(tx, tenantId, p.sittingId);
  const price = await priceMeal(tx, tenantId, sitting, person, p.day, 'planned');
  const cutoffAt = cutoffOf(sitting, p.day);
  const { taken, waiting } = await sittingDayCounts(tx, tenantId, sitting.id, p.day);
  return {
    nameHint: person.nameHint,
    ...price,
    cutoffAt,
    open: now < cutoffAt,
    published: await menuPublished(tx, tenantId, sitting.id, p.day),
    placesLeft: Math.max(0, sitting.capacity - taken),
    // How many wait already: a full day is told before booking, with the place in line a booking would take.
    waiting,
  };
}
