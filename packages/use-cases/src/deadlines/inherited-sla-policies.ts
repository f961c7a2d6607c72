import { eq } from 'drizzle-orm';
import { resolveSla, type SlaPolicy } from '@shequ/domain';
import { orgUnits, slaPolicies, type Tx } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { slaOverrideOf } from './policy.ts';

/**
 * What each row of an org unit's time-limit page inherits: the values in force where its fields are left empty.
 * For a district: the platform defaults (DEFAULT_SLA), and for a category row the district's general row on top.
 * For a community: the district's general row over the defaults, and for a category row the district's row for
 * that category and the community's own general row on top (the order slaPolicy applies them in).
 * Input: the unit (`orgUnitId`) and the `categoryNames` shown. Output: one entry for the general row (categoryName null) and one per name in `categoryNames`, each a complete
 * SlaPolicy (hours in working hours, days in working days, working hours in minutes after midnight).
 */
export async function inheritedSlaPolicies(tx: Tx, { ability }: StaffCaller, input: { orgUnitId: string; categoryNames: readonly string[] }) {
  const { orgUnitId, categoryNames } = input;
  assertCan(ability, 'manage', subject('SlaPolicy', { orgUnitId }));
  const [unit] = await tx.select({ kind: orgUnits.kind, districtId: orgUnits.districtId }).from(orgUnits).where(eq(orgUnits.id, orgUnitId));
  const aboveId = unit?.kind === 'community' ? unit.districtId : null;
  const above = aboveId ? await tx.select().from(slaPolicies).where(eq(slaPolicies.orgUnitId, aboveId)) : [];
  const own = await tx.select().from(slaPolicies).where(eq(slaPolicies.orgUnitId, orgUnitId));
  const general = (rows: typeof own) => rows.filter((r) => r.categoryName === null).map(slaOverrideOf);
  const named = (rows: typeof own, name: string) => rows.filter((r) => r.categoryName === name).map(slaOverrideOf);
  const result: { categoryName: string | null; policy: SlaPolicy }[] = [{ categoryName: null, policy: resolveSla(general(above)) }];
  for (const name of new Set(categoryNames)) result.push({ categoryName: name, policy: resolveSla([...general(above), ...named(above, name), ...general(own)]) });
  return result;
}
