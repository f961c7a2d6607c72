import { and, eq } from 'drizzle-orm';
import { isCommunityInReach } from '@shequ/domain';
import { isUuid, orgUnits, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';

/**
 * Whether the community `communityId` exists and lies within the caller's workspace's reach (the domain's
 * isCommunityInReach). Reads only the hierarchy (a reference table), so officers' routes call it before opening
 * the community's tenant context. Output: true or false (false for anything that is not a community's id); no refusal.
 */
export async function communityInReach(tx: Tx, caller: Pick<StaffCaller, 'actor'>, input: { communityId: string }): Promise<boolean> {
  const { communityId } = input;
  if (!isUuid(communityId)) return false;
  const [community] = await tx
    .select({ id: orgUnits.id, streetId: orgUnits.streetId, districtId: orgUnits.districtId })
    .from(orgUnits)
    .where(and(eq(orgUnits.id, communityId), eq(orgUnits.kind, 'community')));
  return community ? isCommunityInReach(caller.actor.workspace, community) : false;
}
