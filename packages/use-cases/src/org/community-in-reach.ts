import { and, eq } from 'drizzle-orm';
import { isCommunityInReach } from '@shequ/domain';
import { isUuid, orgUnits, type Tx } from '@shequ/db';
import type { Workspace } from '@shequ/permissions';

/**
 * Whether the community `communityId` exists and lies within the workspace's reach (the domain's
 * isCommunityInReach). Reads only the hierarchy (a reference table), so officers' routes call it before opening
 * the community's tenant context; false for anything that is not a community's id.
 */
export async function communityInReach(tx: Tx, ws: Workspace, communityId: string): Promise<boolean> {
  if (!isUuid(communityId)) return false;
  const [community] = await tx
    .select({ id: orgUnits.id, streetId: orgUnits.streetId, districtId: orgUnits.districtId })
    .from(orgUnits)
    .where(and(eq(orgUnits.id, communityId), eq(orgUnits.kind, 'community')));
  return community ? isCommunityInReach(ws, community) : false;
}
