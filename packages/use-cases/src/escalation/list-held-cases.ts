import { and, arrayContains, asc, count, desc, eq, gte, inArray, lt, or, type SQL } from 'drizzle-orm';
import { CASE_STATUSES, type CaseStatus } from '@shequ/domain';
import { caseHoldings, orgUnits, type Tx } from '@shequ/db';
import { textSearch } from '../cases/text-search.ts';
import { assertCan } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';

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
 * communities escalated; a department what it leads or co-handles; a district everything escalated in it. Input: the
 * filters (status, mine, overdue, community, category, words, escalated from/to, sort, page). Only cases of
 * communities in the caller's reach now (isCommunityInReach, as the case page). Refuses
 * (ForbiddenError) a caller without the org console.
 */
export async function listHeldCases(tx: Tx, { actor, ability }: StaffCaller, input: HeldCaseFilters) {
  assertCan(ability, 'access', 'OrgConsole');
  const unit = actor.workspace.orgUnitId!;
  const scope: SQL[] = [];
  switch (actor.workspace.role) {
    case 'street_officer':
      scope.push(eq(caseHoldings.streetId, unit));
      if (input.mine) scope.push(eq(caseHoldings.holderOrgUnitId, unit));
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
  // Only communities in the caller's reach now, as the case page checks (communityInReach): a community moved to
  // another street or district leaves its cases in the old one's holdings (history), and the list showed them with
  // their tracking codes while every one answered 404 (found by an outside trial).
  const ws = actor.workspace;
  const reach =
    ws.role === 'district_officer' ? eq(orgUnits.districtId, unit) : ws.role === 'street_officer' ? eq(orgUnits.streetId, unit) : ws.streetId ? eq(orgUnits.streetId, ws.streetId) : eq(orgUnits.districtId, ws.districtId ?? unit);
  scope.push(inArray(caseHoldings.tenantId, tx.select({ id: orgUnits.id }).from(orgUnits).where(and(eq(orgUnits.kind, 'community'), reach))));
  const where = [...scope];
  if (input.overdue) where.push(eq(caseHoldings.overdue, true), inArray(caseHoldings.status, ['submitted', 'accepted', 'escalated', 'forwarded', 'review']));
  if (input.communityId) where.push(eq(caseHoldings.tenantId, input.communityId));
  if (input.category) where.push(eq(caseHoldings.categoryName, input.category));
  const search = textSearch(caseHoldings.summary, caseHoldings.trackingCode, input.q);
  if (search) where.push(search);
  if (input.from) where.push(gte(caseHoldings.escalatedAt, input.from));
  if (input.to) where.push(lt(caseHoldings.escalatedAt, input.to));
  const statusWhere = input.status?.length ? [...where, inArray(caseHoldings.status, input.status)] : where;
  const pageSize = Math.min(Math.max(input.pageSize ?? 20, 5), 100);
  const page = Math.max(input.page ?? 1, 1);
  const order = input.sort === 'due_asc' ? [asc(caseHoldings.dueAt)] : [desc(caseHoldings.escalatedAt)];
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
