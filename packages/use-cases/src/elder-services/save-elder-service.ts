import { and, eq } from 'drizzle-orm';
import { elderServices, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { parseInput } from '../parse-input.ts';
import type { z } from '../zod.ts';
import { saveElderServiceSchema } from './elder-services.schema.ts';
import { assertServiceStaff, repriceLiveServiceBookings, serviceCommunity } from './shared.ts';

/**
 * Adds a service of the station (or changes the one of that name): kind (助浴 bathing, 助洁 cleaning, 理疗 physio,
 * 康复 rehab), name, minutes per visit, full price (yuan in, fen stored), the prerequisite of an ability
 * assessment on file within `assessmentDays` days (e.g. bathing help; empty: none), and the least age of who may
 * book it (`minAge`, years on the slot's day, 60 unless given; 0: anyone; bookService refuses younger people: a
 * tester booked bathing help for a child). The admin's (prices).
 * A changed price applies to its bookings not yet done (requested, confirmed) of slots from now on: they are priced
 * again (repriceLiveServiceBookings; before, they kept the old price: issue 19's trial).
 * Input: saveElderServiceSchema and `now?`. Output: the service row. Refuses: forbidden.
 */
export async function saveElderService(tx: Tx, caller: StaffCaller, input: z.input<typeof saveElderServiceSchema> & { now?: Date }) {
  assertServiceStaff(caller, 'manage');
  const tenantId = serviceCommunity(caller);
  const p = parseInput(saveElderServiceSchema, input);
  const values = { kind: p.kind, name: p.name, durationMinutes: p.durationMinutes, priceCents: p.price, assessmentDays: p.assessmentDays, minAge: p.minAge || null };
  const [same] = await tx.select({ id: elderServices.id }).from(elderServices).where(and(eq(elderServices.tenantId, tenantId), eq(elderServices.name, p.name)));
  if (same) {
    const [row] = await tx.update(elderServices).set(values).where(and(eq(elderServices.tenantId, tenantId), eq(elderServices.id, same.id))).returning();
    // A new price applies to the service's bookings not yet done from now on (as a meal sitting's price does).
    await repriceLiveServiceBookings(tx, tenantId, input.now ?? new Date(), { serviceId: same.id }, input.now ?? new Date());
    return row!;
  }
  const [row] = await tx.insert(elderServices).values({ tenantId, ...values }).returning();
  return row!;
}
