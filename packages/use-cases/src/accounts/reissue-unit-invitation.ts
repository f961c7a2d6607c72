import { parseInput } from '../parse-input.ts';
import { eq } from 'drizzle-orm';
import { decideAccountAction, UNIT_ACCOUNT_ROLES } from '@shequ/domain';
import { invitations, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { auditAccountAct } from './account-audit.ts';
import { reissueInvitationLink } from './invitations.ts';
import { accountActorFor, assertMayManageRole, loadManagedUnit } from './unit-reach.ts';
import { reissueUnitInvitationSchema, type ReissueUnitInvitationInput } from './reissue-unit-invitation.schema.ts';
export { reissueUnitInvitationSchema, type ReissueUnitInvitationInput };


/**
 * A new one-time link (7 days) for an invitation still open or expired unanswered, on a unit's accounts page; the
 * earlier links the caller's scope sees stop working.
 *
 * Input: reissueUnitInvitationSchema (invitation id). Output: `{ token, name }` (the name as the inviter typed it).
 * Refusals: accounts.notFound (404: unknown, accepted, withdrawn, out of reach, or a role the page does not manage),
 * forbidden, account.outOfReach. Audited in the unit's log (invitation_reissued).
 */
export async function reissueUnitInvitation(tx: Tx, caller: StaffCaller, input: ReissueUnitInvitationInput, now = new Date()) {
  const parsed = parseInput(reissueUnitInvitationSchema, input);
  const [inv] = await tx
    .select({ id: invitations.id, userId: invitations.userId, role: invitations.role, orgUnitId: invitations.orgUnitId, name: invitations.inviteeName, acceptedAt: invitations.acceptedAt, revokedAt: invitations.revokedAt })
    .from(invitations)
    .where(eq(invitations.id, parsed.invitationId));
  if (!inv || !inv.orgUnitId || inv.acceptedAt || inv.revokedAt) throw new UseCaseError('accounts.notFound');
  const unit = await loadManagedUnit(tx, caller, inv.orgUnitId).catch((e) => Promise.reject(e instanceof UseCaseError ? new UseCaseError('accounts.notFound') : e));
  if (!UNIT_ACCOUNT_ROLES[unit.kind].includes(inv.role)) throw new UseCaseError('accounts.notFound');
  assertMayManageRole(caller, unit, inv.role);
  const actor = accountActorFor(caller);
  const decision = decideAccountAction(actor, 'grantRole', { userId: '', memberships: [] }, { role: inv.role, orgUnitId: unit.id, districtId: unit.districtId });
  if (!decision.allowed) throw new UseCaseError(`account.${decision.reason}`);
  const link = await reissueInvitationLink(tx, inv.id, actor.userId, now).catch((e) => Promise.reject(e instanceof UseCaseError ? new UseCaseError('accounts.notFound') : e));
  await auditAccountAct(tx, caller, unit.id, { action: 'invitation_reissued', userId: inv.userId, detail: { role: inv.role, invitationId: inv.id } });
  return { token: link.token, name: inv.name };
}
