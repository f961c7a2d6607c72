import { and, eq } from 'drizzle-orm';
import { partnerUnits, serviceOccurrences, servicePosts, type Tx } from '@shequ/db';
import type { Caller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';

/**
 * An occurrence as the rating page shows it to a resident (no sign-in): the post's title and place, the unit's name,
 * the time, and whether it can be rated (delivered). Input: `tenantId`, `occurrenceId`. Refuses: partner.notFound.
 */
export async function getOccurrenceForRating(tx: Tx, _caller: Caller, input: { tenantId: string; occurrenceId: string }) {
  const [row] = await tx
    .select({ title: servicePosts.title, place: servicePosts.place, unit: partnerUnits.name, startsAt: serviceOccurrences.startsAt, status: serviceOccurrences.status })
    .from(serviceOccurrences)
    .innerJoin(servicePosts, and(eq(servicePosts.tenantId, serviceOccurrences.tenantId), eq(servicePosts.id, serviceOccurrences.postId)))
    .innerJoin(partnerUnits, and(eq(partnerUnits.tenantId, serviceOccurrences.tenantId), eq(partnerUnits.id, serviceOccurrences.partnerUnitId)))
    .where(and(eq(serviceOccurrences.tenantId, input.tenantId), eq(serviceOccurrences.id, input.occurrenceId)));
  if (!row) throw new UseCaseError('partner.notFound');
  return { ...row, rateable: row.status === 'delivered' };
}
