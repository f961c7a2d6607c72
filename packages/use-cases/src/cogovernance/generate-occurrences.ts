import { and, eq } from 'drizzle-orm';
import { occurrencesAhead } from '@shequ/domain';
import { servicePostClaims, serviceOccurrences, servicePosts, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { partnerScope } from './partner-units.ts';

/**
 * Generates the occurrences (promises) of every active claim between two days (YYYY-MM-DD, China time) from its
 * post's recurrence, from the claim's day on, and only those starting after `now` (occurrencesAhead, decision 074: a
 * promise is made ahead; none is made for a time already past); idempotent (one per claim and start).
 * Input: from, to, now. Output: `{ created }`.
 */
export async function generateOccurrences(tx: Tx, caller: StaffCaller, input: { from: string; to: string; now?: Date }) {
  const now = input.now ?? new Date();
  const tenantId = partnerScope(caller, 'update');
  const claims = await tx
    .select({ claim: servicePostClaims, post: servicePosts })
    .from(servicePostClaims)
    .innerJoin(servicePosts, and(eq(servicePosts.tenantId, servicePostClaims.tenantId), eq(servicePosts.id, servicePostClaims.postId)))
    .where(and(eq(servicePostClaims.tenantId, tenantId), eq(servicePosts.active, true)));
  const values = claims.flatMap(({ claim, post }) => {
    const from = claim.claimedOn > input.from ? claim.claimedOn : input.from;
    const to = claim.endedOn && claim.endedOn < input.to ? claim.endedOn : input.to;
    return occurrencesAhead(post.recurrence, post.startTime, from, to, now).map((startsAt) => ({ tenantId, postId: post.id, claimId: claim.id, partnerUnitId: claim.partnerUnitId, startsAt }));
  });
  if (!values.length) return { created: 0 };
  const rows = await tx.insert(serviceOccurrences).values(values).onConflictDoNothing().returning({ id: serviceOccurrences.id });
  return { created: rows.length };
}
