import { and, eq } from 'drizzle-orm';
import { elderServiceBookings, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import type { z } from '../zod.ts';
import { completeServiceSchema } from './elder-services.schema.ts';
import { assertServiceStaff, lockServiceBooking, priceService } from './shared.ts';

/**
 * completeService: a confirmed service done, from its start on, with the note after the service (what was done,
 * anything to follow up); the subsidy is fixed now from the month's services done (as a meal served, decision 038).
 * Input: `{ bookingId, note, now? }`. Output: `{ id, subsidyCents, payCents }`.
 * Refuses: service.booking.notFound; service.booking.notConfirmed; service.booking.notYet; forbidden.
 */
export async function completeService(tx: Tx, caller: StaffCaller, input: z.input<typeof completeServiceSchema> & { now?: Date }) {
  assertServiceStaff(caller, 'update');
  const p = parseInput(completeServiceSchema, input);
  const now = input.now ?? new Date();
  const { tenantId, slot, service, booking } = await lockServiceBooking(tx, caller, p.bookingId);
  if (booking.status !== 'confirmed') throw new UseCaseError('service.booking.notConfirmed');
  if (now < slot.startsAt) throw new UseCaseError('service.booking.notYet');
  const price = await priceService(tx, tenantId, service, slot, booking.residentId, 'done', booking.id);
  await tx
    .update(elderServiceBookings)
    .set({ status: 'done', doneAt: now, doneBy: caller.actor.userId, note: p.note, priceCents: price.priceCents, subsidyCents: price.subsidyCents, ruleId: price.ruleId, category: price.category, updatedAt: now })
    .where(and(eq(elderServiceBookings.tenantId, tenantId), eq(elderServiceBookings.id, booking.id)));
  return { id: booking.id, subsidyCents: price.subsidyCents, payCents: price.payCents };
}
