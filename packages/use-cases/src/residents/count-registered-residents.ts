import { sql } from 'drizzle-orm';
import type { Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { dashboardScope } from '../dashboards/dashboard-scope.ts';
import { UseCaseError } from '../errors.ts';

/**
 * How many people each community in a street's or district's reach has on its register (active entries of 居民档案),
 * for the street's and district's dashboard: counts, never people (issue 16: "streets and districts see counts, not
 * people"). Input: none; the caller is a street or district officer whose dashboard scope is checked as the
 * dashboard checks it. Transaction: the officer's scope (withActor: `app.unit_ids`), in which only the SECURITY
 * DEFINER function resident_counts() reaches the register, and answers community ids with numbers.
 * Output: `Record<communityId, number>`; a community with nobody registered is absent (read it as 0).
 * Refusals: dashboard.noScope (not an officer of a street or district), a ForbiddenError without the dashboard's right.
 */
export async function countRegisteredResidents(tx: Tx, caller: StaffCaller): Promise<Record<string, number>> {
  const scope = await dashboardScope(tx, caller);
  if (scope.kind === 'community') throw new UseCaseError('dashboard.noScope');
  const rows = await tx.execute<{ community_id: string; registered: string | number }>(sql`select community_id, registered from resident_counts()`);
  return Object.fromEntries([...rows].map((r) => [r.community_id, Number(r.registered)]));
}
