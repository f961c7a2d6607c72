import { type Tx } from '@shequ/db';
import type { ResidentSelf } from '../caller.ts';
import { mealPeopleOf } from '../meals/my-meals-parts.ts';
import { upcomingServiceBookings } from './my-services-parts.ts';

/**
 * The "我的" section of the station's services (MY_PAGE_SECTIONS key `myServices`): the coming services booked for
 * the resident and the family they may book for, or `ready: false` while their sign-up waits for staff.
 */
export async function listMyServices(tx: Tx, caller: ResidentSelf, _input: Record<string, never> = {}, now = new Date()) {
  if (!caller.residentId) return { ready: false, bookings: [] };
  const people = await mealPeopleOf(tx, caller.tenantId, caller.residentId);
  const bookings = await upcomingServiceBookings(
    tx,
    caller.tenantId,
    people.map((p) => p.id),
    now,
  );
  return { ready: true, bookings: bookings.map((b) => ({ ...b, self: b.residentId === caller.residentId })) };
}
