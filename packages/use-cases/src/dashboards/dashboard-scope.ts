import { eq } from 'drizzle-orm';
import { orgUnits, type Tx } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';

export type DashboardScope = { kind: 'district' | 'street'; unitId: string; name: string } | { kind: 'community'; unitId: string; name: string; streetId: string | null };

/**
 * Whose figures the caller may compare: their district's or street's communities, or their own community. Refuses:
 * dashboard.noScope (a role with no dashboard: operators, departments), ForbiddenError.
 */
export async function dashboardScope(tx: Tx, { actor, ability }: StaffCaller): Promise<DashboardScope> {
  const ws = actor.workspace;
  const unitId = ws.role === 'district_officer' || ws.role === 'street_officer' ? ws.orgUnitId : ws.tenantId;
  if (!unitId) throw new UseCaseError('dashboard.noScope');
  const [unit] = await tx.select({ id: orgUnits.id, name: orgUnits.name, streetId: orgUnits.streetId }).from(orgUnits).where(eq(orgUnits.id, unitId));
  if (!unit) throw new UseCaseError('dashboard.noScope');
  if (ws.role === 'district_officer') {
    assertCan(ability, 'read', subject('Dashboard', { communityId: null, streetId: null, districtId: unit.id }));
    return { kind: 'district', unitId: unit.id, name: unit.name };
  }
  if (ws.role === 'street_officer') {
    assertCan(ability, 'read', subject('Dashboard', { communityId: null, streetId: unit.id, districtId: ws.districtId }));
    return { kind: 'street', unitId: unit.id, name: unit.name };
  }
  assertCan(ability, 'read', subject('Dashboard', { communityId: unit.id, streetId: unit.streetId, districtId: ws.districtId }));
  return { kind: 'community', unitId: unit.id, name: unit.name, streetId: unit.streetId };
}
