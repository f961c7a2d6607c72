import { inArray } from 'drizzle-orm';
import { users, type Tx } from '@shequ/db';
import { assertCan } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';

/**
 * The display names of the accounts that acted in an audit log, for an operator: read in the operator's maintenance
 * scope, since an operator's own account (and a former staff member's) is not visible inside the community's tenant
 * context where the log itself is read. Input: `ids`, account ids (at most 1,000). Output: a map of id to display name.
 * Refuses (ForbiddenError) a caller who may not read audit logs.
 */
export async function listAuditActorNames(tx: Tx, { ability }: StaffCaller, input: { ids: readonly string[] }): Promise<Map<string, string>> {
  assertCan(ability, 'read', 'AuditLog');
  const unique = [...new Set(input.ids)].slice(0, 1000);
  if (!unique.length) return new Map();
  const rows = await tx.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}
