import type { Role } from '@shequ/domain';

/**
 * The workspace a user acts in: one membership, resolved with its place in the hierarchy.
 * For a community role, tenantId is the community's id; street/district ids are its ancestors.
 */
export type Workspace = {
  membershipId: string;
  role: Role;
  orgUnitId: string | null;
  orgUnitName: string;
  tenantId: string | null;
  streetId: string | null;
  districtId: string | null;
  /** The community's status for community roles: a suspended tenant's staff can read but not act. */
  tenantStatus?: 'active' | 'suspended' | 'archived' | null;
};

export type Actor = { userId: string; displayName: string; workspace: Workspace };
