import { chinaDate, type MealKind } from '@shequ/domain';
import { type Tx } from '@shequ/db';
import type { ResidentCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import type { PersonalDataCipher } from '../security/personal-data.ts';
import { quoteMeal } from './quote-meal.ts';
import { mealCardCode } from './station.ts';
import { mealDiets } from './who-books.ts';
import { mealResidentOf } from './meal-resident-of.ts';
import { endedBookings, MY_MEAL_DAYS, mealPeopleOf, offeredMealDays, upcomingBookings } from './my-meals-parts.ts';

/**
 * What the resident's meal page shows for one person (the resident, or a parent they may book for, `forResidentId`):
 * who they may book for; the next `days` days (default MY_MEAL_DAYS = 3, at most 7; offeredMealDays) that have a published menu still open for
 * booking (strictly before the sitting's cut-off, China time), each with its dishes and the price quoted for that
 * person before booking (full price, subsidy of the rule that applies to them, what they pay, in fen; places left);
 * that person's upcoming bookings (cancellable before the cut-off); their meal card code for the counter; and the
 * diets they may ask for when booking (mealDiets, as staff are offered: 软食, 低盐, 低糖, 清真 …); and their bookings
 * still to come that went (cancelled or given away, not booked again), with who ended them (endedBookings).
 * Input: `{ forResidentId?, cipher, days?, now? }` (an id of someone else falls back to the resident themselves).
 * Output: `{ people, person: { id, nameHint, self }, card, diets, offers: [...], bookings: [...], ended: [...] }`.
 * Refuses: meal.notResident (sign-up not confirmed yet).
 * Policy: priority groups for meal help, 民发〔2023〕58号 (POLICY.md); amounts from the community's rule table.
 */
export async function getMyMeals(tx: Tx, caller: ResidentCaller, input: { forResidentId?: string | null; cipher: PersonalDataCipher; days?: number; now?: Date }) {
  const mc = mealResidentOf(caller);
  const { tenantId, residentId: selfId } = mc.resident;
  const now = input.now ?? new Date();
  const today = chinaDate(now);
  const people = await mealPeopleOf(tx, tenantId, selfId);
  const person = people.find((p) => p.id === input.forResidentId) ?? people.find((p) => p.self)!;
  if (!person) throw new UseCaseError('meal.notResident');
  const wanted = Math.min(7, Math.max(1, input.days ?? MY_MEAL_DAYS));
  // The same days bookMeal accepts from a resident or family (offeredMealDays).
  const { week, days } = await offeredMealDays(tx, mc, now, wanted);
  const mine = await upcomingBookings(tx, tenantId, [person.id], today, now);
  const offers = [];
  for (const day of week.days.filter((d) => days.includes(d.day))) {
    const open = day.sittings.filter((s) => s.menu && now < s.cutoffAt);
    for (const s of open) {
      const quote = await quoteMeal(tx, mc, { residentId: person.id, sittingId: s.sittingId, day: day.day, now });
      const booking = mine.find((b) => b.sittingId === s.sittingId && b.day === day.day) ?? null;
      // A booked meal shows its booking's price, the one it is charged (the quote would count the booking itself
      // toward the monthly cap): one price for one meal (issue 19's trial saw two after a rule change).
      const price = booking ? { priceCents: booking.priceCents, subsidyCents: booking.subsidyCents, payCents: booking.payCents, category: booking.category } : quote;
      offers.push({
        day: day.day,
        sittingId: s.sittingId,
        name: s.name,
        meal: s.meal as MealKind,
        cutoffAt: s.cutoffAt.toISOString(),
        dishes: s.menu!.dishes.map((d) => d.name),
        priceCents: price.priceCents,
        subsidyCents: price.subsidyCents,
        payCents: price.payCents,
        category: price.category,
        placesLeft: quote.placesLeft,
        waiting: quote.waiting,
        booking: booking ? { id: booking.id, status: booking.status, position: booking.position } : null,
      });
    }
  }
  return {
    people,
    person,
    card: mealCardCode(input.cipher, tenantId, person.id),
    diets: await mealDiets(tx, tenantId),
    offers,
    bookings: mine.map((b) => ({ ...b, queuedAt: b.queuedAt.toISOString() })),
    ended: await endedBookings(tx, tenantId, person.id, selfId, today),
  };
}
