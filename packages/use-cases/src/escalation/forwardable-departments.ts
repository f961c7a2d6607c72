import { and, asc, eq, inArray } from 'drizzle-orm';
import { orgUnits, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';

/**
 * The departments a street may forward to (the case page's picker): its own and its district's, active. Input: the
 * case's `streetId` and `districtId`.
 */
export function forwardableDepartments(tx: Tx, _caller: StaffCaller, input: { streetId: string; districtId: string | null }) {
  const { streetId, districtId } = input;
  return tx
    .select({ id: orgUnits.id, name: orgUnits.name })
    .from(orgUnits)
    .where(and(eq(orgUnits.kind, 'department'), eq(orgUnits.status, 'active'), inArray(orgUnits.parentId, [streetId, ...(districtId ? [districtId] : [])])))
    .orderBy(asc(orgUnits.adminCode), asc(orgUnits.name));
}
