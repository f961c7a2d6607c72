import { and, count, eq, gte, inArray, sql } from 'drizzle-orm';
import { chinaYearStart, OPEN_STATUSES } from '@shequ/domain';
import { cases, type Tx } from '@shequ/db';

/**
 * The figures an office reports upward: wishes collected and 办结 this year, and since the community joined, and
 * those still open. Counted as the dashboards define them (issue 15: they were not): spam, duplicates and merged
 * wishes are not collected; 办结 is resolved (awaiting the resident's rating) or closed, this year by the day it was
 * resolved; open is every unfinished status, at the street or a department included.
 */
export async function communityCaseCounts(tx: Tx, tenantId: string, now = new Date()) {
  const yearStart = chinaYearStart(now);
  const counted = sql`not (${cases.status} = 'merged' or (${cases.status} = 'rejected' and ${cases.rejectReason} in ('spam', 'duplicate')))`;
  const done = inArray(cases.status, ['resolved', 'closed']);
  const doneAt = sql`coalesce(${cases.resolvedAt}, ${cases.closedAt})`;
  const [[year], [yearClosed], [all], [allClosed], open] = await Promise.all([
    tx.select({ n: count() }).from(cases).where(and(eq(cases.tenantId, tenantId), counted, gte(cases.createdAt, yearStart))),
    tx.select({ n: count() }).from(cases).where(and(eq(cases.tenantId, tenantId), done, sql`${doneAt} >= ${yearStart.toISOString()}::timestamptz`)),
    tx.select({ n: count() }).from(cases).where(and(eq(cases.tenantId, tenantId), counted)),
    tx.select({ n: count() }).from(cases).where(and(eq(cases.tenantId, tenantId), done)),
    tx.select({ n: count() }).from(cases).where(and(eq(cases.tenantId, tenantId), inArray(cases.status, [...OPEN_STATUSES]))),
  ]);
  return { yearCollected: year!.n, yearClosed: yearClosed!.n, totalCollected: all!.n, totalClosed: allClosed!.n, open: open[0]!.n };
}
