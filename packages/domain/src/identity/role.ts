import type { OrgKind } from '../org/org-kind.ts';

export const ROLES = [
  'platform_operator',
  'district_officer',
  'street_officer',
  'department_handler',
  'community_admin',
  'community_staff',
  'grid_worker',
  'volunteer_leader',
] as const;
export type Role = (typeof ROLES)[number];

/** The kind of org unit a membership of each role is held in (null: the platform itself). */
export const ROLE_ORG_KIND: Record<Role, OrgKind | null> = {
  platform_operator: null,
  district_officer: 'district',
  street_officer: 'street',
  department_handler: 'department',
  community_admin: 'community',
  community_staff: 'community',
  grid_worker: 'community',
  volunteer_leader: 'community',
};

export type WorkspaceKind = 'operator' | 'org' | 'community';

/** Which console a membership opens. */
export function workspaceKindOf(role: Role): WorkspaceKind {
  const kind = ROLE_ORG_KIND[role];
  if (kind === null) return 'operator';
  return kind === 'community' ? 'community' : 'org';
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/**
 * The roles that make someone community staff: held in a community (ROLE_ORG_KIND 'community'). Staff lists, the
 * community's head count and the grid page's people pickers all count these and only these.
 */
export const COMMUNITY_STAFF_ROLES = ROLES.filter((r) => ROLE_ORG_KIND[r] === 'community') as readonly Extract<Role, 'community_admin' | 'community_staff' | 'grid_worker' | 'volunteer_leader'>[];

export function isCommunityStaffRole(role: string): boolean {
  return (COMMUNITY_STAFF_ROLES as readonly string[]).includes(role);
}

/**
 * Which resolve path a case takes: a street officer or a department handler resolves an escalated case (the
 * escalation path: it goes back to the community to confirm); anyone else resolves what the community holds.
 */
export function resolvePathFor(role: string | null): 'escalated' | 'community' {
  return role === 'street_officer' || role === 'department_handler' ? 'escalated' : 'community';
}
