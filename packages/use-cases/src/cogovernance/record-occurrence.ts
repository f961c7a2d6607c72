import { and, eq } from 'drizzle-orm';
import { chinaDateTime, occurrenceRecordOpensAt } from '@shequ/domain';
import { serviceOccurrences, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import {
type RecordOccurrenceFields,
recordOccurrenceSchema
} from './partners.schema.ts';
import { assertPeopleServed } from './occurrence-code.ts';
import { partnerScope } from './partner-units.ts';

/**
 * Records an occurrence: delivered (checked in, with the people served), missed, or cancelled by the community.
 * Delivered from two hours before its start (as its check-in code), missed from its start, cancelled at any time
 * (occurrenceRecordOpensAt, decision 074). Input: occurrenceId, status, peopleServed; now.
 * Output `{ status }`. Refuses: partner.notFound; partner.occurrence.recorded (already delivered);
 * partner.occurrence.notYet (before it may be recorded so; `startsAt` and `from` name the times);
 * partner.served.overCapacity / tooMany (more people served than the post's places allow, decision 062); forbidden.
 */
export async function recordOccurrence(tx: Tx, caller: StaffCaller, input: RecordOccurrenceFields & { now?: Date }) {
  const tenantId = partnerScope(caller, 'update');
  const p = parseInput(recordOccurrenceSchema, input);
  const [o] = await tx.select().from(serviceOccurrences).where(and(eq(serviceOccurrences.tenantId, tenantId), eq(serviceOccurrences.id, p.occurrenceId))).for('update');
  if (!o) throw new UseCaseError('partner.notFound');
  if (o.status === 'delivered') throw new UseCaseError('partner.occurrence.recorded');
  const now = input.now ?? new Date();
  const opensAt = occurrenceRecordOpensAt(p.status, o.startsAt);
  if (opensAt && now.getTime() < opensAt.getTime()) throw new UseCaseError('partner.occurrence.notYet', { startsAt: chinaDateTime(o.startsAt).slice(0, 16), from: chinaDateTime(opensAt).slice(0, 16) });
  if (p.status === 'delivered') await assertPeopleServed(tx, tenantId, o.postId, p.peopleServed);
  await tx
    .update(serviceOccurrences)
    .set({ status: p.status, checkedInAt: p.status === 'delivered' ? now : null, peopleServed: p.status === 'delivered' ? p.peopleServed : null })
    .where(and(eq(serviceOccurrences.tenantId, tenantId), eq(serviceOccurrences.id, o.id)));
  return { status: p.status };
}
