import { parseInput } from '../parse-input.ts';
import { eq } from 'drizzle-orm';
import { decideAccountAction } from '@shequ/domain';
import { memberships, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { auditAccountAct } from './account-audit.ts';
import { accountActorFor, assertNotLastAdmin, loadManagedMembership } from './unit-reach.ts';
import { removeMembershipSchema, type RemoveMembershipInput } from './remove-membership.schema.ts';
export { removeMembershipSchema, type RemoveMembershipInput };


/**
 * Takes one role away (an officer leaves a street, an admin leaves a community), by an operator or the unit's
 * district officer. The account and its other places stay; sessions working in that role lose it at once (their
 * workspace is gone).
 *
 * Input: removeMembershipSchema (membership id). Output: `{ userId, role, unitName }` (for the page's message).
 * Rules: the role within the caller's reach (decideAccountAction 'removeRole'), never one's own, never a community's
 * last admin (admins' rows locked while checking).
 * Refusals: accounts.notFound (404), forbidden, account.self / account.outOfReach, accounts.lastAdmin.
 * Audited in the unit's log (role_removed).
 */
export async function removeMembership(tx: Tx, caller: StaffCaller, input: RemoveMembershipInput) {
  const parsed = parseInput(removeMembershipSchema, input);
  const { membership, unit } = await loadManagedMembership(tx, caller, parsed.membershipId);
  const decision = decideAccountAction(accountActorFor(caller), 'removeRole', { userId: membership.userId, memberships: [] }, { role: membership.role, orgUnitId: unit.id, districtId: unit.districtId });
  if (!decision.allowed) throw new UseCaseError(`account.${decision.reason}`);
  if (membership.role === 'community_admin') await assertNotLastAdmin(tx, unit.id, membership.id);
  await tx.delete(memberships).where(eq(memberships.id, membership.id));
  await auditAccountAct(tx, caller, unit.id, { action: 'role_removed', userId: membership.userId, detail: { role: membership.role } });
  return { userId: membership.userId, role: membership.role, unitName: unit.name };
}
