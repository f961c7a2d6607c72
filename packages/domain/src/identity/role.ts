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
