import { and, eq, inArray } from 'drizzle-orm';
import { residents, type Tx } from '@shequ/db';
import type { NotifyData } from '../notifications/notify.ts';
import { messageVolunteer } from '../volunteers/shared.ts';

/**
 * Tells by text message the person a booking is for and whoever booked it for them on 我的 (a family member for a
 * parent: the booking's `bookedByResidentId`), when the register has their numbers: the person with `kind` (您…), the
 * booker with `forKind`, naming the person (`name`: the masked name, as 我的 shows it). Each number once: a parent
 * registered with their child's number (同住, one phone) gets the booker's message only, the one that names whom it is
 * about. A promotion from a waiting list went to the person's own number only, and a daughter who had booked for her
 * father heard nothing (issue 19's review). Not a use case. Returns how many messages were written to the outbox.
 */
export async function tellPersonAndBooker(tx: Tx, input: { tenantId: string; residentId: string; bookedByResidentId: string | null; kind: string; forKind: string; data: NotifyData }) {
  const { tenantId, residentId } = input;
  const booker = input.bookedByResidentId && input.bookedByResidentId !== residentId ? input.bookedByResidentId : null;
  const rows = await tx
    .select({ id: residents.id, nameHint: residents.nameHint, mobileEnc: residents.mobileEnc, mobileIndex: residents.mobileIndex })
    .from(residents)
    .where(and(eq(residents.tenantId, tenantId), inArray(residents.id, booker ? [residentId, booker] : [residentId])));
  const person = rows.find((r) => r.id === residentId);
  const them = booker ? rows.find((r) => r.id === booker) : undefined;
  let sent = 0;
  const bookerHas = Boolean(them?.mobileEnc);
  const samePhone = bookerHas && Boolean(person?.mobileIndex) && person!.mobileIndex === them!.mobileIndex;
  if (person?.mobileEnc && !samePhone) sent += await messageVolunteer(tx, { tenantId, mobileEnc: person.mobileEnc, kind: input.kind, data: input.data });
  if (bookerHas) sent += await messageVolunteer(tx, { tenantId, mobileEnc: them!.mobileEnc, kind: input.forKind, data: { ...input.data, name: person?.nameHint ?? '' } });
  return sent;
}
