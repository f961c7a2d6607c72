import { and, eq } from 'drizzle-orm';
import { isUuid, orgUnits, type Tx } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';

/**
 * The community to export, if the caller may: for a check before a download starts streaming. Input:
 * `communityId`. Output: the community's row. Refuses: community.notFound; ForbiddenError unless the caller manages
 * the community.
 */
export async function communityToExport(tx: Tx, { ability }: StaffCaller, input: { communityId: string }) {
  const { communityId } = input;
  if (!isUuid(communityId)) throw new UseCaseError('community.notFound');
  const [community] = await tx.select().from(orgUnits).where(and(eq(orgUnits.id, communityId), eq(orgUnits.kind, 'community')));
  if (!community) throw new UseCaseError('community.notFound');
  assertCan(ability, 'manage', subject('Community', { id: community.id, streetId: community.streetId!, districtId: community.districtId! }));
  return community;
}
