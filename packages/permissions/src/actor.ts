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
};

export type Actor = { userId: string; displayName: string; workspace: Workspace };
