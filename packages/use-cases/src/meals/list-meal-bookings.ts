import { asc } from 'drizzle-orm';
import { chinaDate, type MealBooker, type MealBookingStatus, mealBookingActions, mealCutoff, type MealMode } from '@shequ/domain';
import { buildings, grids, mealBookings, mealSittings, residents, type Tx } from '@shequ/db';
import { bookingsOfDay, DAY_JOINS } from './bookings-of-day.ts';
import type { z } from '../zod.ts';
import type { StaffCaller } from '../caller.ts';
import { parseInput } from '../parse-input.ts';
import { mealDaySchema } from './meals.schema.ts';
import { registerScope } from '../residents/person.ts';
import { assertMealStaff, mealCommunity, mealService } from './station.ts';

/**
 * The bookings of a day, every sitting: booked, waiting (with their place in line), served, missed, cancelled and
 * given away, each with the masked name, how and by whom it was booked, and its price and subsidy (fen).
 * The station's staff see everyone's; a grid worker (who books on behalf) sees the people of their own grids (found
 * from outside: the list said "0 人预订" while their resident was booked).
 * Each row carries `actions` (domain mealBookingActions at `now`: cancel, give to the waiting list, confirm a
 * delivery), the steps the use cases would take now, so a page shows no button the server then refuses (a tester
 * found 转让 and 确认送达 on tomorrow's bookings); a grid worker, who books for the people listed for them, is given
 * cancel only (whoever may book for someone may cancel that booking before the cut-off).
 * Input: `{ day, now? }`. Output: `{ day, rows: [...] }` in sitting, then booking order. Refuses: forbidden.
 */
export async function listMealBookings(tx: Tx, caller: StaffCaller, input: z.input<typeof mealDaySchema> & { now?: Date }) {
  assertMealStaff(caller, 'create');
  const tenantId = mealCommunity(caller);
  const p = parseInput(mealDaySchema, input);
  const scope = caller.ability.can('update', mealService(tenantId)) ? undefined : registerScope(caller, tenantId);
  if (scope === null) return { day: p.day, rows: [] };
  const rows = await tx
    .select({
      id: mealBookings.id,
      sittingId: mealBookings.sittingId,
      sitting: mealSittings.name,
      meal: mealSittings.meal,
      cutoffDaysBefore: mealSittings.cutoffDaysBefore,
      cutoffTime: mealSittings.cutoffTime,
      residentId: mealBookings.residentId,
      nameHint: residents.nameHint,
      building: buildings.name,
      mode: mealBookings.mode,
      diets: mealBookings.diets,
      status: mealBookings.status,
      bookedBy: mealBookings.bookedBy,
      queuedAt: mealBookings.queuedAt,
      priceCents: mealBookings.priceCents,
      subsidyCents: mealBookings.subsidyCents,
      category: mealBookings.category,
      servedAt: mealBookings.servedAt,
      servedVia: mealBookings.servedVia,
    })
    .from(mealBookings)
    .innerJoin(mealSittings, DAY_JOINS.sitting)
    .innerJoin(residents, DAY_JOINS.resident)
    .leftJoin(buildings, DAY_JOINS.building)
    .leftJoin(grids, DAY_JOINS.grid)
    .where(bookingsOfDay({ tenantId, day: p.day, scope, statuses: ['booked', 'waiting', 'served', 'missed', 'cancelled', 'given_away'] }))
    .orderBy(asc(mealSittings.meal), asc(mealBookings.queuedAt), asc(mealBookings.id));
  const line = new Map<string, number>();
  const now = input.now ?? new Date();
  const today = chinaDate(now);
  const mayChange = caller.ability.can('update', mealService(tenantId));
  const waiting = new Set(rows.filter((r) => r.status === 'waiting').map((r) => r.sittingId));
  return {
    day: p.day,
    rows: rows.map(({ cutoffDaysBefore, cutoffTime, ...r }) => {
      let position: number | null = null;
      if (r.status === 'waiting') {
        position = (line.get(r.sittingId) ?? 0) + 1;
        line.set(r.sittingId, position);
      }
      const steps = mealBookingActions({ status: r.status, mode: r.mode, day: p.day }, mealCutoff(p.day, cutoffDaysBefore, cutoffTime), now, today, waiting.has(r.sittingId));
      // A grid worker (who books for the people of their grids, the only ones listed for them) cancels their bookings.
      const actions = mayChange ? steps : { cancel: steps.cancel, offer: false, deliver: false };
      return { ...r, mode: r.mode as MealMode, status: r.status as MealBookingStatus, bookedBy: r.bookedBy as MealBooker, position, payCents: r.priceCents - r.subsidyCents, actions };
    }),
  };
}
