import { mealSittings, type Tx } from '@shequ/db';
import type { z } from '../zod.ts';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { saveMealSittingSchema } from './meals.schema.ts';
import { assertMealStaff, mealCommunity } from './station.ts';

/**
 * Sets a sitting (one meal of the day) and its configuration: daily capacity, full price (yuan in, fen stored),
 * booking cut-off (`cutoffDaysBefore` days before at `cutoffTime`, China time), serving hours, and the menu rule
 * checked at publication (least dishes per tag, e.g. { 荤: 3, 素: 3 }). One row per meal; saving again changes it.
 * Amounts vary by place and are configured here, never coded (民发〔2023〕58号; POLICY.md "Meal help for elders").
 * Input: saveMealSittingSchema. Output: the sitting row.
 * Refuses: meal.sitting.invalid (serving hours end before they start); forbidden (only the community admin: manage).
 */
export async function saveMealSitting(tx: Tx, caller: StaffCaller, input: z.input<typeof saveMealSittingSchema>) {
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
  return row!;
}
