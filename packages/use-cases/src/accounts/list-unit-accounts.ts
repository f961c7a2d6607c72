import { and, asc, eq, inArray } from 'drizzle-orm';
import { COMMUNITY_STAFF_ROLES, decideAccountAction, decideRoleChange, maskMobile, type Role, UNIT_ACCOUNT_ROLES } from '@shequ/domain';
import { memberships, users, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { listInvitations } from './invitations.ts';
import { accountActorFor, assertMayManageRole, loadManagedUnit, type ManagedUnit } from './unit-reach.ts';

/** The roles a membership of `role` may be changed to in place by this caller (never to a promotion: that is an invitation). */
function roleChoicesFor(unit: ManagedUnit, role: Role): Role[] {
  if (unit.kind !== 'community') return [];
  return COMMUNITY_STAFF_ROLES.filter((to) => {
    const change = decideRoleChange(role, to);
    return change.allowed && !change.needsAcceptance;
  });
}

/**
 * A unit's accounts page (issue 13: operators and district officers manage officers' accounts and communities'
 * admins in the product): a district's, street's or department's officers, or a community's admins.
 *
 * Input: `{ orgUnitId }`, the unit (from the URL). Caller: an operator (any unit) or a district officer (units of
 * their district).
 * Output: the unit; its people in the managed roles (name, masked mobile, role; `you` for the caller) each with what
 * the caller may do (`mayRemove`, or `removeRefusal`: 'self' | 'lastAdmin' | 'outOfReach'; `roleChoices`: roles it
 * may be changed to at once); the invitations for those roles (name as typed, masked mobile, status); and the roles
 * the caller may invite to.
 * Refusals: accounts.unitNotFound (no such unit, archived, or out of reach: the page answers 404).
 */
export async function listUnitAccounts(tx: Tx, caller: StaffCaller, input: { orgUnitId: unknown }, now = new Date()) {
  const unit = await loadManagedUnit(tx, caller, input.orgUnitId);
  const roles = UNIT_ACCOUNT_ROLES[unit.kind];
  for (const role of roles) assertMayManageRole(caller, unit, role);
  const actor = accountActorFor(caller);
  const rows = await tx
    .select({ membershipId: memberships.id, userId: users.id, displayName: users.displayName, mobile: users.mobile, email: users.email, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgUnitId, unit.id), inArray(memberships.role, [...roles])))
    .orderBy(asc(memberships.role), asc(users.displayName));
  const admins = unit.kind === 'community' ? rows.filter((r) => r.role === 'community_admin').length : 0;
  const members = rows.map(({ mobile, email, ...r }) => {
    const decision = decideAccountAction(actor, 'removeRole', { userId: r.userId, memberships: [] }, { role: r.role, orgUnitId: unit.id, districtId: unit.districtId });
    const lastAdmin = r.role === 'community_admin' && admins <= 1;
    const removeRefusal: 'self' | 'outOfReach' | 'lastAdmin' | null = !decision.allowed ? (decision.reason === 'self' ? 'self' : 'outOfReach') : lastAdmin ? 'lastAdmin' : null;
    return {
      ...r,
      contact: mobile ? maskMobile(mobile) : (email ?? null),
      you: r.userId === caller.actor.userId,
      mayRemove: removeRefusal === null,
      removeRefusal,
      roleChoices: removeRefusal === null ? roleChoicesFor(unit, r.role) : [],
    };
  });
  const invitations = (await listInvitations(tx, [unit.id], now)).filter((i) => (roles as readonly string[]).includes(i.role));
  return { unit, members, invitations, inviteRoles: [...roles] };
}
