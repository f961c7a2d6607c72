import { and, eq, inArray } from 'drizzle-orm';
import { chinaDate, isCalendarDay } from '@shequ/domain';
import { mealDishes, mealMenuDishes, mealMenus, type Tx } from '@shequ/db';
import type { z } from '../zod.ts';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { saveMenuSchema } from './meals.schema.ts';
import { assertMealStaff, loadSitting, mealCommunity } from './station.ts';

/**
 * Sets the dishes of a sitting's menu on a day, as a draft (created if there is none). A published menu is not
 * changed (people booked against it), nor a menu of a day already past (China time: what was served is not
 * rewritten; today's may still be set). Input: `{ sittingId, day, dishIds[], now? }`. Output: `{ id, status }`.
 * Refuses: meal.menu.day.invalid (field 'day'); meal.menu.day.past (`{ day }`); meal.menu.dishes.invalid (a dish not in the library, field
 * 'dishIds'); meal.sitting.notFound; meal.menu.published; forbidden.
 */
export async function saveMenu(tx: Tx, caller: StaffCaller, input: z.input<typeof saveMenuSchema> & { now?: Date }) {
  assertMealStaff(caller, 'update');
  const tenantId = mealCommunity(caller);
  const p = parseInput(saveMenuSchema, input);
  if (!isCalendarDay(p.day)) throw new UseCaseError('meal.menu.day.invalid', { field: 'day' });
  if (p.day < chinaDate(input.now ?? new Date())) throw new UseCaseError('meal.menu.day.past', { day: p.day });
  await loadSitting(tx, tenantId, p.sittingId);
  const dishIds = [...new Set(p.dishIds as string[])];
  if (dishIds.length) {
    const found = await tx.select({ id: mealDishes.id }).from(mealDishes).where(and(eq(mealDishes.tenantId, tenantId), inArray(mealDishes.id, dishIds), eq(mealDishes.active, true)));
    if (found.length !== dishIds.length) throw new UseCaseError('meal.menu.dishes.invalid', { field: 'dishIds' });
  }
  const [existing] = await tx
    .select()
    .from(mealMenus)
    .where(and(eq(mealMenus.tenantId, tenantId), eq(mealMenus.sittingId, p.sittingId), eq(mealMenus.day, p.day)))
    .for('update');
  if (existing?.status === 'published') throw new UseCaseError('meal.menu.published');
  const menu = existing ?? (await tx.insert(mealMenus).values({ tenantId, sittingId: p.sittingId, day: p.day }).returning())[0]!;
  await tx.delete(mealMenuDishes).where(and(eq(mealMenuDishes.tenantId, tenantId), eq(mealMenuDishes.menuId, menu.id)));
  if (dishIds.length) await tx.insert(mealMenuDishes).values(dishIds.map((dishId, i) => ({ tenantId, menuId: menu.id, dishId, sortOrder: i })));
  return { id: menu.id, status: menu.status };
}
