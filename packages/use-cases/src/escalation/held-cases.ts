import { and, arrayContains, asc, count, desc, eq, gte, inArray, lt, or, type SQL } from 'drizzle-orm';
import { CASE_STATUSES, type CaseStatus } from '@shequ/domain';
import { caseHoldings, orgUnits, type Tx } from '@shequ/db';
import { textSearch } from '../cases/text-search.ts';
import { type Actor, type AppAbility, assertCan } from '@shequ/permissions';

export type HeldCaseFilters = {
  status?: CaseStatus[];
  /** Only what my unit holds now (street/department), not everything it has seen. */
  mine?: boolean;
  overdue?: boolean;
  communityId?: string | null;
  category?: string | null;
  q?: string | null;
  from?: Date | null;
  to?: Date | null;
  sort?: 'escalated_desc' | 'due_asc';
  page?: number;
  pageSize?: number;
};

/**
 * The inbox of a street, department or district (督办): cases escalated to them, from the case holdings (routing
 * facts and a short summary, no personal data), across the communities below them. A street sees what its
 * communities escalated; a department what it leads or co-handles; a district everything escalated in it.
 */
export async function listHeldCases(tx: Tx, actor: Actor, ability: AppAbility, filters: HeldCaseFilters) {
  assertCan(ability, 'access', 'OrgConsole');
  const unit = actor.workspace.orgUnitId!;
  const scope: SQL[] = [];
  switch (actor.workspace.role) {
    case 'street_officer':
      scope.push(eq(caseHoldings.streetId, unit));
      if (filters.mine) scope.push(eq(caseHoldings.holderOrgUnitId, unit));
      break;
    case 'department_handler':
      scope.push(or(eq(caseHoldings.holderOrgUnitId, unit), arrayContains(caseHoldings.coHolderIds, [unit]))!);
      break;
    case 'district_officer':
      scope.push(eq(caseHoldings.districtId, unit));
      break;
    default:
      return { rows: [], total: 0, page: 1, pageSize: 20, counts: {} as Record<CaseStatus, number>, options: { communities: [], categories: [] } };
  }
  const where = [...scope];
  if (filters.overdue) where.push(eq(caseHoldings.overdue, true), inArray(caseHoldings.status, ['submitted', 'accepted', 'escalated', 'forwarded', 'review']));
  if (filters.communityId) where.push(eq(caseHoldings.tenantId, filters.communityId));
  if (filters.category) where.push(eq(caseHoldings.categoryName, filters.category));
  const search = textSearch(caseHoldings.summary, caseHoldings.trackingCode, filters.q);
  if (search) where.push(search);
  if (filters.from) where.push(gte(caseHoldings.escalatedAt, filters.from));
  if (filters.to) where.push(lt(caseHoldings.escalatedAt, filters.to));
  const statusWhere = filters.status?.length ? [...where, inArray(caseHoldings.status, filters.status)] : where;
  const pageSize = Math.min(Math.max(filters.pageSize ?? 20, 5), 100);
  const page = Math.max(filters.page ?? 1, 1);
  const order = filters.sort === 'due_asc' ? [asc(caseHoldings.dueAt)] : [desc(caseHoldings.escalatedAt)];
  const rows = await tx
    .select({
      caseId: caseHoldings.caseId,
      communityId: caseHoldings.tenantId,
      community: orgUnits.name,
      status: caseHoldings.status,
      trackingCode: caseHoldings.trackingCode,
      category: caseHoldings.categoryName,
      summary: caseHoldings.summary,
      escalatedAt: caseHoldings.escalatedAt,
      dueAt: caseHoldings.dueAt,
      overdue: caseHoldings.overdue,
      holderOrgUnitId: caseHoldings.holderOrgUnitId,
    })
    .from(caseHoldings)
    .innerJoin(orgUnits, eq(orgUnits.id, caseHoldings.tenantId))
    .where(and(...statusWhere))
    .orderBy(...order, desc(caseHoldings.caseId))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [total] = await tx.select({ n: count() }).from(caseHoldings).where(and(...statusWhere));
  const perStatus = await tx.select({ status: caseHoldings.status, n: count() }).from(caseHoldings).where(and(...where)).groupBy(caseHoldings.status);
  const counts = Object.fromEntries(CASE_STATUSES.map((s) => [s, perStatus.find((p) => p.status === s)?.n ?? 0])) as Record<CaseStatus, number>;
  // What the filters can offer: the communities and categories that appear in this inbox at all.
  const communities = await tx.selectDistinct({ id: caseHoldings.tenantId, name: orgUnits.name }).from(caseHoldings).innerJoin(orgUnits, eq(orgUnits.id, caseHoldings.tenantId)).where(and(...scope)).orderBy(orgUnits.name);
  const categories = (await tx.selectDistinct({ name: caseHoldings.categoryName }).from(caseHoldings).where(and(...scope)).orderBy(caseHoldings.categoryName)).map((c) => c.name);
  return { rows: rows.map((r) => ({ ...r, heldByMe: r.holderOrgUnitId === unit })), total: total?.n ?? 0, page, pageSize, counts, options: { communities, categories } };
}

/** The departments a street may forward to: its own and its district's, active. */
export function forwardableDepartments(tx: Tx, streetId: string, districtId: string | null) {
  return tx
    .select({ id: orgUnits.id, name: orgUnits.name })
    .from(orgUnits)
    .where(and(eq(orgUnits.kind, 'department'), eq(orgUnits.status, 'active'), inArray(orgUnits.parentId, [streetId, ...(districtId ? [districtId] : [])])))
    .orderBy(asc(orgUnits.adminCode), asc(orgUnits.name));
}
