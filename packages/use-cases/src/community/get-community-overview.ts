import { and, count, eq, inArray } from 'drizzle-orm';
import { COMMUNITY_STAFF_ROLES } from '@shequ/domain';
import { buildings, categories, grids, memberships, orgUnits, type Tx } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { communityCaseCounts } from '../cases/community-case-counts.ts';
import { UseCaseError } from '../errors.ts';

/**
 * A community console's front page: its name and profile, case counts (communityCaseCounts), and how many grids,
 * buildings, active categories and staff (COMMUNITY_STAFF_ROLES) it has. Inside the community's tenant
 * transaction. Refuses: ForbiddenError when the caller may not read the community; 'community.notFound'.
 */
export async function getCommunityOverview(tx: Tx, { ability }: StaffCaller, input: { communityId: string }) {
  const [community] = await tx.select().from(orgUnits).where(eq(orgUnits.id, input.communityId));
  if (!community) throw new UseCaseError('community.notFound');
  assertCan(ability, 'read', subject('Community', { id: community.id, streetId: community.streetId!, districtId: community.districtId! }));
  const [[g], [b], [c], [s]] = await Promise.all([
    tx.select({ n: count() }).from(grids),
    tx.select({ n: count() }).from(buildings),
    tx.select({ n: count() }).from(categories).where(eq(categories.active, true)),
    tx
      .select({ n: count() })
      .from(memberships)
      .where(and(eq(memberships.orgUnitId, community.id), inArray(memberships.role, [...COMMUNITY_STAFF_ROLES]))),
  ]);
  const counts = await communityCaseCounts(tx, community.id);
  return { name: community.name, profile: community.profile, counts, stats: { grids: g!.n, buildings: b!.n, categories: c!.n, staff: s!.n } };
}
