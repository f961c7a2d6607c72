import { count } from 'drizzle-orm';
import { users, type Tx } from '@shequ/db';
import { assertCan } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';

/** How many user accounts the platform has (the operator's front page). Refuses: ForbiddenError unless operator. */
export async function countUsers(tx: Tx, { ability }: StaffCaller, _input: Record<string, never> = {}) {
  assertCan(ability, 'manage', 'OrgUnit');
  const [row] = await tx.select({ n: count() }).from(users);
  return row!.n;
}
