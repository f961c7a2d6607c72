import { and, asc, eq, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { buildings, isUuid, orgUnits, qrCodes, type Tx } from '@shequ/db';
import { type AppAbility, assertCan, subject } from '@shequ/permissions';
import { UseCaseError } from '../errors.ts';

export type PosterCode = { id: string; token: string; buildingName: string | null };

/**
 * What printing a community's posters needs: its names and its active QR codes (community first, then buildings by
 * name). Anyone who may read the community may print them: its staff, and operators and officers above it. Must
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
  const codes: PosterCode[] = await tx
    .select({ id: qrCodes.id, token: qrCodes.token, buildingName: buildings.name })
    .from(qrCodes)
    .leftJoin(buildings, and(eq(buildings.tenantId, qrCodes.tenantId), eq(buildings.id, qrCodes.buildingId)))
    .where(and(eq(qrCodes.tenantId, communityId), isNull(qrCodes.replacedAt)))
    .orderBy(asc(buildings.name));
  codes.sort((a, b) => Number(a.buildingName !== null) - Number(b.buildingName !== null));
  return { community: { id: community.id, name: community.name, slug: community.slug, streetName: community.streetName }, codes };
}
