import { and, eq, ne } from 'drizzle-orm';
import { isUuid, orgUnits, type Tx } from '@shequ/db';
import { assertCan } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';

/**
 * An operator retires a district, street or department that has nothing active under it (communities are archived
 * instead). Input: id. Output: the unit row, archived. Refuses: ForbiddenError unless the caller manages the
 * hierarchy; org.notFound; org.retireCommunity; org.hasChildren.
 */
export async function retireOrgUnit(tx: Tx, caller: StaffCaller, input: { id: string }) {
  assertCan(caller.ability, 'manage', 'OrgUnit');
  const { id } = input;
  if (!isUuid(id)) throw new UseCaseError('org.notFound');
  const [unit] = await tx.select().from(orgUnits).where(eq(orgUnits.id, id));
  if (!unit) throw new UseCaseError('org.notFound');
  if (unit.kind === 'community') throw new UseCaseError('org.retireCommunity');
  const [child] = await tx.select({ id: orgUnits.id }).from(orgUnits).where(and(eq(orgUnits.parentId, id), ne(orgUnits.status, 'archived'))).limit(1);
  if (child) throw new UseCaseError('org.hasChildren');
  const [row] = await tx.update(orgUnits).set({ status: 'archived' }).where(eq(orgUnits.id, id)).returning();
  return row!;
}
