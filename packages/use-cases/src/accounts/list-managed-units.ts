import { and, ne } from 'drizzle-orm';
import { orgUnits, type Tx } from '@shequ/db';
import { ForbiddenError } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { accountActorFor, type ManagedUnit, mayManageUnit, unitsInReach } from './unit-reach.ts';

export type { ManagedUnit } from './unit-reach.ts';

/**
 * The units whose officers or admins the caller manages, for the accounts page's picker: id, kind, name, ordered by
 * administrative code. Archived units are left out.
 */
export async function listManagedUnits(tx: Tx, caller: StaffCaller): Promise<ManagedUnit[]> {
  const reach = unitsInReach(accountActorFor(caller));
  if (reach === null) throw new ForbiddenError('manage', 'Membership');
  const rows = await tx
    .select({ id: orgUnits.id, kind: orgUnits.kind, name: orgUnits.name, districtId: orgUnits.districtId, streetId: orgUnits.streetId })
    .from(orgUnits)
    .where(and(ne(orgUnits.status, 'archived'), reach))
    .orderBy(orgUnits.adminCode, orgUnits.name);
  return rows.map((u) => ({ ...u, districtId: u.kind === 'district' ? u.id : u.districtId })).filter((u) => mayManageUnit(caller, u));
}
