import { and, asc, eq, gte, inArray, lt } from 'drizzle-orm';
import { addDays, isCalendarDay } from '@shequ/domain';
import { mealDishes, mealMenuDishes, mealMenus, mealSittings, type Tx } from '@shequ/db';
import { UseCaseError } from '../errors.ts';
import { cutoffOf, isResidentCaller, type MealCaller, mealCommunity, assertMealStaff } from './station.ts';

/**
 * The menus of `days` days from `from` (a week by default) for every active sitting: each menu's status and dishes
 * (with tags), and each sitting's cut-off that day. Staff see drafts; a resident sees published menus only.
 * Input: `{ from: 'YYYY-MM-DD', days? (1–14) }`. Output: `{ from, days: [{ day, sittings: [{ sittingId, name, meal,
 * priceCents, cutoffAt, menu: { id, status, dishes } | null }] }] }`.
 * Refuses: meal.menu.day.invalid; forbidden.
 */
export async function getMealWeek(tx: Tx, caller: MealCaller, input: { from: string; days?: number }) {
  if (!isResidentCaller(caller)) assertMealStaff(caller, 'read');
  const tenantId = mealCommunity(caller);
  if (!isCalendarDay(input.from)) throw new UseCaseError('meal.menu.day.invalid', { field: 'from' });
  const n = Math.min(14, Math.max(1, input.days ?? 7));
  const to = addDays(input.from, n);
  const order = ['breakfast', 'lunch', 'dinner'];
  const sittings = (await tx.select().from(mealSittings).where(and(eq(mealSittings.tenantId, tenantId), eq(mealSittings.active, true)))).sort((a, b) => order.indexOf(a.meal) - order.indexOf(b.meal));
  const menus = await tx.select().from(mealMenus).where(and(eq(mealMenus.tenantId, tenantId), gte(mealMenus.day, input.from), lt(mealMenus.day, to)));
  // The dishes of these days' menus only (not every menu the station ever had: a booking on 我的 reads this too).
  const dishes = menus.length
    ? await tx
        .select({ menuId: mealMenuDishes.menuId, id: mealDishes.id, name: mealDishes.name, tags: mealDishes.tags })
        .from(mealMenuDishes)
        .innerJoin(mealDishes, and(eq(mealDishes.tenantId, mealMenuDishes.tenantId), eq(mealDishes.id, mealMenuDishes.dishId)))
        .where(and(eq(mealMenuDishes.tenantId, tenantId), inArray(mealMenuDishes.menuId, menus.map((m) => m.id))))
        .orderBy(asc(mealMenuDishes.sortOrder))
    : [];
  const days = Array.from({ length: n }, (_, i) => addDays(input.from, i));
  return {
    from: input.from,
    days: days.map((day) => ({
      day,
      sittings: sittings.map((s) => {
        const menu = menus.find((m) => m.sittingId === s.id && m.day === day && (m.status === 'published' || !isResidentCaller(caller)));
        return {
          sittingId: s.id,
          name: s.name,
          meal: s.meal,
          priceCents: s.priceCents,
          menuRule: s.menuRule,
          cutoffAt: cutoffOf(s, day),
          menu: menu ? { id: menu.id, status: menu.status, dishes: dishes.filter((d) => d.menuId === menu.id).map((d) => ({ id: d.id, name: d.name, tags: d.tags })) } : null,
        };
      }),
    })),
  };
}
