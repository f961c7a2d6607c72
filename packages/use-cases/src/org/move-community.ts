import { and, eq } from 'drizzle-orm';
import { checkAdminCode, codeIsWithin, normalizeAdminCode } from '@shequ/domain';
import { enterTenant, isUniqueViolation, isUuid, orgUnitMoves, orgUnits, type Tx } from '@shequ/db';
import { assertCan } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { UseCaseError } from '../errors.ts';

/**
 * Moves a community under another street (possibly in another district). Its cases, staff and history stay with it
 * (they hang off the community, not the street); the move itself is kept in org_unit_moves so figures for earlier
 * periods can still be attributed to the street it belonged to then. A community's admin code encodes its street,
 * so when the old code does not fit the new street a new code must be given (or the code is cleared on request).
 * Input: communityId, streetId, adminCode (optional); `now` the moment of the move. Output: the community's id, new
 * street and code; audited (community_moved). Refuses: ForbiddenError unless the caller manages the hierarchy;
 * org.notFound; org.move.street, org.move.same, org.move.nameTaken (beside streetId); org.badCode,
 * org.move.codeOutside, org.move.codeNeeded, org.code.taken (beside adminCode).
 */
export async function moveCommunity(tx: Tx, caller: StaffCaller, input: { communityId: string; streetId: string; adminCode?: string | null }, now = new Date()) {
  assertCan(caller.ability, 'manage', 'OrgUnit');
  const actorUserId = caller.actor.userId;
  if (!isUuid(input.communityId)) throw new UseCaseError('org.notFound');
  if (!isUuid(input.streetId)) throw new UseCaseError('org.move.street', { field: 'streetId' });
  const [community] = await tx.select().from(orgUnits).where(and(eq(orgUnits.id, input.communityId), eq(orgUnits.kind, 'community')));
  if (!community || community.status === 'archived') throw new UseCaseError('org.notFound');
  const [street] = await tx.select().from(orgUnits).where(and(eq(orgUnits.id, input.streetId), eq(orgUnits.kind, 'street')));
  if (!street || street.status === 'archived') throw new UseCaseError('org.move.street', { field: 'streetId' });
  if (street.id === community.streetId) throw new UseCaseError('org.move.same', { field: 'streetId' });

  const given = normalizeAdminCode(input.adminCode ?? '');
  let adminCode = given || community.adminCode;
  if (given && checkAdminCode(given, 'community')) throw new UseCaseError('org.badCode', { field: 'adminCode' });
  if (adminCode && street.adminCode && !codeIsWithin(adminCode, street.adminCode)) {
    if (given) throw new UseCaseError('org.move.codeOutside', { field: 'adminCode' });
    throw new UseCaseError('org.move.codeNeeded', { field: 'adminCode' });
  }
  adminCode = adminCode ?? null;

  try {
    await tx
      .update(orgUnits)
      .set({ parentId: street.id, streetId: street.id, districtId: street.districtId, adminCode })
      .where(eq(orgUnits.id, community.id));
  } catch (error) {
    if (isUniqueViolation(error, 'org_units_admin_code_key')) throw new UseCaseError('org.code.taken', { field: 'adminCode' });
    if (isUniqueViolation(error, 'org_units_parent_name_key')) throw new UseCaseError('org.move.nameTaken', { field: 'streetId' });
    throw error;
  }
  await tx.insert(orgUnitMoves).values({
    unitId: community.id,
    fromStreetId: community.streetId,
    toStreetId: street.id,
    fromDistrictId: community.districtId,
    toDistrictId: street.districtId,
    fromAdminCode: community.adminCode,
    toAdminCode: adminCode,
    movedBy: actorUserId,
    movedAt: now,
  });
  await enterTenant(tx, community.id);
  await recordAuditEvent(tx, {
    tenantId: community.id,
    actorUserId,
    action: 'community_moved',
    subjectType: 'Community',
    subjectId: community.id,
    detail: { fromStreetId: community.streetId, toStreetId: street.id, fromAdminCode: community.adminCode, toAdminCode: adminCode },
  });
  return { communityId: community.id, streetId: street.id, adminCode };
}
