import { parseInput } from '../parse-input.ts';
import { UNIT_ACCOUNT_ROLES } from '@shequ/domain';
import type { Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { auditAccountAct } from './account-audit.ts';
import { inviteToRole } from './invitations.ts';
import { accountActorFor, assertMayManageRole, loadManagedUnit } from './unit-reach.ts';
import { inviteUnitAccountSchema, type InviteUnitAccountInput } from './invite-unit-account.schema.ts';
export { inviteUnitAccountSchema, type InviteUnitAccountInput };


/**
 * An operator or a district officer invites someone, by mobile, to be an officer of a district, street or department,
 * or an admin of an existing community (issue 13). The role is offered, not added: a new account sets its password
 * on accepting, an existing account accepts with its own password (inviteToRole, decision 029).
 *
 * Input: inviteUnitAccountSchema (unit, name as typed, mobile, role).
 * Output: `{ token, expiresAt, invitationId, existingAccount, name }`: the one-time link's token (7 days) for the
 * inviter to pass on; whether the mobile had an account (never whose).
 * Refusals: accounts.unitNotFound (404: unknown, archived or out of reach); accounts.role.invalid (a role this page
 * does not manage for that unit); forbidden (CASL); account.outOfReach (the domain rule); invite.* (inviteToRole:
 * invalid mobile, already in that role). Audited in the unit's log (invitation_sent).
 */
export async function inviteUnitAccount(tx: Tx, caller: StaffCaller, input: InviteUnitAccountInput, now = new Date()) {
  const parsed = parseInput(inviteUnitAccountSchema, input);
  const unit = await loadManagedUnit(tx, caller, parsed.orgUnitId);
  if (!UNIT_ACCOUNT_ROLES[unit.kind].includes(parsed.role)) throw new UseCaseError('accounts.role.invalid', { field: 'role' });
  assertMayManageRole(caller, unit, parsed.role);
  const sent = await inviteToRole(tx, accountActorFor(caller), { name: parsed.name, mobile: parsed.mobile, role: parsed.role, orgUnitId: unit.id }, now);
  await auditAccountAct(tx, caller, unit.id, { action: 'invitation_sent', userId: sent.userId, detail: { role: parsed.role, invitationId: sent.invitationId } });
  return { token: sent.token, expiresAt: sent.expiresAt, invitationId: sent.invitationId, existingAccount: sent.existingAccount, name: parsed.name };
}
