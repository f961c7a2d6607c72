import { eq } from 'drizzle-orm';
import { isUuid, orgUnits, type Tx } from '@shequ/db';
import { assertCan } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { mapUnique, validName } from './org-unit-values.ts';

/**
 * An operator renames a unit of the hierarchy. Input: id, name (1–40 characters). Output: the unit row.
 * Refuses: ForbiddenError unless the caller manages the hierarchy; org.notFound (an id that is not one);
 * org.name.invalid; org.name.taken.
 */
export async function renameOrgUnit(tx: Tx, caller: StaffCaller, input: { id: string; name: string }) {
  assertCan(caller.ability, 'manage', 'OrgUnit');
  if (!isUuid(input.id)) throw new UseCaseError('org.notFound');
  const cleaned = validName(input.name);
  try {
    const [row] = await tx.update(orgUnits).set({ name: cleaned }).where(eq(orgUnits.id, input.id)).returning();
    if (!row) throw new UseCaseError('org.notFound');
    return row;
  } catch (error) {
    if (error instanceof UseCaseError) throw error;
    mapUnique(error);
  }
}
