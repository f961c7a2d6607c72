import { type Problem, UseCaseError } from '../errors.ts';
import { and, eq, ne, type SQL } from 'drizzle-orm';
import { buildings, grids, residents, type Tx } from '@shequ/db';
import type { AppAbility } from '@shequ/permissions';
import { residentSubject } from './person.ts';

/**
 * The second records of the same person a new or changed record would make: an ID number held by anyone of the
 * community who is not merged, a mobile held by someone active (unless the mobile is knowingly shared) — both
 * when both are. `exceptId`: the person being edited. `ability`: the caller's; when given, a holder the caller may
 * not see (a grid worker, someone outside their grids) is named neutrally (resident.duplicate.mobileElsewhere /
 * idNumberElsewhere: 已登记，请联系社区办公室) with no id, so the check says nothing about who holds it.
 */
export async function duplicateProblems(
  tx: Tx,
  tenantId: string,
  sealed: { mobileIndex: string | null; idNumberIndex: string | null },
  sharedMobile: boolean,
  exceptId: string | null,
  ability?: AppAbility,
): Promise<Problem[]> {
  const problems: Problem[] = [];
  const holder = async (match: SQL) => {
    const [same] = await tx
      .select({ id: residents.id, gridWorkerId: grids.gridWorkerId })
      .from(residents)
      .leftJoin(buildings, and(eq(buildings.tenantId, residents.tenantId), eq(buildings.id, residents.buildingId)))
      .leftJoin(grids, and(eq(grids.tenantId, buildings.tenantId), eq(grids.id, buildings.gridId)))
      .where(and(eq(residents.tenantId, tenantId), match, exceptId ? ne(residents.id, exceptId) : undefined))
      .limit(1);
    if (!same) return null;
    return { id: same.id, seen: !ability || ability.can('read', residentSubject(tenantId, same.gridWorkerId)) };
  };
  if (sealed.idNumberIndex) {
    const same = await holder(and(eq(residents.idNumberIndex, sealed.idNumberIndex), ne(residents.status, 'merged'))!);
    if (same?.seen) problems.push({ code: 'resident.duplicate.idNumber', params: { field: 'idNumber', residentId: same.id } });
    else if (same) problems.push({ code: 'resident.duplicate.idNumberElsewhere', params: { field: 'idNumber' } });
  }
  if (sealed.mobileIndex && !sharedMobile) {
    const same = await holder(and(eq(residents.mobileIndex, sealed.mobileIndex), eq(residents.status, 'active'))!);
    if (same?.seen) problems.push({ code: 'resident.duplicate.mobile', params: { field: 'mobile', residentId: same.id } });
    else if (same) problems.push({ code: 'resident.duplicate.mobileElsewhere', params: { field: 'mobile' } });
  }
  return problems;
}

/** duplicateProblems, refused as one UseCaseError (both numbers when both are taken). */
export async function refuseDuplicates(
  tx: Tx,
  tenantId: string,
  sealed: { mobileIndex: string | null; idNumberIndex: string | null },
  sharedMobile: boolean,
  exceptId: string | null,
  ability?: AppAbility,
) {
  const refusal = UseCaseError.of(await duplicateProblems(tx, tenantId, sealed, sharedMobile, exceptId, ability));
  if (refusal) throw refusal;
}
