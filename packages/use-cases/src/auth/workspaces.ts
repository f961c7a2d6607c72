import { asc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { memberships, orgUnits, type Queryable } from '@shequ/db';
import type { Workspace } from '@shequ/permissions';

const unit = alias(orgUnits, 'unit');

/** Every workspace a user may act in: one per membership, placed in the hierarchy. Retired units are left out. */
export async function listWorkspaces(db: Queryable, userId: string): Promise<Workspace[]> {
  const rows = await db
    .select({
      membershipId: memberships.id,
      role: memberships.role,
      orgUnitId: memberships.orgUnitId,
      kind: unit.kind,
      name: unit.name,
      status: unit.status,
      streetId: unit.streetId,
      districtId: unit.districtId,
    })
    .from(memberships)
    .leftJoin(unit, eq(unit.id, memberships.orgUnitId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt));

  return rows
    .filter((r) => r.orgUnitId === null || (r.status !== null && r.status !== 'archived'))
    .map((r) => ({
      membershipId: r.membershipId,
      role: r.role,
      orgUnitId: r.orgUnitId,
      orgUnitName: r.name ?? '',
      tenantId: r.kind === 'community' ? r.orgUnitId : null,
      streetId: r.kind === 'street' ? r.orgUnitId : (r.streetId ?? null),
      districtId: r.kind === 'district' ? r.orgUnitId : (r.districtId ?? null),
      tenantStatus: r.kind === 'community' ? r.status : null,
    }));
}
