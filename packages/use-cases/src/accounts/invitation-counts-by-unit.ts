import { sql } from 'drizzle-orm';
import { invitations, type Tx } from '@shequ/db';
import { assertCan } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';

/**
 * For operators (issue 15: they see per community whether invitations were accepted): per unit, how many
 * invitations were accepted, are still waiting, or expired unanswered (withdrawn ones are not counted), at `now`.
 * Read in the operators' maintenance scope. Refuses (ForbiddenError) a caller who may not manage communities.
 */
export async function invitationCountsByUnit(tx: Tx, { ability }: StaffCaller, _input = {}, now = new Date()) {
  assertCan(ability, 'manage', 'Community');
  const at = sql`${now.toISOString()}::timestamptz`;
  const rows = await tx
    .select({
      orgUnitId: invitations.orgUnitId,
      accepted: sql<number>`count(*) filter (where ${invitations.acceptedAt} is not null)::int`,
      pending: sql<number>`count(*) filter (where ${invitations.acceptedAt} is null and ${invitations.revokedAt} is null and ${invitations.expiresAt} > ${at})::int`,
      expired: sql<number>`count(*) filter (where ${invitations.acceptedAt} is null and ${invitations.revokedAt} is null and ${invitations.expiresAt} <= ${at})::int`,
    })
    .from(invitations)
    .groupBy(invitations.orgUnitId);
  return Object.fromEntries(rows.filter((r) => r.orgUnitId).map((r) => [r.orgUnitId!, { accepted: r.accepted, pending: r.pending, expired: r.expired }]));
}
