import { type Problem, UseCaseError } from '../errors.ts';
import { and, eq, ne } from 'drizzle-orm';
import { residents, type Tx } from '@shequ/db';

/**
 * The second records of the same person a new or changed record would make: an ID number held by anyone of the
 * community who is not merged, a mobile held by someone active (unless the mobile is knowingly shared) — both
 * when both are. `exceptId`: the person being edited.
 */
export async function duplicateProblems(
  tx: Tx,
  tenantId: string,
  sealed: { mobileIndex: string | null; idNumberIndex: string | null },
  sharedMobile: boolean,
  exceptId: string | null,
): Promise<Problem[]> {
  const problems: Problem[] = [];
  const others = (extra: ReturnType<typeof eq>) => and(eq(residents.tenantId, tenantId), extra, exceptId ? ne(residents.id, exceptId) : undefined);
  if (sealed.idNumberIndex) {
    const [same] = await tx.select({ id: residents.id }).from(residents).where(and(others(eq(residents.idNumberIndex, sealed.idNumberIndex)), ne(residents.status, 'merged'))).limit(1);
    if (same) problems.push({ code: 'resident.duplicate.idNumber', params: { field: 'idNumber', residentId: same.id } });
  }
  if (sealed.mobileIndex && !sharedMobile) {
    const [same] = await tx.select({ id: residents.id }).from(residents).where(and(others(eq(residents.mobileIndex, sealed.mobileIndex)), eq(residents.status, 'active'))).limit(1);
    if (same) problems.push({ code: 'resident.duplicate.mobile', params: { field: 'mobile', residentId: same.id } });
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
) {
  const refusal = UseCaseError.of(await duplicateProblems(tx, tenantId, sealed, sharedMobile, exceptId));
  if (refusal) throw refusal;
}
