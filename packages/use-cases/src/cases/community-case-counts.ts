import { and, count, eq, gte, inArray } from 'drizzle-orm';
import { chinaYearStart } from '@shequ/domain';
import { cases, type Tx } from '@shequ/db';

/** The figures an office reports upward: wishes collected and closed this year, and since the community joined. */
export async function communityCaseCounts(tx: Tx, tenantId: string, now = new Date()) {
  const yearStart = chinaYearStart(now);
  const finished = inArray(cases.status, ['closed']);
  const [[year], [yearClosed], [all], [allClosed], open] = await Promise.all([
    tx.select({ n: count() }).from(cases).where(and(eq(cases.tenantId, tenantId), gte(cases.createdAt, yearStart))),
    tx.select({ n: count() }).from(cases).where(and(eq(cases.tenantId, tenantId), finished, gte(cases.closedAt, yearStart))),
    tx.select({ n: count() }).from(cases).where(eq(cases.tenantId, tenantId)),
    tx.select({ n: count() }).from(cases).where(and(eq(cases.tenantId, tenantId), finished)),
    tx.select({ n: count() }).from(cases).where(and(eq(cases.tenantId, tenantId), inArray(cases.status, ['submitted', 'accepted']))),
  ]);
  return { yearCollected: year!.n, yearClosed: yearClosed!.n, totalCollected: all!.n, totalClosed: allClosed!.n, open: open[0]!.n };
}
