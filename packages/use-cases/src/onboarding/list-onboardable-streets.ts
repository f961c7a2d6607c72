import { and, asc, eq, ne } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { orgUnits, type Tx } from '@shequ/db';
import { subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';

const district = alias(orgUnits, 'district');

/**
 * The streets the caller may open a community in, by district then admin code: operators every street that is not
 * archived, a district officer those of their own district (the ability's 'onboard Community' rule decides, the
 * same rule onboardCommunity enforces).
 */
export async function listOnboardableStreets(tx: Tx, { ability }: StaffCaller, _input: Record<string, never> = {}) {
  const rows = await tx
    .select({ id: orgUnits.id, name: orgUnits.name, districtId: orgUnits.districtId, district: district.name })
    .from(orgUnits)
    .innerJoin(district, eq(district.id, orgUnits.districtId))
    .where(and(eq(orgUnits.kind, 'street'), ne(orgUnits.status, 'archived')))
    .orderBy(asc(district.name), asc(orgUnits.adminCode));
  return rows.filter((s) => ability.can('onboard', subject('Community', { id: 'new', streetId: s.id, districtId: s.districtId! })));
}
