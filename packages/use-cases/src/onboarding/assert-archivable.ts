import { and, eq } from 'drizzle-orm';
import { isUuid, orgUnits, type Tx } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';

/**
 * Whether a community may be archived now (checked before its export is written): input `communityId`. A community
 * can be archived only once suspended, so nothing changes while its export is written. Output: the community's row.
 * Refuses: community.notFound (unknown, not a community, or archived already); ForbiddenError unless the caller
 * manages the community; community.archive.notSuspended.
 */
export async function assertArchivable(tx: Tx, { ability }: StaffCaller, input: { communityId: string }) {
  const { communityId } = input;
  if (!isUuid(communityId)) throw new UseCaseError('community.notFound');
  const [community] = await tx.select().from(orgUnits).where(and(eq(orgUnits.id, communityId), eq(orgUnits.kind, 'community')));
  if (!community || community.status === 'archived') throw new UseCaseError('community.notFound');
  assertCan(ability, 'manage', subject('Community', { id: community.id, streetId: community.streetId!, districtId: community.districtId! }));
  if (community.status !== 'suspended') throw new UseCaseError('community.archive.notSuspended');
  return community;
}
