import { and, eq, isNull } from 'drizzle-orm';
import { enterTenant, invitations, memberships, orgUnits, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { assertArchivable } from './assert-archivable.ts';

/** The stored export an archive rests on: where it is and its checksum, kept in the audit log. */
export type ArchiveExport = { file: string; bytes: number; sha256: string };

/**
 * Archives a suspended community after its full export was stored: the community disappears for residents (its
 * pages answer "not found") and its staff lose their roles there. Its cases and events stay in the database, so
 * district figures for past periods do not change. The export's location and checksum go to the audit log.
 * Input: `communityId` and the `stored` export. Output: the community's id and how many memberships were removed.
 * Refuses as assertArchivable does.
 */
export async function archiveCommunity(tx: Tx, caller: StaffCaller, input: { communityId: string; stored: ArchiveExport }) {
  const { stored } = input;
  const community = await assertArchivable(tx, caller, input);
  await tx.update(orgUnits).set({ status: 'archived' }).where(and(eq(orgUnits.id, community.id), eq(orgUnits.status, 'suspended')));
  const removed = await tx.delete(memberships).where(eq(memberships.orgUnitId, community.id)).returning({ id: memberships.id });
  // Invitations still waiting would otherwise give a role in an archived community when accepted.
  await tx.update(invitations).set({ revokedAt: new Date() }).where(and(eq(invitations.orgUnitId, community.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)));
  await enterTenant(tx, community.id);
  await recordAuditEvent(tx, { tenantId: community.id, actorUserId: caller.actor.userId, action: 'community_archived', subjectType: 'Community', subjectId: community.id, detail: { ...stored, membershipsRemoved: removed.length } });
  return { communityId: community.id, membershipsRemoved: removed.length };
}
