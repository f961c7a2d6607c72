import { and, asc, eq, isNull } from 'drizzle-orm';
import { residentSignUps, type Tx } from '@shequ/db';
import { assertCan } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { communityOf, residentSubject } from '../residents/person.ts';

/**
 * The sign-ups waiting for staff: residents who signed in with a number the register does not know (decision 035).
 * Caller: staff who may register people without a building (admins, social workers). Transaction: tenant scope.
 * Output: `[{ id, mobileHint, createdAt }]`, oldest first (masked numbers only).
 */
export async function listResidentSignUps(tx: Tx, caller: StaffCaller, _input: Record<string, never> = {}) {
  const tenantId = communityOf(caller);
  assertCan(caller.ability, 'create', residentSubject(tenantId, null));
  return tx
    .select({ id: residentSignUps.id, mobileHint: residentSignUps.mobileHint, createdAt: residentSignUps.createdAt })
    .from(residentSignUps)
    .where(and(eq(residentSignUps.tenantId, tenantId), isNull(residentSignUps.resolvedAt)))
    .orderBy(asc(residentSignUps.createdAt))
    .limit(200);
}
