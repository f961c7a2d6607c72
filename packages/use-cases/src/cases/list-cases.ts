import { and, asc, count, desc, eq, gte, inArray, isNotNull, isNull, lt, or, type SQL } from 'drizzle-orm';
import { CASE_STATUSES, type CaseSort, type CaseStatus, OPEN_STATUSES } from '@shequ/domain';
import { buildings, cases, categories, grids, users, type Tx } from '@shequ/db';
import { textSearch } from './text-search.ts';
import type { StaffCaller } from '../caller.ts';
import { caseSubject } from './load-case-row.ts';


export type CaseFilters = {
  status?: CaseStatus[];
  categoryId?: string | null;
  gridId?: string | null;
  buildingId?: string | null;
  /** 'me', 'none', or a user id. */
  assignee?: string | null;
  q?: string | null;
  /** Only cases past a time limit and still open (超期). */
  overdue?: boolean;
  from?: Date | null;
  to?: Date | null;
  sort?: CaseSort;
  page?: number;
  pageSize?: number;
};

/**
 * The community inbox: filters, search over the content (textSearch: every word, trigram-indexed LIKE on the folded
 * text, which works for Chinese without word segmentation; or a tracking code), sorting, pages, and counts per status. A grid worker sees only their grid's and their own
 * cases, in SQL and again by ability. Input: the filters (CaseFilters); output: a page of rows with the total and the
 * counts per status.
 */
export async function listCases(tx: Tx, caller: StaffCaller, input: CaseFilters) {
  const { actor, ability } = caller;
  const filters = input;
  const tenantId = actor.workspace.tenantId!;
  const scope: SQL[] = [eq(cases.tenantId, tenantId)];
  if (actor.workspace.role === 'grid_worker') scope.push(or(eq(cases.assigneeId, actor.userId), eq(grids.gridWorkerId, actor.userId))!);

  const where: SQL[] = [...scope];
  if (filters.categoryId) where.push(eq(cases.categoryId, filters.categoryId));
  if (filters.gridId) where.push(eq(cases.gridId, filters.gridId));
  if (filters.buildingId) where.push(eq(cases.buildingId, filters.buildingId));
  if (filters.assignee === 'me') where.push(eq(cases.assigneeId, actor.userId));
  else if (filters.assignee === 'none') where.push(isNull(cases.assigneeId));
  else if (filters.assignee) where.push(eq(cases.assigneeId, filters.assignee));
  const search = textSearch(cases.content, cases.trackingCode, filters.q);
  if (search) where.push(search);
  if (filters.overdue) where.push(isNotNull(cases.overdueAt), inArray(cases.status, [...OPEN_STATUSES]));
  if (filters.from) where.push(gte(cases.createdAt, filters.from));
  if (filters.to) where.push(lt(cases.createdAt, filters.to));

  const statusWhere = filters.status?.length ? [...where, inArray(cases.status, filters.status)] : where;
  const pageSize = Math.min(Math.max(filters.pageSize ?? 20, 5), 100);
  const page = Math.max(filters.page ?? 1, 1);
  const order = filters.sort === 'created_asc' ? asc(cases.createdAt) : filters.sort === 'updated_desc' ? desc(cases.updatedAt) : desc(cases.createdAt);

  const gridJoin = and(eq(grids.tenantId, cases.tenantId), eq(grids.id, cases.gridId));
  const rows = await tx
    .select({
      id: cases.id,
      tenantId: cases.tenantId,
      trackingCode: cases.trackingCode,
      status: cases.status,
      content: cases.content,
      category: categories.name,
      building: buildings.name,
      grid: grids.name,
      gridWorkerId: grids.gridWorkerId,
      assigneeId: cases.assigneeId,
      assignee: users.displayName,
      reporterHint: cases.reporterHint,
      channel: cases.channel,
      createdAt: cases.createdAt,
      updatedAt: cases.updatedAt,
      holderOrgUnitId: cases.holderOrgUnitId,
      streetId: cases.streetId,
      districtId: cases.districtId,
      escalatedAt: cases.escalatedAt,
      overdueAt: cases.overdueAt,
      coDepartmentIds: cases.coDepartmentIds,
    })
    .from(cases)
    .innerJoin(categories, and(eq(categories.tenantId, cases.tenantId), eq(categories.id, cases.categoryId)))
    .leftJoin(buildings, and(eq(buildings.tenantId, cases.tenantId), eq(buildings.id, cases.buildingId)))
    .leftJoin(grids, gridJoin)
    .leftJoin(users, eq(users.id, cases.assigneeId))
    .where(and(...statusWhere))
    .orderBy(order, desc(cases.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);

  const [totalRow] = await tx.select({ n: count() }).from(cases).leftJoin(grids, gridJoin).where(and(...statusWhere));
  const perStatus = await tx.select({ status: cases.status, n: count() }).from(cases).leftJoin(grids, gridJoin).where(and(...where)).groupBy(cases.status);
  const counts = Object.fromEntries(CASE_STATUSES.map((s) => [s, perStatus.find((p) => p.status === s)?.n ?? 0])) as Record<CaseStatus, number>;

  return {
    rows: rows
      .filter((r) => ability.can('read', caseSubject(r, r.gridWorkerId)))
      .map(({ gridWorkerId: _g, tenantId: _t, holderOrgUnitId: _h, streetId: _s, districtId: _d, coDepartmentIds: _c, escalatedAt: _e, content, ...r }) => ({
        ...r,
        overdue: Boolean(r.overdueAt),
        excerpt: Array.from(content).slice(0, 80).join(''),
      })),
    total: totalRow?.n ?? 0,
    page,
    pageSize,
    counts,
  };
}
