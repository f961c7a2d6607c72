import { and, eq } from 'drizzle-orm';
import { chinaDate, menuShortfalls } from '@shequ/domain';
import { mealDishes, mealMenuDishes, mealMenus, type Tx } from '@shequ/db';
import type { z } from '../zod.ts';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { publishMenuSchema } from './meals.schema.ts';
import { assertMealStaff, loadSitting, mealCommunity } from './station.ts';

/**
 * Publishes a menu, after checking its sitting's menu rule (the community's own, e.g. "lunch has at least three meat
 * and three vegetable dishes": { 荤: 3, 素: 3 }). Once published, people may book the sitting for that day.
 * Input: `{ menuId, now? }`. Output: `{ id, status: 'published' }`.
 * A menu of a day already past (China time) is not published: nobody could book it any more.
 * Refuses: meal.menu.notFound; meal.menu.published (already); meal.menu.day.past (`{ day }`); meal.menu.ruleNotMet with `{ tag, required, found }`,
 * one problem per shortfall, all at once (UseCaseError.all: "荤 2 of 3" and "素 1 of 3" together; a tester was told
 * only the first); forbidden.
 */
export async function publishMenu(tx: Tx, caller: StaffCaller, input: z.input<typeof publishMenuSchema> & { now?: Date }) {
  assertMealStaff(caller, 'update');
  const tenantId = mealCommunity(caller);
  const p = parseInput(publishMenuSchema, input);
  const [menu] = await tx.select().from(mealMenus).where(and(eq(mealMenus.tenantId, tenantId), eq(mealMenus.id, p.menuId))).for('update');
  if (!menu) throw new UseCaseError('meal.menu.notFound');
  if (menu.status === 'published') throw new UseCaseError('meal.menu.published');
  const now = input.now ?? new Date();
  if (menu.day < chinaDate(now)) throw new UseCaseError('meal.menu.day.past', { day: menu.day });
  const sitting = await loadSitting(tx, tenantId, menu.sittingId);
  const dishes = await tx
    .select({ tags: mealDishes.tags })
    .from(mealMenuDishes)
    .innerJoin(mealDishes, and(eq(mealDishes.tenantId, mealMenuDishes.tenantId), eq(mealDishes.id, mealMenuDishes.dishId)))
    .where(and(eq(mealMenuDishes.tenantId, tenantId), eq(mealMenuDishes.menuId, menu.id)));
  const short = menuShortfalls(sitting.menuRule, dishes);
  if (!dishes.length) throw new UseCaseError('meal.menu.dishes.invalid', { field: 'dishIds' });
  const refused = UseCaseError.of(short.map((x) => ({ code: 'meal.menu.ruleNotMet' as const, params: { tag: x.tag, required: x.required, found: x.found } })));
  if (refused) throw refused;
  await tx
    .update(mealMenus)
    .set({ status: 'published', publishedAt: now, publishedBy: caller.actor.userId, updatedAt: now })
    .where(and(eq(mealMenus.tenantId, tenantId), eq(mealMenus.id, menu.id)));
  return { id: menu.id, status: 'published' as const };
}
