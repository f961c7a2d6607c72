import { and, eq } from 'drizzle-orm';
import { cases, grids, type Tx } from '@shequ/db';
import type { AppAbility } from '@shequ/permissions';
import { UseCaseError } from '../errors.ts';
import { caseSubject } from './case-subject.ts';

export { caseSubject, type CaseRow } from './case-subject.ts';

/**
 * Loads a case by (tenant, id), optionally locked for update, with its grid's worker. A case the ability may not
 * read is reported exactly like a missing one, so ids of other people's cases reveal nothing. A building block of
 * the case use cases (not exported from the package root).
 */
export async function loadCaseRow(tx: Tx, tenantId: string, caseId: string, ability: AppAbility | null, lock = false) {
  const query = tx
    .select({ row: cases, gridWorkerId: grids.gridWorkerId })
    .from(cases)
    .leftJoin(grids, and(eq(grids.tenantId, cases.tenantId), eq(grids.id, cases.gridId)))
    .where(and(eq(cases.tenantId, tenantId), eq(cases.id, caseId)))
    .limit(1);
  const [found] = lock ? await query.for('update', { of: cases }) : await query;
  if (!found) throw new UseCaseError('case.notFound');
  if (ability && !ability.can('read', caseSubject(found.row, found.gridWorkerId))) throw new UseCaseError('case.notFound');
  return { row: found.row, gridWorkerId: found.gridWorkerId };
}
