import { and, eq, inArray, sql } from 'drizzle-orm';
import { mealBookings, type Tx } from '@shequ/db';
import type { z } from '../zod.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { bookMealSchema } from './meals.schema.ts';
import { cutoffOf, loadSitting, lockSittingDay, type MealCaller, menuPublished, placesTaken, priceMeal, watchCollection } from './station.ts';
import { bookingParty, checkDiets } from './who-books.ts';
import { offeredMealDays } from './my-meals-parts.ts';

/**
 * Books a sitting on a day for a person of the register: by the resident (self), by family for a parent, or by
 * staff or a grid worker on behalf of someone without a phone. Taken strictly before the sitting's cut-off (China
 * time, configured per sitting) and only on a published menu. Within the sitting's daily capacity the booking holds
 * a place ('booked'); beyond it the person joins the waiting list ('waiting', in order of booking), promoted when a
 * place frees (cancelMealBooking, offerBookedMeal). The price and subsidy are quoted as for quoteMeal (an estimate:
 * the subsidy counts only when the meal is served, serveMealByCode / confirmMealDelivery). A booked meal of an elder
 * living alone starts its collection timer (missed-meal.ts). Bookings of one sitting and day are serialised.
 *
 * Priority groups for meal help (低保, 特困, 独居, 失能, 高龄 …): 民发〔2023〕58号《积极发展老年助餐服务行动方案》
 * (POLICY.md); their amounts come from the community's subsidy rule table.
 * Input: `{ residentId, sittingId, day, mode: 'dine_in' | 'delivery', diets?: string[], now? }`. Output: `{ id, status,
 * position (on the waiting list, else null), priceCents, subsidyCents, payCents, category }`.
 * Refuses: resident.notFound; meal.booking.notFamily; meal.sitting.notFound; meal.booking.cutoffPassed (checked
 * before the menu); meal.booking.beyondOffered `{ last }` / meal.booking.noneOffered (a resident or family, past the
 * days 我的 offers); meal.menu.notPublished; meal.booking.noAddress (delivery to someone without a building); meal.booking.diet.invalid;
 * meal.booking.duplicate (already booked or waiting); forbidden.
 */
export async function bookMeal(tx: Tx, caller: MealCaller, input: z.input<typeof bookMealSchema> & { now?: Date }) {
  const p = parseInput(bookMealSchema, input);
  const now = input.now ?? new Date();
  const party = await bookingParty(tx, caller, p.residentId, p.day);
  const { tenantId, person } = party;
  const sitting = await loadSitting(tx, tenantId, p.sittingId);
  // The cut-off first: a past day (or one whose booking has closed) is told so, whether or not it had a menu (a
  // trial booking yesterday's lunch was told 菜单尚未发布).
  if (now >= cutoffOf(sitting, p.day)) throw new UseCaseError('meal.booking.cutoffPassed');
  // A resident or family books only the days 我的 offers (the same offeredMealDays): a hand-made post for a later
  // day was stored and then listed without its 取消 (issue 19's tester). Staff book any day with a published menu.
  if (party.bookedBy !== 'staff') {
    const { days } = await offeredMealDays(tx, caller, now);
    const last = days.at(-1);
    if (!last) throw new UseCaseError('meal.booking.noneOffered');
    if (p.day > last) throw new UseCaseError('meal.booking.beyondOffered', { last });
  }
  if (!sitting.active || !(await menuPublished(tx, tenantId, sitting.id, p.day))) throw new UseCaseError('meal.menu.notPublished');
  if (p.mode === 'delivery' && !person.buildingId) throw new UseCaseError('meal.booking.noAddress', { field: 'mode' });
  const diets = await checkDiets(tx, tenantId, p.diets);

  await lockSittingDay(tx, tenantId, sitting.id, p.day);
  const [live] = await tx
    .select({ id: mealBookings.id })
    .from(mealBookings)
    .where(and(eq(mealBookings.tenantId, tenantId), eq(mealBookings.sittingId, sitting.id), eq(mealBookings.day, p.day), eq(mealBookings.residentId, person.id), inArray(mealBookings.status, ['booked', 'waiting', 'served', 'missed'])));
  if (live) throw new UseCaseError('meal.booking.duplicate');
  const status = (await placesTaken(tx, tenantId, sitting.id, p.day)) < sitting.capacity ? 'booked' : 'waiting';
  const price = await priceMeal(tx, tenantId, sitting, person, p.day, 'planned');
  const [row] = await tx
    .insert(mealBookings)
    .values({
      tenantId,
      sittingId: sitting.id,
      day: p.day,
      residentId: person.id,
      mode: p.mode,
      diets,
      status,
      bookedBy: party.bookedBy,
      bookedByUserId: party.bookedByUserId,
      bookedByResidentId: party.bookedByResidentId,
      queuedAt: now,
      priceCents: price.priceCents,
      subsidyCents: price.subsidyCents,
      ruleId: price.ruleId,
      category: price.category,
    })
    .returning();
  let position: number | null = null;
  if (status === 'booked') await watchCollection(tx, tenantId, row!, sitting, person, now);
  else {
    const [ahead] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(mealBookings)
      .where(and(eq(mealBookings.tenantId, tenantId), eq(mealBookings.sittingId, sitting.id), eq(mealBookings.day, p.day), eq(mealBookings.status, 'waiting')));
    position = ahead?.n ?? 1;
  }
  return { id: row!.id, status, position, priceCents: price.priceCents, subsidyCents: price.subsidyCents, payCents: price.payCents, category: price.category };
}
