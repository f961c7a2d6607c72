import { and, eq, inArray, sql } from 'drizzle-orm';
import { type CaseFact, chinaDate, chinaDayEnd, chinaDayStart, type Counters, countCases, emptyCounters, isCalendarDay, sumCounters, workingTimeBetween } from '@shequ/domain';
import { caseRollupsDaily, caseRollupsMonthly, caseRollupsYearly, type Db, rollupDirty, type Tx, withTenant } from '@shequ/db';
import { slaPolicy, workingCalendar } from '../deadlines/policy.ts';

type FactRow = { fact: CaseFact; day: string; dueDay: string | null };

/**
 * The facts the figures need about a community's cases (optionally only those received or due on some days),
 * read inside the community's tenant context. Working times are counted on the working calendar and the
 * community's working hours.
 */
export async function loadCaseFacts(tx: Tx, communityId: string, days?: string[]): Promise<FactRow[]> {
  // Only the cases received on those days or whose resolve deadline falls on one of them, found by index
  // (cases by community and creation time, deadlines by community, kind and due time), not by reading every case.
  if (days && !days.every(isCalendarDay)) throw new Error('loadCaseFacts: days must be calendar days, YYYY-MM-DD');
  const onDays = days?.length
    ? sql`and c.id in (
        select c2.id from unnest(${`{${days.join(',')}}`}::date[]) d
          join cases c2 on c2.tenant_id = ${communityId} and c2.created_at >= (d::timestamp at time zone 'Asia/Shanghai')
            and c2.created_at < ((d + 1)::timestamp at time zone 'Asia/Shanghai')
        union
        select d2.case_id from unnest(${`{${days.join(',')}}`}::date[]) d
          join deadlines d2 on d2.tenant_id = ${communityId} and d2.subject_type = 'case' and d2.kind = 'resolve' and d2.due_at >= (d::timestamp at time zone 'Asia/Shanghai')
            and d2.due_at < ((d + 1)::timestamp at time zone 'Asia/Shanghai'))`
    : sql``;
  const rows = (await tx.execute(sql`
    select c.created_at, cat.name as category, c.grid_id, c.status, c.reject_reason, c.accepted_at, c.resolved_at, c.closed_at,
      c.rating, c.reopen_count, c.escalated_at, a.due_at as accept_due, r.due_at as resolve_due,
      exists (select 1 from case_events e where e.tenant_id = c.tenant_id and e.case_id = c.id and e.type = 'forward') as forwarded,
      exists (select 1 from case_events e where e.tenant_id = c.tenant_id and e.case_id = c.id and e.type = 'escalate' and e.data->>'automatic' = 'true') as auto,
      -- 超期: the first breach recorded on the case, or the due time of any of its time limits that was breached,
      -- met late (settled before the worker got to it), or is running now (passes later if nothing happens).
      least(c.overdue_at, (select min(o.due_at) from deadlines o where o.tenant_id = c.tenant_id and o.subject_type = 'case' and o.subject_id = c.id
        and (o.state in ('breached', 'running') or (o.state = 'met' and o.met_at > o.due_at)))) as overdue_at,
      -- Wishes merged into this case: their reporters follow it and rate its outcome (counted with it).
      (select count(*)::int from cases m where m.tenant_id = c.tenant_id and m.merged_into_id = c.id and m.status = 'merged') as merged_reporters,
      (select coalesce(array_agg(m.rating::int), '{}')::int[] from cases m where m.tenant_id = c.tenant_id and m.merged_into_id = c.id and m.status = 'merged' and m.rating is not null) as merged_ratings
    from cases c
    join categories cat on cat.tenant_id = c.tenant_id and cat.id = c.category_id
    left join deadlines a on a.tenant_id = c.tenant_id and a.subject_type = 'case' and a.subject_id = c.id and a.kind = 'accept'
    left join deadlines r on r.tenant_id = c.tenant_id and r.subject_type = 'case' and r.subject_id = c.id and r.kind = 'resolve'
    where c.tenant_id = ${communityId} ${onDays}`)) as unknown as Record<string, unknown>[];
  const calendar = await workingCalendar(tx);
  const hours = (await slaPolicy(tx, communityId, null)).hours;
  const time = (v: unknown) => (v ? new Date(v as string) : null);
  return rows.map((r) => {
    const receivedAt = time(r.created_at)!;
    const acceptedAt = time(r.accepted_at);
    const status = r.status as string;
    // 办结: resolved (waiting for the rating) or closed; rejections and merges are not 办结.
    const closedAt = status === 'resolved' || status === 'closed' ? (time(r.resolved_at) ?? time(r.closed_at)) : null;
    const resolveDueAt = time(r.resolve_due);
    const excluded = status === 'merged' || (status === 'rejected' && (r.reject_reason === 'spam' || r.reject_reason === 'duplicate'));
    const fact: CaseFact = {
      receivedAt,
      categoryName: r.category as string,
      gridId: (r.grid_id as string | null) ?? null,
      excluded,
      acceptedAt,
      acceptDueAt: time(r.accept_due),
      closedAt,
      // Rejected as out of remit: finished, not 办结 (rejections set closed_at).
      endedAt: status === 'rejected' && !excluded ? (time(r.closed_at) ?? receivedAt) : null,
      resolveDueAt,
      overdueAt: time(r.overdue_at),
      rating: (r.rating as number | null) ?? null,
      mergedReporters: Number(r.merged_reporters ?? 0),
      mergedRatings: ((r.merged_ratings as number[] | null) ?? []).map(Number),
      reopened: Number(r.reopen_count) > 0,
      escalated: Boolean(r.escalated_at),
      forwarded: Boolean(r.forwarded),
      autoEscalated: Boolean(r.auto),
      acceptWorkingMs: acceptedAt ? workingTimeBetween(calendar, hours, receivedAt, acceptedAt).ms : null,
      closeWorkingMs: closedAt ? workingTimeBetween(calendar, hours, receivedAt, closedAt).ms : null,
    };
    return { fact, day: chinaDate(receivedAt), dueDay: resolveDueAt ? chinaDate(resolveDueAt) : null };
  });
}

/** The category name of a monthly row holding the month's total over all categories. */
export const ALL_CATEGORIES = '*';

const dayPeriod = (day: string) => ({ from: chinaDayStart(day), to: chinaDayEnd(day) });
const monthOf = (day: string) => `${day.slice(0, 7)}-01`;
const isEmpty = (c: Counters) => c.received === 0 && c.due === 0;

/**
 * Recomputes a community's rollups for some days (and their months and year) from its raw cases, replacing what was
 * there. One refresh per community at a time (a transaction-scoped advisory lock): two refreshes of different days of
 * one month each replace the month's rows, and under READ COMMITTED the second one's delete does not see the rows
 * the first just inserted, so its insert failed on the key (seen under issue 14's benchmark: the rollup job failed
 * every few seconds while breaches kept marking days). Output: the number of daily rows written.
 */
export async function refreshRollupDays(db: Db, communityId: string, days: string[], now = new Date()) {
  const unique = [...new Set(days)];
  if (!unique.length) return 0;
  return withTenant(db, communityId, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${communityId}:rollups`}, 0))`);
    const facts = await loadCaseFacts(tx, communityId, unique);
    const rows: (typeof caseRollupsDaily.$inferInsert)[] = [];
    for (const day of unique) {
      const groups = new Map<string, CaseFact[]>();
      for (const f of facts) {
        if (f.day !== day && f.dueDay !== day) continue;
        const key = `${f.fact.categoryName}\u0000${f.fact.gridId ?? ''}`;
        groups.set(key, [...(groups.get(key) ?? []), f.fact]);
      }
      for (const [key, group] of groups) {
        const counters = countCases(group, dayPeriod(day), now);
        if (isEmpty(counters)) continue;
        const [categoryName, gridId] = key.split('\u0000') as [string, string];
        rows.push({ communityId, day, categoryName, gridId, ...counters });
      }
    }
    await tx.delete(caseRollupsDaily).where(and(eq(caseRollupsDaily.communityId, communityId), inArray(caseRollupsDaily.day, unique)));
    if (rows.length) await tx.insert(caseRollupsDaily).values(rows);
    // Months are sums of their days.
    for (const month of new Set(unique.map(monthOf))) {
      const daily = await tx
        .select()
        .from(caseRollupsDaily)
        .where(and(eq(caseRollupsDaily.communityId, communityId), sql`${caseRollupsDaily.day} >= ${month}::date and ${caseRollupsDaily.day} < (${month}::date + interval '1 month')`));
      const byCategory = sumByCategory(daily);
      await tx.delete(caseRollupsMonthly).where(and(eq(caseRollupsMonthly.communityId, communityId), eq(caseRollupsMonthly.month, month)));
      if (byCategory.size) {
        // Plus the month's total over all categories (category '*'): what comparisons of many communities read.
        const total = sumCounters(byCategory.values());
        await tx.insert(caseRollupsMonthly).values([...[...byCategory].map(([categoryName, c]) => ({ communityId, month, categoryName, ...c })), { communityId, month, categoryName: ALL_CATEGORIES, ...total }]);
      }
    }
    // Years are sums of their months (categories and '*' totals alike).
    for (const year of new Set(unique.map((d) => `${d.slice(0, 4)}-01-01`))) {
      const months = await tx
        .select()
        .from(caseRollupsMonthly)
        .where(and(eq(caseRollupsMonthly.communityId, communityId), sql`${caseRollupsMonthly.month} >= ${year}::date and ${caseRollupsMonthly.month} < (${year}::date + interval '1 year')`));
      const byCategory = sumByCategory(months);
      await tx.delete(caseRollupsYearly).where(and(eq(caseRollupsYearly.communityId, communityId), eq(caseRollupsYearly.year, year)));
      if (byCategory.size) await tx.insert(caseRollupsYearly).values([...byCategory].map(([categoryName, c]) => ({ communityId, year, categoryName, ...c })));
    }
    return rows.length;
  });
}

/** Stored rows (days of a month, months of a year) summed per category: the rows of the period above. */
function sumByCategory(rows: (Counters & { categoryName: string })[]): Map<string, Counters> {
  const lists = new Map<string, Counters[]>();
  for (const r of rows) {
    const list = lists.get(r.categoryName);
    if (list) list.push(toCounters(r));
    else lists.set(r.categoryName, [toCounters(r)]);
  }
  return new Map([...lists].map(([category, list]) => [category, sumCounters(list)]));
}

/** A stored row's counters (histograms padded to the current bucket count). */
export function toCounters(row: Counters): Counters {
  const empty = emptyCounters();
  const pad = (h: number[], like: number[]) => like.map((_, i) => h[i] ?? 0);
  return {
    received: row.received,
    acceptedInTime: row.acceptedInTime,
    closed: row.closed,
    closedInTime: row.closedInTime,
    overdueOpen: row.overdueOpen,
    due: row.due,
    dueClosed: row.dueClosed,
    rated: row.rated,
    satisfied: row.satisfied,
    rateable: row.rateable,
    reopened: row.reopened,
    escalated: row.escalated,
    forwarded: row.forwarded,
    autoEscalated: row.autoEscalated,
    acceptMsSum: Number(row.acceptMsSum),
    acceptCount: row.acceptCount,
    closeMsSum: Number(row.closeMsSum),
    closeCount: row.closeCount,
    acceptHist: pad(row.acceptHist, empty.acceptHist),
    closeHist: pad(row.closeHist, empty.closeHist),
  };
}

/** Marks days of a community stale, in the caller's transaction (the case change and the mark commit together). */
export async function markRollupsDirty(tx: Tx, communityId: string, days: (string | null)[]) {
  const unique = [...new Set(days.filter((d): d is string => Boolean(d)))];
  const deferred = deferredMarks.get(tx);
  if (deferred) {
    for (const day of unique) deferred.add(`${communityId} ${day}`);
    return;
  }
  if (unique.length) await tx.insert(rollupDirty).values(unique.map((day) => ({ communityId, day }))).onConflictDoNothing();
}

/**
 * Stale-day marks of a long transaction (a batch of deadline breaches), written once at its end instead of with
 * each change: every transaction marking the same few days (all of a burst's cases share them) would otherwise
 * wait on the first one's uncommitted mark for the whole of its batch, and two batches marking two days in
 * opposite orders would deadlock. Call `flushRollupMarks` last in the transaction (sorted, one statement).
 */
const deferredMarks = new WeakMap<Tx, Set<string>>();
export function deferRollupMarks(tx: Tx) {
  if (!deferredMarks.has(tx)) deferredMarks.set(tx, new Set());
}
export async function flushRollupMarks(tx: Tx) {
  const marks = deferredMarks.get(tx);
  deferredMarks.delete(tx);
  if (!marks?.size) return;
  const rows = [...marks].sort().map((m) => {
    const [communityId, day] = m.split(' ') as [string, string];
    return { communityId, day };
  });
  await tx.insert(rollupDirty).values(rows).onConflictDoNothing();
}

/** Rebuilds a community's rollups entirely from its raw cases (the `pnpm rollups:rebuild` command). */
export async function rebuildRollups(db: Db, communityId: string, now = new Date()) {
  const days = await withTenant(db, communityId, async (tx) => {
    const facts = await loadCaseFacts(tx, communityId);
    return [...new Set(facts.flatMap((f) => [f.day, f.dueDay].filter((d): d is string => Boolean(d))))];
  });
  await withTenant(db, communityId, async (tx) => {
    await tx.delete(caseRollupsDaily).where(eq(caseRollupsDaily.communityId, communityId));
    await tx.delete(caseRollupsMonthly).where(eq(caseRollupsMonthly.communityId, communityId));
    await tx.delete(caseRollupsYearly).where(eq(caseRollupsYearly.communityId, communityId));
  });
  // In slices, so one transaction never holds years of a big community.
  for (let i = 0; i < days.length; i += 62) await refreshRollupDays(db, communityId, days.slice(i, i + 62), now);
  return days.length;
}
