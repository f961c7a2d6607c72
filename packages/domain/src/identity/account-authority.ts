import type { OrgKind } from '../org/org-kind.ts';
import type { Role } from './role.ts';
import { ROLE_ORG_KIND } from './role.ts';

/**
 * Who may act on whose account. Found by trying it from outside (issue 13): the admin of community A issued a
 * password-reset link for a staff member who also works in community B, signed in as that person and read B's
 * residents. The rule: an admin acts only on accounts whose every membership lies within the admin's reach;
 * anything else goes through the account holder themselves (a reset by text-message code) or a platform operator.
 * A role added to an account that already exists waits for that person's acceptance (an invitation), so nobody
 * gains a place, nor a place's people, that they were not given.
 */

/** One membership, placed in the hierarchy: its unit, and the district (and street) that unit lies in. */
export type MembershipPlace = {
  role: Role;
  /** null only for platform operators. */
  orgUnitId: string | null;
  /** The district the unit lies in (a district's own id for a district officer); null for operators. */
  districtId: string | null;
};

/** The workspace someone acts from (their current membership, placed the same way). */
export type AccountActor = MembershipPlace & { userId: string };

export const ACCOUNT_ACTIONS = ['resetPassword', 'disable', 'changeContact', 'grantRole', 'removeRole'] as const;
export type AccountAction = (typeof ACCOUNT_ACTIONS)[number];

export type AccountDecision =
  | { allowed: true; /** The role waits for the account holder's acceptance (grantRole on an existing account). */ needsAcceptance: boolean }
  | { allowed: false; reason: 'notAnAdmin' | 'self' | 'outOfReach' | 'noMembershipInReach' };

const COMMUNITY_ROLES: readonly Role[] = ['community_admin', 'community_staff', 'grid_worker', 'volunteer_leader'];
/** Roles a district officer hands out and manages inside their district (officers and every community role). */
export const DISTRICT_ROLES: readonly Role[] = ['district_officer', 'street_officer', 'department_handler', ...COMMUNITY_ROLES];

/**
 * The accounts an operator or a district officer manages on a unit's page (issue 13): a district's, street's or
 * department's officers, a community's admins (the community's other staff are its admins' business).
 */
export const UNIT_ACCOUNT_ROLES: Record<OrgKind, readonly Role[]> = {
  district: ['district_officer'],
  street: ['street_officer'],
  department: ['department_handler'],
  community: ['community_admin'],
};

export type RoleChange = { allowed: true; /** A promotion: offered by an invitation, the holder accepts. */ needsAcceptance: boolean } | { allowed: false; reason: 'sameRole' | 'otherKind' };

/**
 * Whether a membership may change from one role to another in the same unit: only between roles held in the same
 * kind of unit (a community's roles among themselves). Taking a role away (an admin becomes a social worker) happens
 * at once; giving the admin role is a promotion and waits for the holder's acceptance, like any role given to an
 * existing account.
 */
export function decideRoleChange(from: Role, to: Role): RoleChange {
  if (from === to) return { allowed: false, reason: 'sameRole' };
  if (ROLE_ORG_KIND[from] !== ROLE_ORG_KIND[to] || ROLE_ORG_KIND[from] === null) return { allowed: false, reason: 'otherKind' };
  return { allowed: true, needsAcceptance: to === 'community_admin' };
}

/**
 * Whether one membership lies within what the actor administers:
 * - a platform operator: everything;
 * - a district officer: officers' and community roles in units of their own district;
 * - a community admin: the community roles of their own community;
 * - anyone else: nothing.
 */
export function isWithinReach(actor: MembershipPlace, place: MembershipPlace): boolean {
  switch (actor.role) {
    case 'platform_operator':
      return true;
    case 'district_officer':
      return DISTRICT_ROLES.includes(place.role) && place.districtId !== null && place.districtId === actor.orgUnitId;
    case 'community_admin':
      return COMMUNITY_ROLES.includes(place.role) && ROLE_ORG_KIND[place.role] === 'community' && place.orgUnitId === actor.orgUnitId;
    default:
      return false;
  }
}

/**
 * Decides whether `actor` may take `action` on the account of `target`.
 *
 * Input: the actor's workspace; the target account's id and every membership it holds (all of them, across the
 * platform); for grantRole, the membership being given, and whether the account exists already (has memberships
 * or a password) — a brand-new account is created by the invitation itself.
 * Output: allowed (with needsAcceptance for a role added to an existing account), or refused with a reason.
 * Refusals: someone who administers nothing (notAnAdmin); one's own account through an admin path (self: the
 * holder uses their own sign-in or a text-message code); a target with any membership outside the actor's reach
 * (outOfReach); a target none of whose memberships the actor administers (noMembershipInReach: an admin has no
 * standing over a stranger's account). Removing a role needs only that role within reach: it takes nothing away
 * from elsewhere. Giving a role needs the role within reach, and acceptance when the account already exists.
 */
export function decideAccountAction(
  actor: AccountActor,
  action: AccountAction,
  target: { userId: string; memberships: readonly MembershipPlace[]; exists?: boolean },
  subject?: MembershipPlace,
): AccountDecision {
  if (!['platform_operator', 'district_officer', 'community_admin'].includes(actor.role)) return { allowed: false, reason: 'notAnAdmin' };
  if (target.userId === actor.userId && action !== 'grantRole') return { allowed: false, reason: 'self' };
  switch (action) {
    case 'grantRole': {
      if (!subject || !isWithinReach(actor, subject)) return { allowed: false, reason: 'outOfReach' };
      const exists = target.exists ?? target.memberships.length > 0;
      return { allowed: true, needsAcceptance: exists };
    }
    case 'removeRole':
      if (!subject || !isWithinReach(actor, subject)) return { allowed: false, reason: 'outOfReach' };
      return { allowed: true, needsAcceptance: false };
    default: {
      if (target.memberships.length === 0) return actor.role === 'platform_operator' ? { allowed: true, needsAcceptance: false } : { allowed: false, reason: 'noMembershipInReach' };
      if (!target.memberships.every((m) => isWithinReach(actor, m))) return { allowed: false, reason: 'outOfReach' };
      return { allowed: true, needsAcceptance: false };
    }
  }
}
