import { and, eq, inArray, or } from 'drizzle-orm';
import { cleanText } from '@shequ/domain';
import { cases, isUuid, orgUnits, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { type CaseRef, staffOnCase } from '../cases/case-action-parts.ts';
import { transitionCase } from '../cases/transition-case.ts';
import { UseCaseError } from '../errors.ts';

/**
 * 转办: the street passes the case to a lead department (主办) and optional co-handling ones (协办), each a
 * department of that street or of its district. Input: the case, `leadDepartmentId`, `coDepartmentIds` and an
 * optional `note`. Refuses: case.department.invalid (beside `leadDepartmentId`), case.notFound, and as transitionCase.
 */
export async function forwardCase(tx: Tx, caller: StaffCaller, input: CaseRef & { leadDepartmentId: string; coDepartmentIds?: string[]; note?: string | null }, now = new Date()) {
  const ids = [input.leadDepartmentId, ...(input.coDepartmentIds ?? [])];
  if (!ids.every((id) => isUuid(id))) throw new UseCaseError('case.department.invalid', { field: 'leadDepartmentId' });
  const co = [...new Set(input.coDepartmentIds ?? [])].filter((d) => d !== input.leadDepartmentId);
  // Only the case's level matters here; transitionCase locks and re-reads it.
  const [level] = await tx.select({ streetId: cases.streetId, districtId: cases.districtId }).from(cases).where(and(eq(cases.tenantId, input.tenantId), eq(cases.id, input.caseId)));
  if (!level) throw new UseCaseError('case.notFound');
  const { streetId, districtId } = level;
  const allowed = await tx
    .select({ id: orgUnits.id, name: orgUnits.name })
    .from(orgUnits)
    .where(and(inArray(orgUnits.id, [input.leadDepartmentId, ...co]), eq(orgUnits.kind, 'department'), eq(orgUnits.status, 'active'), or(...[streetId, districtId].filter((x): x is string => Boolean(x)).map((p) => eq(orgUnits.parentId, p)))));
  const lead = allowed.find((d) => d.id === input.leadDepartmentId);
  if (!lead || allowed.length !== 1 + co.length) throw new UseCaseError('case.department.invalid', { field: 'leadDepartmentId' });
  const note = cleanText(input.note ?? '') || null;
  return transitionCase(tx, {
    ...staffOnCase(caller, input),
    action: 'forward',
    patch: () => ({ holderOrgUnitId: lead.id, leadDepartmentId: lead.id, coDepartmentIds: co }),
    event: { public: true, data: { toName: lead.name, co: allowed.filter((d) => d.id !== lead.id).map((d) => d.name), note } },
    now,
  });
}
