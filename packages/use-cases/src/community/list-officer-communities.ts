import { and, asc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { orgUnits, type Tx } from '@shequ/db';
import { subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';

const street = alias(orgUnits, 'street');

/**
 * The communities below a street or district officer (hierarchy only: no tenant rows), by admin code, each with its
 * street's name and its resident count from the profile. Other roles get none. Defence in depth: every row must also
 * pass the caller's ability to read that community.
 */
export async function listOfficerCommunities(tx: Tx, { actor, ability }: StaffCaller, _input: Record<string, never> = {}) {
  const ws = actor.workspace;
  const scope = ws.role === 'street_officer' ? eq(orgUnits.streetId, ws.orgUnitId!) : ws.role === 'district_officer' ? eq(orgUnits.districtId, ws.orgUnitId!) : null;
  if (!scope) return [];
  const rows = await tx
    .select({ id: orgUnits.id, name: orgUnits.name, code: orgUnits.adminCode, status: orgUnits.status, profile: orgUnits.profile, streetId: orgUnits.streetId, districtId: orgUnits.districtId, streetName: street.name })
    .from(orgUnits)
    .leftJoin(street, eq(street.id, orgUnits.streetId))
    .where(and(eq(orgUnits.kind, 'community'), scope))
    .orderBy(asc(orgUnits.adminCode));
  return rows
    .filter((r) => ability.can('read', subject('Community', { id: r.id, streetId: r.streetId!, districtId: r.districtId! })))
    .map(({ id, name, code, status, profile, streetName }) => ({ id, name, code, status, residents: profile.residents ?? null, streetName }));
}
