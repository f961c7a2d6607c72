import { asc, eq } from 'drizzle-orm';
import { slaPolicies, type Tx } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';

/**
 * The time-limit rows set on an org unit (input `orgUnitId`): the general one first, then per category. Empty fields
 * inherit. Refuses (ForbiddenError) a caller who may not manage the unit's time limits.
 */
export async function listSlaPolicies(tx: Tx, { ability }: StaffCaller, input: { orgUnitId: string }) {
  const { orgUnitId } = input;
  assertCan(ability, 'manage', subject('SlaPolicy', { orgUnitId }));
  return tx.select().from(slaPolicies).where(eq(slaPolicies.orgUnitId, orgUnitId)).orderBy(asc(slaPolicies.categoryName));
}
