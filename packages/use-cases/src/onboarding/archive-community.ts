import { and, eq, isNull } from 'drizzle-orm';
import { enterTenant, invitations, isUuid, memberships, orgUnits, type Tx } from '@shequ/db';
import { type AppAbility, assertCan, subject } from '@shequ/permissions';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { UseCaseError } from '../errors.ts';

/** The stored export an archive rests on: where it is and its checksum, kept in the audit log. */
export type ArchiveExport = { file: string; bytes: number; sha256: string };

/** A community can be archived only once suspended: nothing then changes while its export is written. */
export async function assertArchivable(tx: Tx, ability: AppAbility, communityId: string) {
  if (!isUuid(communityId)) throw new UseCaseError('community.notFound');
  const [community] = await tx.select().from(orgUnits).where(and(eq(orgUnits.id, communityId), eq(orgUnits.kind, 'community')));
  if (!community || community.status === 'archived') throw new UseCaseError('community.notFound');
  assertCan(ability, 'manage', subject('Community', { id: community.id, streetId: community.streetId!, districtId: community.districtId! }));
  if (community.status !== 'suspended') throw new UseCaseError('community.archive.notSuspended');
  return community;
}

/**
 * Archives a suspended community after its full export was stored: the community disappears for residents (its
 * pages answer "not found") and its staff lose their roles there. Its cases and events stay in the database, so
 * district figures for past periods do not change. The export's location and checksum go to the audit log.
 */
export async function archiveCommunity(tx: Tx, ability: AppAbility, actorUserId: string, communityId: string, stored: ArchiveExport) {
  const community = await assertArchivable(tx, ability, communityId);
  await tx.update(orgUnits).set({ status: 'archived' }).where(and(eq(orgUnits.id, community.id), eq(orgUnits.status, 'suspended')));
  const removed = await tx.delete(memberships).where(eq(memberships.orgUnitId, community.id)).returning({ id: memberships.id });
  // Invitations still waiting would otherwise give a role in an archived community when accepted.
  await tx.update(invitations).set({ revokedAt: new Date() }).where(and(eq(invitations.orgUnitId, community.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)));
  await enterTenant(tx, community.id);
  await recordAuditEvent(tx, { tenantId: community.id, actorUserId, action: 'community_archived', subjectType: 'Community', subjectId: community.id, detail: { ...stored, membershipsRemoved: removed.length } });
  return { communityId: community.id, membershipsRemoved: removed.length };
}
