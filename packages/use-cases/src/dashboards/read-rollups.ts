import { and, eq, gte, inArray, lt, ne, sql } from 'drizzle-orm';
import { addCounters, type Counters, type DayRange, emptyCounters, nextMonthStart, sumCounters } from '@shequ/domain';
import { caseRollupsDaily, caseRollupsMonthly, type Tx, uuidArray } from '@shequ/db';
import { ALL_CATEGORIES, toCounters } from './rollups.ts';

/** A range as whole months (read from monthly rows), if any, and the days left at either end (daily rows). */
function splitWholeMonths(range: DayRange): { months: DayRange | null; days: DayRange[] } {
  const firstWhole = range.from.endsWith('-01') ? range.from : nextMonthStart(range.from);
  let lastWholeEnd = firstWhole;
  while (nextMonthStart(lastWholeEnd) <= range.to) lastWholeEnd = nextMonthStart(lastWholeEnd);
  if (lastWholeEnd <= firstWhole) return { months: null, days: [range] };
  return { months: { from: firstWhole, to: lastWholeEnd }, days: [{ from: range.from, to: firstWhole }, { from: lastWholeEnd, to: range.to }].filter((d) => d.from < d.to) };
}

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
  const split = splitWholeMonths(range);
  if (split.months) {
    const months = await tx
      .select()
      .from(caseRollupsMonthly)
      .where(and(inArray(caseRollupsMonthly.communityId, communityIds), gte(caseRollupsMonthly.month, split.months.from), lt(caseRollupsMonthly.month, split.months.to), ne(caseRollupsMonthly.categoryName, ALL_CATEGORIES)));
    for (const m of months) add(key(m.communityId, m.categoryName), toCounters(m));
  }
  for (const e of split.days) {
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

// Times are summed as float8 (exact to 2^53 ms), not as bigint, whose sum is a numeric: several times slower.
/**
 * The summed counters of communities of the caller's own street (the community in the transaction's scope), over a
 * day range, through the SECURITY DEFINER function street_rollup_totals (migration: scoped RLS): the only way a
 * community's transaction reads figures beyond its own, and only as one aggregate. Ids of other streets count for
 * nothing.
 */
export async function streetTotals(tx: Tx, communityIds: string[], range: DayRange): Promise<Counters> {
  const [row] = (await tx.execute(sql`select * from street_rollup_totals(${uuidArray(communityIds)}, ${range.from}::date, ${range.to}::date)`)) as unknown as (Counters & { communities: number })[];
  const empty = emptyCounters();
  if (!row) return empty;
  const pad = (h: number[], like: number[]) => like.map((_, i) => h[i] ?? 0);
  return { ...fromSums(row), acceptHist: pad(row.acceptHist, empty.acceptHist), closeHist: pad(row.closeHist, empty.closeHist) };
}

const SUMS = sql`sum(received)::int as received, sum(accepted_in_time)::int as "acceptedInTime", sum(closed)::int as closed,
  sum(closed_in_time)::int as "closedInTime", sum(overdue_open)::int as "overdueOpen", sum(due)::int as due, sum(due_closed)::int as "dueClosed", sum(rated)::int as rated,
  sum(satisfied)::int as satisfied, sum(rateable)::int as rateable, sum(reopened)::int as reopened, sum(escalated)::int as escalated, sum(forwarded)::int as forwarded,
  sum(auto_escalated)::int as "autoEscalated", sum(accept_ms_sum::float8) as "acceptMsSum", sum(accept_count)::int as "acceptCount",
  sum(close_ms_sum::float8) as "closeMsSum", sum(close_count)::int as "closeCount"`;
/** A row of SUMS: every counter but the histograms. */
type Sums = Omit<Counters, 'acceptHist' | 'closeHist'>;
/** Sums across communities carry no histograms (medians are left to single communities): shared, frozen, empty. */
const NO_HIST = Object.freeze(emptyCounters().acceptHist.map(() => 0)) as number[];

/** Counters from a row of SUMS, built field by field (a district reads thousands of rows: no spreading). */
function fromSums(r: Sums): Counters {
  return {
    received: r.received,
    acceptedInTime: r.acceptedInTime,
    closed: r.closed,
    closedInTime: r.closedInTime,
    overdueOpen: r.overdueOpen,
    due: r.due,
    dueClosed: r.dueClosed,
    rated: r.rated,
    satisfied: r.satisfied,
    rateable: r.rateable,
    reopened: r.reopened,
    escalated: r.escalated,
    forwarded: r.forwarded,
    autoEscalated: r.autoEscalated,
    acceptMsSum: r.acceptMsSum,
    acceptCount: r.acceptCount,
    closeMsSum: r.closeMsSum,
    closeCount: r.closeCount,
    acceptHist: NO_HIST,
    closeHist: NO_HIST,
  };
}

const COLUMNS = sql`received, accepted_in_time, closed, closed_in_time, overdue_open, due, due_closed, rated, satisfied, rateable, reopened, escalated, forwarded, auto_escalated, accept_ms_sum, accept_count, close_ms_sum, close_count`;

/**
 * Counters summed in PostgreSQL, grouped by community, category or month (no medians: histograms stay behind):
 * what a comparison of many communities needs, in a few hundred rows whatever the number of cases. Whole months
 * come from the monthly rollups, the ragged edges from the daily ones.
 */
export async function summedCounters(tx: Tx, communityIds: string[], range: DayRange, groupBy: 'community' | 'category' | 'month' | 'none') {
  if (!communityIds.length || range.from >= range.to) return [] as (Counters & { key: string })[];
  const { months: whole, days: edges } = splitWholeMonths(range);
  const idList = sql`any(${uuidArray(communityIds)})`;
  const key = groupBy === 'community' ? sql`community_id::text` : groupBy === 'category' ? sql`category_name` : groupBy === 'month' ? sql`to_char(month, 'YYYY-MM')` : sql`''`;
  const categoryFilter = groupBy === 'category' ? sql`category_name <> ${ALL_CATEGORIES}` : sql`category_name = ${ALL_CATEGORIES}`;
  if (groupBy !== 'month' && wholeYears(range)) {
    // Whole calendar years: the yearly rollups alone (a few rows per community).
    const rows = (await tx.execute(sql`select ${key} as key, ${SUMS} from case_rollups_yearly
      where community_id = ${idList} and year >= ${range.from}::date and year < ${range.to}::date and ${categoryFilter} group by 1`)) as unknown as (Sums & { key: string })[];
    return rows.map((r) => Object.assign(fromSums(r), { key: r.key }));
  }
  const parts = [
    // Whole months: the per-month totals, unless the breakdown is by category.
    ...(whole
      ? [
          sql`select community_id, category_name, month, ${COLUMNS} from case_rollups_monthly where community_id = ${idList} and month >= ${whole.from}::date and month < ${whole.to}::date and ${categoryFilter}`,
        ]
      : []),
    ...edges.map((e) => sql`select community_id, category_name, date_trunc('month', day)::date as month, ${COLUMNS} from case_rollups_daily where community_id = ${idList} and day >= ${e.from}::date and day < ${e.to}::date`),
  ];
  const rows = (await tx.execute(sql`select ${key} as key, ${SUMS} from (${sql.join(parts, sql` union all `)}) r group by 1`)) as unknown as (Sums & { key: string })[];
  return rows.map((r) => Object.assign(fromSums(r), { key: r.key }));
}

/**
 * The comparison's main read: each community's counters for the period and the previous one, and the period's
 * month-by-month totals. Periods made of whole months only (month, quarter, year); others go through
 * summedCounters.
 */
export async function comparisonTotals(tx: Tx, communityIds: string[], range: DayRange, previous: DayRange) {
  // Both at once: pipelined on the one connection.
  const [communities, months] = await Promise.all([communityTotals(tx, communityIds, range, previous), monthTotals(tx, communityIds, range)]);
  return { ...communities, months };
}

// A '*' row's counters, named as Counters; its histograms only for the period itself (medians are shown for the
// period; the previous one serves ranks and changes of the other figures, and half the arrays is half the parsing).
const fields = (from: string, column: 'year' | 'month') => sql`received, accepted_in_time as "acceptedInTime", closed, closed_in_time as "closedInTime", overdue_open as "overdueOpen", due,
  due_closed as "dueClosed", rated, satisfied, rateable, reopened, escalated, forwarded, auto_escalated as "autoEscalated", accept_ms_sum::float8 as "acceptMsSum",
  accept_count as "acceptCount", close_ms_sum::float8 as "closeMsSum", close_count as "closeCount",
  case when ${sql.raw(column)} >= ${from}::date then accept_hist else '{}' end as "acceptHist",
  case when ${sql.raw(column)} >= ${from}::date then close_hist else '{}' end as "closeHist"`;

/**
 * Each community's counters for the period and the previous one, with the period's histograms, so its medians
 * show for every community and in total: the yearly totals for whole years (one row per community and year), else the monthly
 * totals (one per month), summed here.
 */
async function communityTotals(tx: Tx, communityIds: string[], range: DayRange, previous: DayRange) {
  const ids = sql`any(${uuidArray(communityIds)})`;
  const query = wholeYears(range) && wholeYears(previous)
    ? sql`select community_id::text as community, year >= ${range.from}::date as current, ${fields(range.from, 'year')} from case_rollups_yearly
        where category_name = ${ALL_CATEGORIES} and year >= ${previous.from}::date and year < ${range.to}::date and community_id = ${ids}`
    : sql`select community_id::text as community, month >= ${range.from}::date as current, ${fields(range.from, 'month')} from case_rollups_monthly
        where category_name = ${ALL_CATEGORIES} and month >= ${previous.from}::date and month < ${range.to}::date and community_id = ${ids}`;
  const rows = (await tx.execute(query)) as unknown as (Counters & { community: string; current: boolean })[];
  const collect = (current: boolean) => {
    const lists = new Map<string, Counters[]>();
    for (const r of rows) {
      if (r.current !== current) continue;
      const list = lists.get(r.community);
      if (list) list.push(r);
      else lists.set(r.community, [r]);
    }
    // A year is one row per community: taken as it is; months are summed.
    return new Map([...lists].map(([community, list]) => [community, list.length === 1 ? list[0]! : sumCounters(list)]));
  };
  return { current: collect(true), previous: collect(false) };
}

/** The period's month-by-month totals over the communities, summed in PostgreSQL (no histograms). */
async function monthTotals(tx: Tx, communityIds: string[], range: DayRange) {
  // Grouped by the date, in index order: no hashing of a text per row.
  const rows = (await tx.execute(sql`
    select to_char(month, 'YYYY-MM') as key, ${SUMS}
    from case_rollups_monthly
    where category_name = ${ALL_CATEGORIES} and month >= ${range.from}::date and month < ${range.to}::date and community_id = any(${uuidArray(communityIds)})
    group by month`)) as unknown as (Sums & { key: string })[];
  return new Map(rows.map((r) => [r.key, fromSums(r)]));
}

/** Whether a range is made of whole months (what the monthly rollups can answer alone). */
export const wholeMonths = (range: DayRange) => range.from.endsWith('-01') && range.to.endsWith('-01');

/** Whether a range is made of whole calendar years. */
export const wholeYears = (range: DayRange) => range.from.endsWith('-01-01') && range.to.endsWith('-01-01');
