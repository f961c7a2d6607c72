import { and, asc, eq, inArray } from 'drizzle-orm';
import { buildings, grids, mealBookings, mealDishes, mealMenuDishes, mealMenus, mealSittings, residents, type Tx, users } from '@shequ/db';
import { compareChinese } from '@shequ/domain';
import type { z } from '../zod.ts';
import type { StaffCaller } from '../caller.ts';
import { parseInput } from '../parse-input.ts';
import { mealDaySchema } from './meals.schema.ts';
import { assertMealStaff, cutoffOf, mealCommunity } from './station.ts';

/**
 * The kitchen sheet of a day (printable; final once each sitting's cut-off has passed): per sitting, the meals to
 * cook (booked, and already served or missed: every place taken), dine-in and delivery, the waiting list's length;
 * each dish of the menu with its portions (a set menu: one of each dish per meal), of a PUBLISHED menu only (a draft
 * is not the kitchen's to cook from: issue 19's trial printed one; `published: false` says why there are none); the
 * diets asked for (软食, 低盐 …) with their counts; and how many meals go out per grid (the round itself, with the
 * mobiles to call, is the delivery sheet: getDeliverySheet).
 * Input: `{ day, now? }`. Output: `{ day, sittings: [...] }`. Refuses: forbidden (not the station's staff).
 */
export async function getKitchenSheet(tx: Tx, caller: StaffCaller, input: z.input<typeof mealDaySchema> & { now?: Date }) {
  assertMealStaff(caller, 'update');
  const tenantId = mealCommunity(caller);
  const p = parseInput(mealDaySchema, input);
  const now = input.now ?? new Date();
  const sittings = await tx.select().from(mealSittings).where(and(eq(mealSittings.tenantId, tenantId), eq(mealSittings.active, true)));
  const order = ['breakfast', 'lunch', 'dinner'];
  sittings.sort((a, b) => order.indexOf(a.meal) - order.indexOf(b.meal));
  const rows = await tx
    .select({
      id: mealBookings.id,
      sittingId: mealBookings.sittingId,
      status: mealBookings.status,
      mode: mealBookings.mode,
      diets: mealBookings.diets,
      gridName: grids.name,
      gridWorker: users.displayName,
    })
    .from(mealBookings)
    .innerJoin(residents, and(eq(residents.tenantId, mealBookings.tenantId), eq(residents.id, mealBookings.residentId)))
    .leftJoin(buildings, and(eq(buildings.tenantId, residents.tenantId), eq(buildings.id, residents.buildingId)))
    .leftJoin(grids, and(eq(grids.tenantId, buildings.tenantId), eq(grids.id, buildings.gridId)))
    .leftJoin(users, eq(users.id, grids.gridWorkerId))
    .where(and(eq(mealBookings.tenantId, tenantId), eq(mealBookings.day, p.day), inArray(mealBookings.status, ['booked', 'served', 'missed', 'waiting'])))
    .orderBy(asc(mealBookings.queuedAt));
  const menuDishes = await tx
    .select({ sittingId: mealMenus.sittingId, status: mealMenus.status, name: mealDishes.name, tags: mealDishes.tags })
    .from(mealMenus)
    .innerJoin(mealMenuDishes, and(eq(mealMenuDishes.tenantId, mealMenus.tenantId), eq(mealMenuDishes.menuId, mealMenus.id)))
    .innerJoin(mealDishes, and(eq(mealDishes.tenantId, mealMenuDishes.tenantId), eq(mealDishes.id, mealMenuDishes.dishId)))
    .where(and(eq(mealMenus.tenantId, tenantId), eq(mealMenus.day, p.day)))
    .orderBy(asc(mealMenuDishes.sortOrder));

  return {
    day: p.day,
    sittings: sittings.map((s) => {
      const mine = rows.filter((r) => r.sittingId === s.id);
      const meals = mine.filter((r) => r.status !== 'waiting');
      const diets = new Map<string, number>();
      // Each diet of each meal (a meal asking 低盐 and 低糖 counts under both).
      for (const r of meals) for (const d of r.diets) diets.set(d, (diets.get(d) ?? 0) + 1);
      const byGrid = new Map<string, { grid: string; gridWorker: string | null; meals: number }>();
      for (const r of meals.filter((m) => m.mode === 'delivery')) {
        const key = r.gridName ?? '';
        const g = byGrid.get(key) ?? { grid: key, gridWorker: r.gridWorker ?? null, meals: 0 };
        g.meals += 1;
        byGrid.set(key, g);
      }
      const published = menuDishes.some((d) => d.sittingId === s.id && d.status === 'published');
      const cutoffAt = cutoffOf(s, p.day);
      return {
        sittingId: s.id,
        name: s.name,
        meal: s.meal,
        capacity: s.capacity,
        cutoffAt,
        final: now >= cutoffAt,
        published,
        /** Whether a draft menu waits for publication (nothing to cook from yet). */
        draft: !published && menuDishes.some((d) => d.sittingId === s.id),
        meals: meals.length,
        dineIn: meals.filter((m) => m.mode === 'dine_in').length,
        delivery: meals.filter((m) => m.mode === 'delivery').length,
        waiting: mine.length - meals.length,
        dishes: menuDishes.filter((d) => d.sittingId === s.id && d.status === 'published').map((d) => ({ name: d.name, tags: d.tags, portions: meals.length })),
        diets: [...diets.entries()].map(([diet, count]) => ({ diet, count })).sort((a, b) => b.count - a.count),
        deliveries: [...byGrid.values()].sort((a, b) => Number(a.grid === '') - Number(b.grid === '') || compareChinese(a.grid, b.grid)),
      };
    }),
  };
}
