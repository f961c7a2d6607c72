import { chinaDate } from '@shequ/domain';
import { type Tx } from '@shequ/db';
import type { ResidentSelf } from '../caller.ts';
import { mealPeopleOf, upcomingBookings } from './my-meals-parts.ts';

/**
 * The "我的" section of meal help (MY_PAGE_SECTIONS key `myMeals`): the upcoming meals of the resident and of the
 * family they may book for, or `ready: false` while their sign-up waits for staff. Plain JSON.
 * Output: `{ ready, bookings: [{ id, nameHint, day, sitting, meal, mode, status, position, payCents, … }] }`.
 */
export async function listMyMeals(tx: Tx, caller: ResidentSelf, _input: Record<string, never> = {}, now = new Date()) {
  if (!caller.residentId) return { ready: false, bookings: [] };
  const people = await mealPeopleOf(tx, caller.tenantId, caller.residentId);
  const bookings = await upcomingBookings(
    tx,
    caller.tenantId,
    people.map((p) => p.id),
    chinaDate(now),
    now,
  );
  return { ready: true, bookings: bookings.map((b) => ({ ...b, queuedAt: b.queuedAt.toISOString(), self: b.residentId === caller.residentId })) };
}
