import type { cases } from '@shequ/db';
import { subject } from '@shequ/permissions';

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
