import { and, asc, eq, inArray } from 'drizzle-orm';
import { COMMUNITY_STAFF_ROLES } from '@shequ/domain';
import { memberships, orgUnits, partnerUnits, type Tx, users } from '@shequ/db';

// What getCommitteeDesk, getDecisionDesk share: not use cases, off the package root.

/** Partner units, staff and departments as a form's choices (names only; no contacts). */
export async function committeeChoices(tx: Tx, tenantId: string) {
  const [units, staff, departments] = await Promise.all([
    tx.select({ id: partnerUnits.id, name: partnerUnits.name }).from(partnerUnits).where(eq(partnerUnits.tenantId, tenantId)).orderBy(asc(partnerUnits.name)),
    tx
      .selectDistinct({ userId: users.id, name: users.displayName })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.orgUnitId, tenantId), inArray(memberships.role, [...COMMUNITY_STAFF_ROLES])))
      .orderBy(asc(users.displayName), asc(users.id)),
    tx.select({ id: orgUnits.id, name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.kind, 'department')).orderBy(asc(orgUnits.name)).limit(200),
  ]);
  return { units, staff, departments };
}
