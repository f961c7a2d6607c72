import type { Tx } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import { accountActorOf } from '../accounts/account-places.ts';
import { inviteToRole } from '../accounts/invitations.ts';
import { inviteStaffSchema } from '../accounts/invitations.schema.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import type { z } from '../zod.ts';
import { parseInput } from '../parse-input.ts';
import { staffCommunity } from './staff-community.ts';

/**
 * A community admin invites someone to a role in their community (the staff page, decision 029): by name and
 * mobile, with their grids for a grid worker (other roles get none). The person accepts on the invitation's page; an
 * existing account keeps its own password. Input: inviteStaffSchema (name, mobile, role, gridIds). Output: the
 * invitation id, its one-time link token and expiry, the account id and whether the mobile had an account already
 * (never its name). Audited (invitation_sent). Refuses: ForbiddenError unless the caller may manage that role here;
 * invite.name/mobile/role/grids invalid (beside their field); invite.alreadyMember; account.outOfReach.
 */
export async function inviteStaffMember(tx: Tx, caller: StaffCaller, input: z.input<typeof inviteStaffSchema>, now = new Date()) {
  const tenantId = staffCommunity(caller);
  const v = parseInput(inviteStaffSchema, input);
  assertCan(caller.ability, 'manage', subject('Membership', { tenantId, orgUnitId: tenantId, role: v.role }));
  const actor = accountActorOf(caller.actor.userId, caller.actor.workspace);
  const sent = await inviteToRole(tx, actor, { name: v.name, mobile: v.mobile, role: v.role, orgUnitId: tenantId, gridIds: v.role === 'grid_worker' ? v.gridIds : [] }, now);
  await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'invitation_sent', subjectType: 'User', subjectId: sent.userId, detail: { role: v.role, invitationId: sent.invitationId } });
  return sent;
}
