import { and, eq } from 'drizzle-orm';
import { chinaDate } from '@shequ/domain';
import { mealBookings, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { mealPerson, priceMeal, settleCollection, type BookingRow, type SittingRow } from './station.ts';

/**
 * Marks a booked meal served (the one moment its subsidy counts): the subsidy is fixed from the rule in force on the
 * meal's day within what the month's served meals left of its cap, and the collection timer is met. Not a use case:
 * serveMealByCode (counter) and confirmMealDelivery (deliverer) call it.
 */
export async function markServed(tx: Tx, caller: StaffCaller, booking: BookingRow, sitting: SittingRow, via: 'counter' | 'delivery', now: Date) {
  const tenantId = booking.tenantId;
  if (booking.status === 'served') throw new UseCaseError('meal.booking.alreadyServed');
  if (booking.status !== 'booked') throw new UseCaseError('meal.booking.notBooked');
  if (booking.day !== chinaDate(now)) throw new UseCaseError('meal.booking.notToday');
  const person = await mealPerson(tx, tenantId, booking.residentId);
  const price = await priceMeal(tx, tenantId, sitting, person, booking.day, 'served', booking.id);
  await tx
    .update(mealBookings)
    .set({
      status: 'served',
      servedAt: now,
      servedVia: via,
      servedBy: caller.actor.userId,
      priceCents: price.priceCents,
      subsidyCents: price.subsidyCents,
      ruleId: price.ruleId,
      category: price.category,
      updatedAt: now,
    })
    .where(and(eq(mealBookings.tenantId, tenantId), eq(mealBookings.id, booking.id)));
  await settleCollection(tx, tenantId, booking.id, 'met', now);
  return { bookingId: booking.id, nameHint: person.nameHint, mode: booking.mode, diets: booking.diets, ...price };
}
