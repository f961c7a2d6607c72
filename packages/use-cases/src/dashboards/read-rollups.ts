import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { addCounters, type Counters, type DayRange, emptyCounters, nextMonthStart } from '@shequ/domain';
import { caseRollupsDaily, caseRollupsMonthly, type Tx } from '@shequ/db';
import { toCounters } from './rollups.ts';

const firstOfNextMonth = nextMonthStart;

/**
 * Counters per community for a range of days: whole months from the monthly rollups, the ragged edges from the
 * daily ones, so a year reads about twelve rows per community and category, whatever the number of cases.
 * Optionally broken down by category.
 */
export async function rollupCounters(tx: Tx, communityIds: string[], range: DayRange, opts: { byCategory?: boolean } = {}) {
  const out = new Map<string, Counters>();
  if (!communityIds.length || range.from >= range.to) return out;
  const key = (communityId: string, category: string) => (opts.byCategory ? `${communityId}\u0000${category}` : communityId);
  const add = (k: string, c: Counters) => out.set(k, addCounters(out.get(k) ?? emptyCounters(), c));
  // Whole months inside the range.
  const firstWhole = range.from.endsWith('-01') ? range.from : firstOfNextMonth(range.from);
  let lastWholeEnd = firstWhole;
  while (firstOfNextMonth(lastWholeEnd) <= range.to) lastWholeEnd = firstOfNextMonth(lastWholeEnd);
  if (lastWholeEnd > firstWhole) {
    const months = await tx
      .select()
      .from(caseRollupsMonthly)
      .where(and(inArray(caseRollupsMonthly.communityId, communityIds), gte(caseRollupsMonthly.month, firstWhole), lt(caseRollupsMonthly.month, lastWholeEnd)));
    for (const m of months) add(key(m.communityId, m.categoryName), toCounters(m));
  }
  // The days before and after the whole months.
  const edges = lastWholeEnd > firstWhole ? [{ from: range.from, to: firstWhole }, { from: lastWholeEnd, to: range.to }] : [range];
  for (const e of edges.filter((x) => x.from < x.to)) {
    const days = await tx
      .select()
      .from(caseRollupsDaily)
      .where(and(inArray(caseRollupsDaily.communityId, communityIds), gte(caseRollupsDaily.day, e.from), lt(caseRollupsDaily.day, e.to)));
    for (const d of days) add(key(d.communityId, d.categoryName), toCounters(d));
  }
  return out;
}

/** A community's own counters per grid for a range (from the daily rollups, which keep the grid). */
export async function gridCounters(tx: Tx, communityId: string, range: DayRange) {
  const rows = await tx
    .select()
    .from(caseRollupsDaily)
    .where(and(eq(caseRollupsDaily.communityId, communityId), sql`${caseRollupsDaily.day} >= ${range.from}::date and ${caseRollupsDaily.day} < ${range.to}::date`));
  const out = new Map<string, Counters>();
  for (const r of rows) out.set(r.gridId, addCounters(out.get(r.gridId) ?? emptyCounters(), toCounters(r)));
  return out;
}
