import { assertCan, subject } from '@shequ/permissions';
import { eq } from 'drizzle-orm';
import { chinaDate, compareChinese, mealBookingActions, mealCutoff, type MealBookingStatus } from '@shequ/domain';
import { buildings, grids, mealBookings, mealSittings, residents, type Tx, users } from '@shequ/db';
import { bookingsOfDay, DAY_JOINS } from './bookings-of-day.ts';
import type { z } from '../zod.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { parseInput } from '../parse-input.ts';
import { registerScope } from '../residents/person.ts';
import { openOr, type PersonalDataCipher } from '../security/personal-data.ts';
import { mealDaySchema } from './meals.schema.ts';
import { assertMealStaff, mealCommunity, mealService } from './station.ts';

/** One stop of a delivery round, as the deliverer needs it. */
export type DeliveryStop = {
  bookingId: string;
  sitting: string;
  status: MealBookingStatus;
  nameHint: string;
  /** The full mobile, to call at the door (null: none on file). */
  mobile: string | null;
  building: string | null;
  unit: string | null;
  room: string | null;
  /** The diets asked for (several may apply). */
  diets: string[];
  /** Whether the caller may confirm 送达 now (today's booked meal; confirmMealDelivery's conditions). */
  canConfirm: boolean;
};

/**
 * Route order of a delivery round: building, then unit, then room, each by value (2栋 before 10栋, room 302 before
 * 1101), so the deliverer walks each building once. A concatenated key once put unit 10's room 1 before unit 2.
 */
export function compareStops(a: Pick<DeliveryStop, 'building' | 'unit' | 'room'>, b: Pick<DeliveryStop, 'building' | 'unit' | 'room'>): number {
  return compareChinese(a.building ?? '', b.building ?? '') || compareChinese(a.unit ?? '', b.unit ?? '') || compareChinese(a.room ?? '', b.room ?? '');
}

/**
 * The delivery sheet (送餐单) of a day: the meals to deliver (mode delivery; booked, served or missed), grouped by
 * grid (grids by name, by value: 第2网格 before 第10网格), each grid's stops in route order (compareStops), each stop
 * with what the deliverer needs to bring the meal and call at the door: the masked name, the FULL mobile (they must
 * call: a masked one is of no use at the door), the address, the diet asked for, and whether 送达 may be confirmed.
 * Who sees it: the station's staff every grid; a grid worker (who delivers in their grids: 'deliver' MealService)
 * the people of their own grids only (the register's scope). Opening the mobiles is a view of personal data, so it is
 * written to the audit log (decision 009), once per sheet with the number of stops.
 * Input: `{ day, cipher, now? }`. Output: `{ day, grids: [{ grid, gridWorker, stops: DeliveryStop[] }], stops }`.
 * Refuses: forbidden (neither the station's staff nor a deliverer).
 */
export async function getDeliverySheet(tx: Tx, caller: StaffCaller, input: z.input<typeof mealDaySchema> & { cipher: PersonalDataCipher; now?: Date }) {
  assertMealStaff(caller, 'deliver');
  // The sheet opens full mobiles (the deliverer calls): the same right the claim exports ask for.
  assertCan(caller.ability, 'reveal', subject('PersonalData', { tenantId: mealCommunity(caller) }));
  const tenantId = mealCommunity(caller);
  const p = parseInput(mealDaySchema, input);
  const now = input.now ?? new Date();
  const scope = caller.ability.can('update', mealService(tenantId)) ? undefined : registerScope(caller, tenantId);
  if (scope === null) return { day: p.day, grids: [], stops: 0 };
  const rows = await tx
    .select({
      id: mealBookings.id,
      sitting: mealSittings.name,
      cutoffDaysBefore: mealSittings.cutoffDaysBefore,
      cutoffTime: mealSittings.cutoffTime,
      status: mealBookings.status,
      mode: mealBookings.mode,
      diets: mealBookings.diets,
      nameHint: residents.nameHint,
      mobileEnc: residents.mobileEnc,
      mobileHint: residents.mobileHint,
      unit: residents.unit,
      room: residents.room,
      building: buildings.name,
      gridName: grids.name,
      gridWorker: users.displayName,
    })
    .from(mealBookings)
    .innerJoin(mealSittings, DAY_JOINS.sitting)
    .innerJoin(residents, DAY_JOINS.resident)
    .leftJoin(buildings, DAY_JOINS.building)
    .leftJoin(grids, DAY_JOINS.grid)
    .leftJoin(users, eq(users.id, grids.gridWorkerId))
    .where(bookingsOfDay({ tenantId, day: p.day, mode: 'delivery', statuses: ['booked', 'served', 'missed'], scope }));
  const today = chinaDate(now);
  const mayDeliver = caller.ability.can('deliver', mealService(tenantId));
  const byGrid = new Map<string, { grid: string; gridWorker: string | null; stops: DeliveryStop[] }>();
  for (const r of rows) {
    const key = r.gridName ?? '';
    const g = byGrid.get(key) ?? { grid: key, gridWorker: r.gridWorker ?? null, stops: [] };
    const actions = mealBookingActions({ status: r.status, mode: r.mode, day: p.day }, mealCutoff(p.day, r.cutoffDaysBefore, r.cutoffTime), now, today, false);
    g.stops.push({
      bookingId: r.id,
      sitting: r.sitting,
      status: r.status as MealBookingStatus,
      nameHint: r.nameHint,
      mobile: r.mobileEnc ? openOr(input.cipher, r.mobileEnc, r.mobileHint) : null,
      building: r.building,
      unit: r.unit,
      room: r.room,
      diets: r.diets,
      canConfirm: mayDeliver && actions.deliver,
    });
    byGrid.set(key, g);
  }
  for (const g of byGrid.values()) g.stops.sort((a, b) => compareStops(a, b) || compareChinese(a.sitting, b.sitting));
  // Stops without a grid (a building not in any grid) last, so they are not mistaken for the first grid's.
  const list = [...byGrid.values()].sort((a, b) => Number(a.grid === '') - Number(b.grid === '') || compareChinese(a.grid, b.grid));
  if (rows.length) await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'view_delivery_sheet', subjectType: 'MealService', subjectId: null, detail: { day: p.day, stops: rows.length } });
  return { day: p.day, grids: list, stops: rows.length };
}
