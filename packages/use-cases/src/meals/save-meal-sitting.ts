import { and, asc, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import { mealBookings, mealSittings, type Tx } from '@shequ/db';
import type { z } from '../zod.ts';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { saveMealSittingSchema } from './meals.schema.ts';
import { chinaDate } from '@shequ/domain';
import { assertMealStaff, mealCommunity, repriceLiveBookings } from './station.ts';

/**
 * Sets a sitting (one meal of the day) and its configuration: daily capacity, full price (yuan in, fen stored),
 * booking cut-off (`cutoffDaysBefore` days before at `cutoffTime`, China time), serving hours, and the menu rule
 * checked at publication (least dishes per tag, e.g. { 荤: 3, 素: 3 }). One row per meal; saving again changes it.
 * Amounts vary by place and are configured here, never coded (民发〔2023〕58号; POLICY.md "Meal help for elders").
 * A new price applies to every meal of the sitting not yet served from today (China date): booked and waiting
 * meals are priced again (repriceLiveBookings), so a booking never shows a price the sitting no longer has (issue 19's
 * trial saw two prices for one meal on 我的). Served meals keep what they cost.
 * Input: saveMealSittingSchema and `now?`. Output: the sitting row.
 * Refuses: meal.sitting.invalid (serving hours end before they start); meal.sitting.cutoffAfterServing { cutoffTime,
 * serveFrom } (a same-day cut-off after serving starts); meal.sitting.capacityBelowBooked { capacity, booked, day }
 * (fewer places than a day from today on already holds); forbidden (only the community admin: manage).
 */
export async function saveMealSitting(tx: Tx, caller: StaffCaller, input: z.input<typeof saveMealSittingSchema> & { now?: Date }) {
  assertMealStaff(caller, 'manage');
  const tenantId = mealCommunity(caller);
  const p = parseInput(saveMealSittingSchema, input);
  if (p.serveUntil <= p.serveFrom) throw new UseCaseError('meal.sitting.invalid', { field: 'serveUntil' });
  // A cut-off on the day itself after serving starts would take bookings for a meal already being served.
  if (p.cutoffDaysBefore === 0 && p.cutoffTime > p.serveFrom) throw new UseCaseError('meal.sitting.cutoffAfterServing', { field: 'cutoffTime', cutoffTime: p.cutoffTime, serveFrom: p.serveFrom });
  const now = input.now ?? new Date();
  // Fewer places than a coming day already holds would leave booked people without a place: refused, naming the day
  // and how many are booked (the most of any day from today on).
  const [busiest] = await tx
    .select({ day: mealBookings.day, n: sql<number>`count(*)::int` })
    .from(mealBookings)
    .innerJoin(mealSittings, and(eq(mealSittings.tenantId, mealBookings.tenantId), eq(mealSittings.id, mealBookings.sittingId)))
    .where(and(eq(mealBookings.tenantId, tenantId), eq(mealSittings.meal, p.meal), gte(mealBookings.day, chinaDate(now)), inArray(mealBookings.status, ['booked', 'served', 'missed'])))
    .groupBy(mealBookings.day)
    .orderBy(desc(sql`count(*)`), asc(mealBookings.day))
    .limit(1);
  if (busiest && busiest.n > p.capacity) throw new UseCaseError('meal.sitting.capacityBelowBooked', { field: 'capacity', capacity: p.capacity, booked: busiest.n, day: busiest.day });
  const values = {
    tenantId,
    meal: p.meal,
    name: p.name,
    capacity: p.capacity,
    priceCents: p.price,
    cutoffDaysBefore: p.cutoffDaysBefore,
    cutoffTime: p.cutoffTime,
    serveFrom: p.serveFrom,
    serveUntil: p.serveUntil,
    menuRule: p.menuRule,
    active: true,
  };
  const [row] = await tx
    .insert(mealSittings)
    .values(values)
    .onConflictDoUpdate({ target: [mealSittings.tenantId, mealSittings.meal], set: { ...values } })
    .returning();
  await repriceLiveBookings(tx, tenantId, chinaDate(now), { sittingId: row!.id }, now);
  return row!;
}
