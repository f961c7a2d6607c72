import type { Tx } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import { accountActorOf } from '../accounts/account-places.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { issuePasswordReset } from '../auth/issue-password-reset.ts';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { listCommunityStaff } from './list-community-staff.ts';
import { staffCommunity } from './staff-community.ts';

/**
 * A community admin issues a one-time password-reset link (24 h) for someone holding a role in their community (the
 * staff page). Input: membershipId. Output: the person's name and the link's token. Audited (password_reset_issued).
 * Refuses: accounts.notFound (no such role in this community); ForbiddenError unless the caller may manage that
 * role here; account.outOfReach / account.noMembershipInReach / account.self / account.notAnAdmin (the domain's
 * account rule: not for someone who also works outside the caller's reach, issue 13).
 */
export async function issueStaffPasswordReset(tx: Tx, caller: StaffCaller, input: { membershipId: string }, now = new Date()) {
  const tenantId = staffCommunity(caller);
  const target = (await listCommunityStaff(tx, tenantId)).find((s) => s.membershipId === input.membershipId);
  if (!target) throw new UseCaseError('accounts.notFound');
  assertCan(caller.ability, 'manage', subject('Membership', { tenantId, orgUnitId: tenantId, role: target.role }));
  const { token } = await issuePasswordReset(tx, accountActorOf(caller.actor.userId, caller.actor.workspace), target.userId, now);
  await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'password_reset_issued', subjectType: 'User', subjectId: target.userId });
  return { name: target.displayName, token };
}
