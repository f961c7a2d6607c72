import { elderServiceSlots, type Tx } from '@shequ/db';
import { chinaInstant, isCalendarDay } from '@shequ/domain';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import type { z } from '../zod.ts';
import { addServiceSlotsSchema } from './elder-services.schema.ts';
import { assertServiceStaff, loadService, serviceCommunity } from './shared.ts';

/**
 * Opens slots of a service on a day at the times typed (China time, "09:00 10:30 14:00"), each with its places
 * (helpers or rooms at once) and where (the station's bathroom, at home …). A time already open is left as it is.
 * A slot must start after now: one in the past could be neither booked nor served, and the desk listed it (issue 19,
 * an outside trial opened slots on 2025-01-01).
 * Input: `{ serviceId, day, times, capacity, place?, now? }`. Output: `{ created }`.
 * Refuses: service.notFound; service.slot.times (none typed); service.slot.time (field 'times', `{ entry }`: the first entry that is not a clock time); service.slot.openPast (field 'times', `{ at }`: the
 * first time already passed, e.g. 2025-01-01 09:00); forbidden.
 */
export async function addServiceSlots(tx: Tx, caller: StaffCaller, input: z.input<typeof addServiceSlotsSchema> & { now?: Date }) {
  assertServiceStaff(caller, 'update');
  const tenantId = serviceCommunity(caller);
  const p = parseInput(addServiceSlotsSchema, input);
  if (!isCalendarDay(p.day)) throw new UseCaseError('service.slot.times', { field: 'day' });
  const service = await loadService(tx, tenantId, p.serviceId);
  const times = [...new Set(p.times.split(/[\s,，、;；]+/).filter(Boolean))];
  if (!times.length) throw new UseCaseError('service.slot.times', { field: 'times' });
  // The wrong entry is named ("25:00 09:99 🙂" was told only 请填写开始时间): the first that is not a clock time.
  const wrong = times.find((t) => !/^([01]\d|2[0-3]):[0-5]\d$/.test(t));
  if (wrong) throw new UseCaseError('service.slot.time', { field: 'times', entry: wrong.slice(0, 20) });
  const now = input.now ?? new Date();
  const past = times.sort().find((t) => chinaInstant(p.day, t) <= now);
  if (past) throw new UseCaseError('service.slot.openPast', { field: 'times', at: `${p.day} ${past}` });
  const rows = await tx
    .insert(elderServiceSlots)
    .values(times.map((t) => ({ tenantId, serviceId: service.id, startsAt: chinaInstant(p.day, t), capacity: p.capacity, place: p.place ?? null })))
    .onConflictDoNothing()
    .returning({ id: elderServiceSlots.id });
  return { created: rows.length };
}
