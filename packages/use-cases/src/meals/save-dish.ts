import { and, eq } from 'drizzle-orm';
import { mealDishes, type Tx } from '@shequ/db';
import { cleanText } from '@shequ/domain';
import type { z } from '../zod.ts';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { saveDishSchema } from './meals.schema.ts';
import { assertMealStaff, mealCommunity } from './station.ts';

/**
 * Adds a dish to the station's library, or renames and re-tags one (`dishId`). Tags are the community's words
 * (荤/素/汤 count for menu rules; 软食, 低盐, 低糖, 清真 are diets on the kitchen sheet).
 * Input: `{ dishId?, name, tags[] }`. Output: `{ id, name, tags }`.
 * Refuses: meal.dish.name.invalid (field 'name'); meal.dish.taken (the name is on the list); meal.notFound (a
 * dishId not of this community); forbidden (not the station's staff).
 */
export async function saveDish(tx: Tx, caller: StaffCaller, input: z.input<typeof saveDishSchema>) {
  assertMealStaff(caller, 'update');
  const tenantId = mealCommunity(caller);
  const parsed = parseInput(saveDishSchema, input);
  const name = cleanText(parsed.name);
  if (!name) throw new UseCaseError('meal.dish.name.invalid', { field: 'name' });
  const tags = [...new Set(parsed.tags.map((t: string) => cleanText(t)).filter(Boolean))] as string[];
  const [clash] = await tx.select({ id: mealDishes.id }).from(mealDishes).where(and(eq(mealDishes.tenantId, tenantId), eq(mealDishes.name, name)));
  if (clash && clash.id !== parsed.dishId) throw new UseCaseError('meal.dish.taken', { field: 'name' });
  if (parsed.dishId) {
    const [row] = await tx
      .update(mealDishes)
      .set({ name, tags })
      .where(and(eq(mealDishes.tenantId, tenantId), eq(mealDishes.id, parsed.dishId)))
      .returning({ id: mealDishes.id, name: mealDishes.name, tags: mealDishes.tags });
    if (!row) throw new UseCaseError('meal.notFound');
    return row;
  }
  const [row] = await tx.insert(mealDishes).values({ tenantId, name, tags }).returning({ id: mealDishes.id, name: mealDishes.name, tags: mealDishes.tags });
  return row!;
}
