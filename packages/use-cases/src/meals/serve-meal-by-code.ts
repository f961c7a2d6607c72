import { and, eq, inArray } from 'drizzle-orm';
import { chinaDate } from '@shequ/domain';
import { mealBookings, type Tx } from '@shequ/db';
import type { z } from '../zod.ts';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import type { PersonalDataCipher } from '../security/personal-data.ts';
import { serveMealByCodeSchema } from './meals.schema.ts';
import { markServed } from './serve-meal.ts';
import { assertMealStaff, loadBooking, loadSitting, mealCommunity, residentOfMealCard } from './station.ts';

/**
 * The counter: staff scan the person's meal card code (their page's QR code, or a printed card) and hand over
 * today's meal of the sitting. Only then is the meal served and its subsidy counted (民发〔2023〕58号 subsidises meals
 * actually provided; the claim to 民政 is the sum of these records, exportMealClaim).
 * Input: `{ code, sittingId, cipher, now? }`. Output: `{ bookingId, nameHint, mode, diet, priceCents, subsidyCents,
 * payCents, category }` (what the counter tells the person to pay).
 * Refuses: meal.card.invalid (not a card of this community); meal.card.noBooking (no booking today for this
 * sitting); meal.booking.alreadyServed; meal.sitting.notFound; forbidden.
 */
export async function serveMealByCode(tx: Tx, caller: StaffCaller, input: z.input<typeof serveMealByCodeSchema> & { cipher: PersonalDataCipher; now?: Date }) {
  assertMealStaff(caller, 'update');
  const tenantId = mealCommunity(caller);
  const p = parseInput(serveMealByCodeSchema, input);
  const now = input.now ?? new Date();
  const residentId = residentOfMealCard(input.cipher, tenantId, p.code);
  if (!residentId) throw new UseCaseError('meal.card.invalid', { field: 'code' });
  const sitting = await loadSitting(tx, tenantId, p.sittingId);
  const [found] = await tx
    .select({ id: mealBookings.id })
    .from(mealBookings)
    .where(
      and(
        eq(mealBookings.tenantId, tenantId),
        eq(mealBookings.sittingId, sitting.id),
        eq(mealBookings.day, chinaDate(now)),
        eq(mealBookings.residentId, residentId),
        inArray(mealBookings.status, ['booked', 'served', 'missed']),
      ),
    );
  if (!found) throw new UseCaseError('meal.card.noBooking', { field: 'code' });
  const booking = await loadBooking(tx, caller, found.id, true);
  return markServed(tx, caller, booking, sitting, 'counter', now);
}
