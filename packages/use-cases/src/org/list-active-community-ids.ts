import { and, eq } from 'drizzle-orm';
import { orgUnits, type Tx } from '@shequ/db';
import type { Caller } from '../caller.ts';

/**
 * The ids of the communities that are active (not suspended, not archived), from the hierarchy: sweeps that work
 * community by community (each inside its own tenant transaction) start here. The worker calls it as the system.
 */
export async function listActiveCommunityIds(tx: Tx, _caller: Caller, _input: Record<string, never> = {}) {
  const rows = await tx.select({ id: orgUnits.id }).from(orgUnits).where(and(eq(orgUnits.kind, 'community'), eq(orgUnits.status, 'active')));
  return rows.map((r) => r.id);
}
