import { and, eq } from 'drizzle-orm';
import { chinaDate, claimStartTooEarly } from '@shequ/domain';
import { partnerUnits, servicePostClaims, servicePosts, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import {
type ClaimServicePostFields,
claimServicePostSchema
} from './partners.schema.ts';
import { partnerScope } from './partner-units.ts';

/**
 * A unit claims (认领) a post from a day (`claimedOn`, YYYY-MM-DD), today or later (decision 074: its occurrences are
 * promises made ahead; a claim dated back would make past occurrences promised and recordable at once). Input: postId,
 * partnerUnitId, claimedOn; now. Output `{ id }`. Refuses: partner.claim.past (before today, China time; `today`
 * names it); partner.notFound; partner.claim.taken; forbidden.
 */
export async function claimServicePost(tx: Tx, caller: StaffCaller, input: ClaimServicePostFields & { now?: Date }) {
  const tenantId = partnerScope(caller, 'update');
  const p = parseInput(claimServicePostSchema, input);
  const today = chinaDate(input.now ?? new Date());
  if (claimStartTooEarly(p.claimedOn, today)) throw new UseCaseError('partner.claim.past', { field: 'claimedOn', today });
  const [post] = await tx.select({ id: servicePosts.id }).from(servicePosts).where(and(eq(servicePosts.tenantId, tenantId), eq(servicePosts.id, p.postId)));
  const [unit] = await tx.select({ id: partnerUnits.id }).from(partnerUnits).where(and(eq(partnerUnits.tenantId, tenantId), eq(partnerUnits.id, p.partnerUnitId)));
  if (!post || !unit) throw new UseCaseError('partner.notFound');
  const [row] = await tx.insert(servicePostClaims).values({ tenantId, postId: post.id, partnerUnitId: unit.id, claimedOn: p.claimedOn }).onConflictDoNothing().returning({ id: servicePostClaims.id });
  if (!row) throw new UseCaseError('partner.claim.taken');
  return { id: row.id };
}
