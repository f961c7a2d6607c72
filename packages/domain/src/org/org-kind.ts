/** The administrative hierarchy: district (区) › street (街道) › community (社区); departments hang off a district or a street. */
export const ORG_KINDS = ['district', 'street', 'community', 'department'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

const ALLOWED_PARENTS: Record<OrgKind, readonly (OrgKind | null)[]> = {
  district: [null],
  street: ['district'],
  community: ['street'],
  department: ['district', 'street'],
};

/** Whether a unit of `kind` may sit under a parent of `parentKind` (null = top level). */
export function canNest(kind: OrgKind, parentKind: OrgKind | null): boolean {
  return ALLOWED_PARENTS[kind].includes(parentKind);
}

/** A community is a tenant: its org-unit id is the tenant id of every row it owns. */
export function isTenantKind(kind: OrgKind): kind is 'community' {
  return kind === 'community';
}

export const ORG_STATUSES = ['active', 'suspended', 'archived'] as const;
export type OrgStatus = (typeof ORG_STATUSES)[number];
