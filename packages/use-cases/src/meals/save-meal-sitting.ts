import { mealSittings, type Tx } from '@shequ/db';
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
 * Refuses: meal.sitting.invalid (serving hours end before they start); forbidden (only the community admin: manage).
 */
export async function saveMealSitting(tx: Tx, caller: StaffCaller, input: z.input<typeof saveMealSittingSchema> & { now?: Date }) {
  assertMealStaff(caller, 'manage');
  const tenantId = mealCommunity(caller);
  const p = parseInput(saveMealSittingSchema, input);
  if (p.serveUntil <= p.serveFrom) throw new UseCaseError('meal.sitting.invalid', { field: 'serveUntil' });
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
  const now = input.now ?? new Date();
  await repriceLiveBookings(tx, tenantId, chinaDate(now), { sittingId: row!.id }, now);
  return row!;
}
