import { and, asc, desc, eq, gte, inArray, or, sql } from 'drizzle-orm';
import { type MealBookingStatus, type MealKind, type MealMode, mealCutoff } from '@shequ/domain';
import { mealBookings, mealSittings, residentLinks, residents, type Tx } from '@shequ/db';
import { chinaDate } from '@shequ/domain';
import { getMealWeek } from './get-meal-week.ts';
import { endedByFor } from '../residents/acting-for.ts';
import type { MealCaller } from './station.ts';

// The building blocks of this section's two use cases (list-my-*, get-my-*): off the package root.
// Meal help on the resident's own page, "我的" (issue 19, decision 038; the page is decision 035's).

/**
 * The people a resident may book meals for: themselves first, then those whose family contact they are in the
 * register (resident_links, any kind, the person → this resident) and the members of their household (either way),
 * the same relation bookMeal checks (isFamilyOf). Active register entries only. Output: `[{ id, nameHint, self }]`.
 */
export async function mealPeopleOf(tx: Tx, tenantId: string, selfId: string) {
  const linked = await tx
    .select({ residentId: residentLinks.residentId, otherId: residentLinks.otherId })
    .from(residentLinks)
    .where(and(eq(residentLinks.tenantId, tenantId), or(eq(residentLinks.otherId, selfId), and(eq(residentLinks.residentId, selfId), eq(residentLinks.kind, 'household')))));
  const ids = [...new Set([selfId, ...linked.map((l) => (l.otherId === selfId ? l.residentId : l.otherId))])];
  const rows = await tx
    .select({ id: residents.id, nameHint: residents.nameHint })
    .from(residents)
    .where(and(eq(residents.tenantId, tenantId), inArray(residents.id, ids), eq(residents.status, 'active')));
  return ids.flatMap((id) => rows.filter((r) => r.id === id).map((r) => ({ id: r.id, nameHint: r.nameHint, self: r.id === selfId })));
}

/** Upcoming bookings (from `today`, China time) of some people, with their sitting, price and place in line. */
export async function upcomingBookings(tx: Tx, tenantId: string, residentIds: string[], today: string, now: Date) {
  if (!residentIds.length) return [];
  const rows = await tx
    .select({
      id: mealBookings.id,
      residentId: mealBookings.residentId,
      nameHint: residents.nameHint,
      day: mealBookings.day,
      sittingId: mealBookings.sittingId,
      sitting: mealSittings.name,
      meal: mealSittings.meal,
      cutoffDaysBefore: mealSittings.cutoffDaysBefore,
      cutoffTime: mealSittings.cutoffTime,
      mode: mealBookings.mode,
      diets: mealBookings.diets,
      status: mealBookings.status,
      queuedAt: mealBookings.queuedAt,
      priceCents: mealBookings.priceCents,
      subsidyCents: mealBookings.subsidyCents,
      category: mealBookings.category,
      position: sql<number | null>`case when ${mealBookings.status} = 'waiting' then (select count(*)::int from meal_bookings w where w.tenant_id = ${mealBookings.tenantId} and w.sitting_id = ${mealBookings.sittingId} and w.day = ${mealBookings.day} and w.status = 'waiting' and (w.queued_at, w.id) <= (${mealBookings.queuedAt}, ${mealBookings.id})) end`,
    })
    .from(mealBookings)
    .innerJoin(mealSittings, and(eq(mealSittings.tenantId, mealBookings.tenantId), eq(mealSittings.id, mealBookings.sittingId)))
    .innerJoin(residents, and(eq(residents.tenantId, mealBookings.tenantId), eq(residents.id, mealBookings.residentId)))
    .where(and(eq(mealBookings.tenantId, tenantId), inArray(mealBookings.residentId, residentIds), gte(mealBookings.day, today), inArray(mealBookings.status, ['booked', 'waiting', 'served', 'missed'])))
    .orderBy(asc(mealBookings.day), asc(mealSittings.meal))
    .limit(20);
  return rows.map(({ cutoffDaysBefore, cutoffTime, ...r }) => {
    const cutoffAt = mealCutoff(r.day, cutoffDaysBefore, cutoffTime);
    return {
      ...r,
      meal: r.meal as MealKind,
      mode: r.mode as MealMode,
      status: r.status as MealBookingStatus,
      payCents: r.priceCents - r.subsidyCents,
      cutoffAt: cutoffAt.toISOString(),
      cancellable: (r.status === 'booked' || r.status === 'waiting') && now < cutoffAt,
    };
  });
}

/**
 * A person's bookings of days still to come (from `today`, China time) that went — cancelled, or given to the waiting
 * list after the cut-off — and were not booked again, the latest of each sitting and day, with who ended them as the
 * one looking (`viewerId`) reads it (endedByFor: you, the person themselves, a family member, the staff). A family
 * member who had booked a parent's lunch saw it vanish from 我的 when the office or the parent cancelled it, with
 * nothing said (issue 19's review). Output: `[{ id, day, sitting, meal, mode, status, endedBy }]`.
 */
export async function endedBookings(tx: Tx, tenantId: string, residentId: string, viewerId: string, today: string) {
  const rows = await tx
    .select({
      id: mealBookings.id,
      day: mealBookings.day,
      sittingId: mealBookings.sittingId,
      sitting: mealSittings.name,
      meal: mealSittings.meal,
      mode: mealBookings.mode,
      status: mealBookings.status,
      by: mealBookings.cancelledBy,
      byResidentId: mealBookings.cancelledByResidentId,
      live: sql<boolean>`exists (select 1 from meal_bookings l where l.tenant_id = ${mealBookings.tenantId} and l.sitting_id = ${mealBookings.sittingId} and l.day = ${mealBookings.day} and l.resident_id = ${mealBookings.residentId} and l.status in ('booked', 'waiting', 'served', 'missed'))`,
    })
    .from(mealBookings)
    .innerJoin(mealSittings, and(eq(mealSittings.tenantId, mealBookings.tenantId), eq(mealSittings.id, mealBookings.sittingId)))
    .where(and(eq(mealBookings.tenantId, tenantId), eq(mealBookings.residentId, residentId), gte(mealBookings.day, today), inArray(mealBookings.status, ['cancelled', 'given_away'])))
    .orderBy(asc(mealBookings.day), asc(mealSittings.meal), desc(mealBookings.createdAt), desc(mealBookings.id))
    .limit(20);
  const seen = new Set<string>();
  return rows.flatMap((r) => {
    const key = `${r.sittingId}:${r.day}`;
    if (r.live || seen.has(key)) return [];
    seen.add(key);
    return [{ id: r.id, day: r.day, sitting: r.sitting, meal: r.meal as MealKind, mode: r.mode as MealMode, status: r.status as 'cancelled' | 'given_away', endedBy: endedByFor(viewerId, r) }];
  });
}

/** How many days with a meal open for booking 我的 offers (getMyMeals' default); bookMeal by a resident or family stops there. */
export const MY_MEAL_DAYS = 3;

/**
 * The days 我的 offers for booking (issue 19's tester booked 2026-12-09 by a hand-made post, the page offering three
 * days): of the coming week (China time), the first `wanted` days (default MY_MEAL_DAYS) that have a sitting with a
 * published menu still open (strictly before its cut-off). Output: `{ week, days }` (getMealWeek's week, the days in order).
 */
export async function offeredMealDays(tx: Tx, caller: MealCaller, now: Date, wanted = MY_MEAL_DAYS) {
  const week = await getMealWeek(tx, caller, { from: chinaDate(now), days: 7 });
  const days: string[] = [];
  for (const day of week.days) {
    if (days.length >= wanted) break;
    if (day.sittings.some((s) => s.menu && now < s.cutoffAt)) days.push(day.day);
  }
  return { week, days };
}
