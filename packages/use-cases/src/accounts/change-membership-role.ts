import { parseInput } from '../parse-input.ts';
import { and, eq } from 'drizzle-orm';
import { decideAccountAction, decideRoleChange } from '@shequ/domain';
import { memberships, users, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { auditAccountAct } from './account-audit.ts';
import { createInvitation } from './invitations.ts';
import { accountActorFor, assertMayManageRole, assertNotLastAdmin, loadManagedMembership } from './unit-reach.ts';
import { changeMembershipRoleSchema, type ChangeMembershipRoleInput } from './change-membership-role.schema.ts';
export { changeMembershipRoleSchema, type ChangeMembershipRoleInput };


/**
 * Changes the role of one membership in its unit (say, a community admin becomes a social worker there), by an
 * operator or the unit's district officer.
 *
 * Input: changeMembershipRoleSchema (membership id, new role).
 * Output: `{ outcome: 'changed' }`, or `{ outcome: 'invited', token }` for a promotion (to community admin): like any
 * role given to an existing account it is offered and waits for the holder's acceptance (decision 029).
 * Rules: the role may change only among roles of the same kind of unit (decideRoleChange); the old role must be
 * within the caller's reach to take away and the new one to give (decideAccountAction); never one's own; a
 * community keeps at least one admin (the admins' rows are locked while checking, so two removals at once cannot
 * leave none). A person already holding the new role there just loses the old one.
 * Refusals: accounts.notFound (404), forbidden, account.self / account.outOfReach, accounts.role.invalid,
 * accounts.lastAdmin. Audited in the unit's log (role_changed, or invitation_sent for a promotion).
 */
export async function changeMembershipRole(tx: Tx, caller: StaffCaller, input: ChangeMembershipRoleInput, now = new Date()) {
  const parsed = parseInput(changeMembershipRoleSchema, input);
  const { membership, unit } = await loadManagedMembership(tx, caller, parsed.membershipId);
  const change = decideRoleChange(membership.role, parsed.role);
  if (!change.allowed) throw new UseCaseError('accounts.role.invalid', { field: 'role' });
  assertMayManageRole(caller, unit, parsed.role);
  const actor = accountActorFor(caller);
  const place = (role: typeof parsed.role) => ({ role, orgUnitId: unit.id, districtId: unit.districtId });
  const removal = decideAccountAction(actor, 'removeRole', { userId: membership.userId, memberships: [] }, place(membership.role));
  if (!removal.allowed) throw new UseCaseError(`account.${removal.reason}`);
  const grant = decideAccountAction(actor, 'grantRole', { userId: membership.userId, memberships: [], exists: true }, place(parsed.role));
  if (!grant.allowed) throw new UseCaseError(`account.${grant.reason}`);

  if (change.needsAcceptance) {
    const [person] = await tx.select({ name: users.displayName }).from(users).where(eq(users.id, membership.userId));
    const sent = await createInvitation(tx, { userId: membership.userId, inviteeName: person?.name ?? '', role: parsed.role, orgUnitId: unit.id, invitedBy: actor.userId }, now);
    await auditAccountAct(tx, caller, unit.id, { action: 'invitation_sent', userId: membership.userId, detail: { role: parsed.role, invitationId: sent.invitationId, from: membership.role } });
    return { outcome: 'invited' as const, token: sent.token };
  }
  if (membership.role === 'community_admin') await assertNotLastAdmin(tx, unit.id, membership.id);
  const [already] = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.userId, membership.userId), eq(memberships.orgUnitId, unit.id), eq(memberships.role, parsed.role)));
  if (already) await tx.delete(memberships).where(eq(memberships.id, membership.id));
  else await tx.update(memberships).set({ role: parsed.role }).where(eq(memberships.id, membership.id));
  await auditAccountAct(tx, caller, unit.id, { action: 'role_changed', userId: membership.userId, detail: { from: membership.role, to: parsed.role } });
  return { outcome: 'changed' as const };
}
