import { and, eq } from 'drizzle-orm';
import { cases, grids, type Tx } from '@shequ/db';
import { type AppAbility, subject } from '@shequ/permissions';
import { UseCaseError } from '../errors.ts';

export type CaseRow = typeof cases.$inferSelect;

/** The fields CASL conditions look at for a case. */
export function caseSubject(
  row: Pick<CaseRow, 'tenantId' | 'assigneeId' | 'holderOrgUnitId' | 'streetId' | 'districtId' | 'escalatedAt' | 'overdueAt' | 'coDepartmentIds' | 'status'>,
  gridWorkerId: string | null,
) {
  return subject('Case', {
    tenantId: row.tenantId,
    assigneeId: row.assigneeId,
    gridWorkerId,
    // The community holds a case unless a street or department does.
    holderOrgUnitId: row.holderOrgUnitId ?? row.tenantId,
    streetId: row.streetId,
    districtId: row.districtId,
    escalated: Boolean(row.escalatedAt),
    overdue: Boolean(row.overdueAt),
    coHandlerIds: row.status === 'forwarded' ? row.coDepartmentIds : [],
  });
}

/**
 * Loads a case by (tenant, id), optionally locked for update, with its grid's worker. A case the ability may not
 * read is reported exactly like a missing one, so ids of other people's cases reveal nothing.
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
