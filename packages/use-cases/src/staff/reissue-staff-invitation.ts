import type { Tx } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import { listInvitations, reissueInvitationLink } from '../accounts/invitations.ts';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { staffCommunity } from './staff-community.ts';

/**
 * A community admin sends an invitation of their community again: a new one-time link (7 days), the earlier links
 * stop working. Input: invitationId. Output: the invitee's name as typed and the link's token. Refuses: invite.notOpen
 * (not an invitation of this community, or accepted or withdrawn); ForbiddenError unless the caller may manage the
 * invitation's role here.
 */
export async function reissueStaffInvitation(tx: Tx, caller: StaffCaller, input: { invitationId: string }, now = new Date()) {
  const tenantId = staffCommunity(caller);
  const invitation = (await listInvitations(tx, [tenantId], now)).find((i) => i.id === input.invitationId);
  if (!invitation) throw new UseCaseError('invite.notOpen');
  assertCan(caller.ability, 'manage', subject('Membership', { tenantId, orgUnitId: tenantId, role: invitation.role }));
  const { token } = await reissueInvitationLink(tx, invitation.id, caller.actor.userId, now);
  return { name: invitation.inviteeName, token };
}
