import { and, eq, inArray } from 'drizzle-orm';
import { elderServiceBookings, type Tx } from '@shequ/db';
import { assessmentCurrent, ageOn, chinaDate, chinaDateTime, SERVICE_HOLDS_PLACE, serviceAgeCheck } from '@shequ/domain';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import type { z } from '../zod.ts';
import { bookServiceSchema } from './elder-services.schema.ts';
import { latestAssessment, loadSlot, priceService, type ServiceCaller, serviceParty, slotTaken } from './shared.ts';
import { mealPerson } from '../meals/station.ts';
import { myServiceHorizon } from './my-services-parts.ts';

/**
 * Books a slot of a service (助浴, 助洁, 理疗, 康复) for a person of the register: by the resident or family on 我的
 * ('requested': the station confirms), or by staff or a grid worker ('confirmed'). Only a future slot of an active
 * service with a place left; a service that needs a recent ability assessment (GB/T 42195-2022) books only with one
 * on file no older than its `assessment_days` before the slot's day; a service with a least age (`min_age`, e.g. 60)
 * books only for a person of that age on the slot's day, from the register's birth (none recorded: refused too;
 * decision 051). The price is quoted as for meals (the subsidy fixed when the service is done, completeService).
 * Bookings of one slot are serialised.
 * Input: `{ slotId, residentId, now? }`. Output: `{ id, status, priceCents, subsidyCents, payCents, category }`.
 * Refuses: service.slot.notFound; service.inactive; service.slot.past; service.slot.beyondOffered `{ last }` (a resident
 * or family, a slot past those 我的 shows); service.notFamily; resident.notFound;
 * service.booking.tooYoung `{ minAge, age }`; service.booking.noBirth `{ minAge }`; service.booking.noAssessment;
 * service.booking.duplicate; service.slot.full; forbidden.
 */
export async function bookService(tx: Tx, caller: ServiceCaller, input: z.input<typeof bookServiceSchema> & { now?: Date }) {
  const p = parseInput(bookServiceSchema, input);
  const now = input.now ?? new Date();
  const party = await serviceParty(tx, caller, p.residentId);
  const { tenantId } = party;
  const { slot, service } = await loadSlot(tx, tenantId, p.slotId, true);
  if (!service.active) throw new UseCaseError('service.inactive');
  if (slot.startsAt <= now) throw new UseCaseError('service.slot.past');
  // A resident or family books only the slots 我的 shows (myServiceHorizon): a hand-made post must not reach further
  // (issue 19's tester booked a meal that way). Staff book any open slot.
  const horizon = myServiceHorizon(now);
  if (party.bookedBy !== 'staff' && slot.startsAt >= horizon) throw new UseCaseError('service.slot.beyondOffered', { last: chinaDateTime(new Date(horizon.getTime() - 60_000)).slice(0, 16) });
  const day = chinaDate(slot.startsAt);
  const { birth } = await mealPerson(tx, tenantId, p.residentId);
  const age = serviceAgeCheck(service.minAge, birth, day);
  if (age === 'tooYoung') throw new UseCaseError('service.booking.tooYoung', { minAge: service.minAge ?? 0, age: ageOn(birth!, day) });
  if (age === 'noBirth') throw new UseCaseError('service.booking.noBirth', { minAge: service.minAge ?? 0 });
  const assessed = await latestAssessment(tx, tenantId, p.residentId);
  if (!assessmentCurrent(service.assessmentDays, assessed?.assessedOn ?? null, day)) throw new UseCaseError('service.booking.noAssessment', { days: service.assessmentDays ?? 0 });
  const [live] = await tx
    .select({ id: elderServiceBookings.id })
    .from(elderServiceBookings)
    .where(and(eq(elderServiceBookings.tenantId, tenantId), eq(elderServiceBookings.slotId, slot.id), eq(elderServiceBookings.residentId, p.residentId), inArray(elderServiceBookings.status, [...SERVICE_HOLDS_PLACE])));
  if (live) throw new UseCaseError('service.booking.duplicate');
  if ((await slotTaken(tx, tenantId, slot.id)) >= slot.capacity) throw new UseCaseError('service.slot.full');
  const price = await priceService(tx, tenantId, service, slot, p.residentId, 'planned');
  const status = party.bookedBy === 'staff' ? 'confirmed' : 'requested';
  const [row] = await tx
    .insert(elderServiceBookings)
    .values({
      tenantId,
      slotId: slot.id,
      residentId: p.residentId,
      status,
      priceCents: price.priceCents,
      subsidyCents: price.subsidyCents,
      ruleId: price.ruleId,
      category: price.category,
      bookedBy: party.bookedBy,
      bookedByUserId: party.userId,
      bookedByResidentId: party.residentId,
      confirmedAt: status === 'confirmed' ? now : null,
    })
    .returning({ id: elderServiceBookings.id });
  return { id: row!.id, status, ...price };
}
