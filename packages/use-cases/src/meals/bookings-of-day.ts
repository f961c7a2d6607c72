import { and, eq, inArray, type SQL } from 'drizzle-orm';
import { buildings, grids, mealBookings, mealSittings, residents } from '@shequ/db';

/**
 * The part of a day's bookings query the bookings list (listMealBookings) and the delivery sheet (getDeliverySheet)
 * share, each choosing its columns: the joins from a booking to its sitting, its person, their building and its grid
 * (each matched on the community too), and the filter of a community's day by statuses, optionally one `mode` and a
 * register `scope` (registerScope: a grid worker's own grids). Use as
 * `.from(mealBookings).innerJoin(mealSittings, DAY_JOINS.sitting).innerJoin(residents, DAY_JOINS.resident)
 * .leftJoin(buildings, DAY_JOINS.building).leftJoin(grids, DAY_JOINS.grid).where(bookingsOfDay(…))`. Not a use case.
 */
export const DAY_JOINS = {
  sitting: and(eq(mealSittings.tenantId, mealBookings.tenantId), eq(mealSittings.id, mealBookings.sittingId))!,
  resident: and(eq(residents.tenantId, mealBookings.tenantId), eq(residents.id, mealBookings.residentId))!,
  building: and(eq(buildings.tenantId, residents.tenantId), eq(buildings.id, residents.buildingId))!,
  grid: and(eq(grids.tenantId, buildings.tenantId), eq(grids.id, buildings.gridId))!,
};

/** The filter of a community's day's bookings (see DAY_JOINS). */
export function bookingsOfDay(filter: { tenantId: string; day: string; statuses: readonly string[]; mode?: string; scope?: SQL }): SQL | undefined {
  return and(
    eq(mealBookings.tenantId, filter.tenantId),
    eq(mealBookings.day, filter.day),
    inArray(mealBookings.status, [...filter.statuses]),
    filter.mode ? eq(mealBookings.mode, filter.mode) : undefined,
    filter.scope,
  );
}
