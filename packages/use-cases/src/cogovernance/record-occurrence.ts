import { and, eq } from 'drizzle-orm';
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
 * Output `{ status }`. Refuses: partner.notFound; partner.occurrence.recorded (already delivered);
 * partner.served.overCapacity / tooMany (more people served than the post's places allow, decision 062); forbidden.
 */
export async function recordOccurrence(tx: Tx, caller: StaffCaller, input: RecordOccurrenceFields & { now?: Date }) {
  const tenantId = partnerScope(caller, 'update');
  const p = parseInput(recordOccurrenceSchema, input);
  const [o] = await tx.select().from(serviceOccurrences).where(and(eq(serviceOccurrences.tenantId, tenantId), eq(serviceOccurrences.id, p.occurrenceId))).for('update');
  if (!o) throw new UseCaseError('partner.notFound');
  if (o.status === 'delivered') throw new UseCaseError('partner.occurrence.recorded');
  if (p.status === 'delivered') await assertPeopleServed(tx, tenantId, o.postId, p.peopleServed);
  await tx
    .update(serviceOccurrences)
    .set({ status: p.status, checkedInAt: p.status === 'delivered' ? (input.now ?? new Date()) : null, peopleServed: p.status === 'delivered' ? p.peopleServed : null })
    .where(and(eq(serviceOccurrences.tenantId, tenantId), eq(serviceOccurrences.id, o.id)));
  return { status: p.status };
}
