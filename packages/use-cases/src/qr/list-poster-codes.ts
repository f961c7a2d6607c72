import { and, asc, eq, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { buildings, isUuid, orgUnits, qrCodes, type Tx } from '@shequ/db';
import { type AppAbility, assertCan, subject } from '@shequ/permissions';
import { UseCaseError } from '../errors.ts';

export type PosterCode = { id: string; token: string; buildingName: string | null };

/**
 * What printing a community's posters needs: its names and its active QR codes (community first, then buildings by
 * name). Officers and operators above the community may print them, and inside the community whoever may read its
 * codes on the QR page (its staff and grid workers; not a volunteer-team leader: forbidden). Must
 * run inside the community's tenant context (the codes are tenant rows).
 * Caller: anyone with an ability (staff of the community, officers and operators above it). Input: `{ communityId }`.
 */
export async function listPosterCodes(tx: Tx, { ability }: { ability: AppAbility }, { communityId }: { communityId: string }) {
  if (!isUuid(communityId)) throw new UseCaseError('community.notFound');
  const street = alias(orgUnits, 'street');
  const [community] = await tx
    .select({ id: orgUnits.id, name: orgUnits.name, slug: orgUnits.slug, status: orgUnits.status, streetId: orgUnits.streetId, districtId: orgUnits.districtId, streetName: street.name })
    .from(orgUnits)
    .leftJoin(street, eq(street.id, orgUnits.streetId))
    .where(and(eq(orgUnits.id, communityId), eq(orgUnits.kind, 'community')));
  if (!community || community.status === 'archived' || !community.slug) throw new UseCaseError('community.notFound');
  assertCan(ability, 'read', subject('Community', { id: community.id, streetId: community.streetId!, districtId: community.districtId! }));
  // In the community's own console the posters are the QR page's codes: whoever may not read them there (a
  // volunteer-team leader reads the community, not its codes) may not print them either (t37).
  if (ability.can('access', 'CommunityConsole')) assertCan(ability, 'read', subject('Building', { tenantId: community.id, gridWorkerId: null }));
  const codes: PosterCode[] = await tx
    .select({ id: qrCodes.id, token: qrCodes.token, buildingName: buildings.name })
    .from(qrCodes)
    .leftJoin(buildings, and(eq(buildings.tenantId, qrCodes.tenantId), eq(buildings.id, qrCodes.buildingId)))
    .where(and(eq(qrCodes.tenantId, communityId), isNull(qrCodes.replacedAt)))
    .orderBy(asc(buildings.name));
  codes.sort((a, b) => Number(a.buildingName !== null) - Number(b.buildingName !== null));
  return { community: { id: community.id, name: community.name, slug: community.slug, streetName: community.streetName }, codes };
}
