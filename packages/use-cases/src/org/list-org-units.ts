import { and, asc, eq, ne, type SQL } from 'drizzle-orm';
import { orgUnits, type Tx } from '@shequ/db';
import type { OrgKind } from '@shequ/domain';
import { assertCan } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';

/**
 * The hierarchy for an operator's pages: every org unit (or only one kind), by admin code then name, with parent
 * and status. `includeArchived: false` leaves archived units out. Refuses: ForbiddenError unless the caller may
 * manage org units (operators).
 */
export async function listOrgUnits(tx: Tx, { ability }: StaffCaller, input: { kind?: OrgKind; includeArchived?: boolean } = {}) {
  assertCan(ability, 'manage', 'OrgUnit');
  const where: SQL[] = [];
  if (input.kind) where.push(eq(orgUnits.kind, input.kind));
  if (input.includeArchived === false) where.push(ne(orgUnits.status, 'archived'));
  return tx
    .select({ id: orgUnits.id, kind: orgUnits.kind, name: orgUnits.name, code: orgUnits.adminCode, parentId: orgUnits.parentId, status: orgUnits.status })
    .from(orgUnits)
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(orgUnits.adminCode), asc(orgUnits.name));
}
