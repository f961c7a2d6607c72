// pnpm bench dashboard [--communities=1000] [--cases=10000000] [--rounds=30]
//
// A district of `communities` communities (20 streets) with `cases` cases over five years, generated straight into
// a throwaway database (as the superuser, so in bulk across tenants). Rollups are built from those raw cases by
// SQL with the domain's definitions (received and due cohorts, response, closure, on-time, satisfaction, times),
// then, in the same run: (a) the district comparison page's loader (compareCommunities over the rollups) for the
// last full year, p50/p95 over `rounds`; (b) the same figures computed naively from the raw cases; and their ratio.
// Ends with: `bench dashboard: p95_ms=42 speedup=180 communities=1000 cases=10000000`.
import postgres from 'postgres';
import { createDb, withScope } from '@shequ/db';
import { runMigrations } from '@shequ/db/migrate';
import { dropDatabase, ensureDatabase, ensureRoles, withUrlParts } from '@shequ/db/provision';
import { parsePeriod } from '@shequ/domain';
import { anonymousCaller, compareCommunities } from '../src/index.ts';

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const COMMUNITIES = arg('communities', 1000);
const CASES = arg('cases', 10_000_000);
const ROUNDS = arg('rounds', 30);
const STREETS = Math.min(20, COMMUNITIES);

const admin = process.env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
// --db=<name> measures a database an earlier run kept (--keep) instead of generating a new one.
const reuse = process.argv.find((a) => a.startsWith('--db='))?.split('=')[1];
const dbName = reuse ?? `shequ_bench_dash_${Date.now().toString(36)}`;
const owner = { user: 'shequ_owner', password: 'shequ_owner' };
const appRole = { user: 'shequ_app', password: 'shequ_app' };
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const time = async <T>(label: string, fn: () => Promise<T>) => {
  const t = performance.now();
  const out = await fn();
  console.log(`${label}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return out;
};

await ensureRoles(admin, owner, appRole);
await ensureDatabase(admin, dbName, owner.user);
const su = postgres(withUrlParts(admin, { database: dbName }), { max: 2, onnotice: () => {} });
// Interrupted (Ctrl-C, a timeout): drop the half-built database rather than leave gigabytes behind.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void su
      .end({ timeout: 1 })
      .then(() => (reuse ? undefined : dropDatabase(admin, dbName)))
      .catch(() => undefined)
      .finally(() => process.exit(130));
  });
}
try {
  await runMigrations(withUrlParts(admin, { ...owner, database: dbName }), appRole.user);
  if (!reuse) {
    console.log(`generating ${COMMUNITIES} communities (${STREETS} streets) and ${CASES} cases over five years…`);
    await time('hierarchy', async () => {
      await su`insert into org_units (id, kind, name, admin_code) values ('00000000-0000-4000-8000-000000000001', 'district', '基准区', '529900000000')`;
      await su`insert into org_units (id, kind, parent_id, district_id, name, admin_code)
        select ('00000000-0000-4000-8001-' || lpad(s::text, 12, '0'))::uuid, 'street', '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000001', '街道' || s, '5299' || lpad(s::text, 5, '0') || '000'
        from generate_series(1, ${STREETS}) s`;
      await su`insert into org_units (id, kind, parent_id, street_id, district_id, name, slug)
        select ('00000000-0000-4000-8002-' || lpad(c::text, 12, '0'))::uuid, 'community', st, st, '00000000-0000-4000-8000-000000000001', '社区' || c, 'bench-' || c
        from (select c, ('00000000-0000-4000-8001-' || lpad((1 + c % ${STREETS})::text, 12, '0'))::uuid as st from generate_series(1, ${COMMUNITIES}) c) x`;
      await su`insert into categories (tenant_id, id, name, sort_order)
        select u.id, gen_random_uuid(), n.name, n.i from org_units u, unnest(array['环境卫生','设施维修','养老助老','儿童关爱','邻里纠纷','安全隐患','文体活动','其他']) with ordinality n(name, i) where u.kind = 'community'`;
    });
    // Raw cases: spread over five years; each community its own quality (response/closure/satisfaction).
    await time('cases (raw)', async () => {
      await su`drop index if exists cases_content_trgm_idx`; // text search is not measured here
      const batch = 1_000_000;
      for (let start = 0; start < CASES; start += batch) {
        const n = Math.min(batch, CASES - start);
        await su`
          insert into cases (tenant_id, id, tracking_code, category_id, content, channel, status, created_at, updated_at, accepted_at, resolved_at, closed_at, rating, escalated_at, reopen_count, close_kind)
          select c.tenant_id, gen_random_uuid(), 'B' || lpad((${start} + g)::text, 9, '0'), c.id, '基准', 'qr',
            case when r4 < 0.03 then 'accepted'::case_status else 'closed'::case_status end,
            t, t, t + (r1 * interval '30 hours'), case when r4 < 0.03 then null else t + (r2 * interval '160 hours') end,
            case when r4 < 0.03 then null else t + (r2 * interval '160 hours') + interval '1 day' end,
            case when r3 < 0.2 then null else 1 + floor(r3 * 5)::int end, case when r1 > 0.9 then t + interval '20 hours' end, case when r2 > 0.95 then 1 else 0 end,
            case when r4 < 0.03 then null else 'rated'::close_kind end
          from (
            select g, random() r1, random() r2, random() r3, random() r4,
              timestamp with time zone '2021-01-01 00:00:00+08' + random() * interval '1826 days' as t,
              (1 + floor(random() * ${COMMUNITIES}))::int as cn, floor(random() * 8)::int as cat
            from generate_series(1, ${n}) g
          ) x
          join lateral (select tenant_id, id from categories where tenant_id = ('00000000-0000-4000-8002-' || lpad(x.cn::text, 12, '0'))::uuid order by sort_order offset x.cat limit 1) c on true`;
        console.log(`  ${start + n} cases`);
      }
    });
  }
  // The naive figures: what the comparison page shows (each community's figures for the period and the previous one,
  // the month-by-month totals, the category breakdown), computed straight from the raw cases, one plain query each
  // (accept within 8 h, resolve within 5 days here, as the rollups below count them).
  const FIGURES = `count(*) as received,
      count(*) filter (where accepted_at <= created_at + interval '8 hours') as accepted_in_time,
      count(*) filter (where resolved_at is not null) as closed,
      count(*) filter (where resolved_at <= created_at + interval '5 days') as closed_in_time,
      count(*) filter (where resolved_at is null and created_at + interval '5 days' < now()) as overdue_open,
      count(*) filter (where rating is not null and resolved_at is not null) as rated,
      count(*) filter (where rating >= 4 and resolved_at is not null) as satisfied,
      count(*) filter (where reopen_count > 0) as reopened, count(*) filter (where escalated_at is not null) as escalated,
      avg(extract(epoch from accepted_at - created_at) * 1000) as accept_ms, avg(extract(epoch from resolved_at - created_at) * 1000) as close_ms`;
  const naive = async (range: { from: string; to: string }, previous: { from: string; to: string }) => {
    const local = (day: string) => su`${day}::timestamp at time zone 'Asia/Shanghai'`;
    const communities = await su`
      select tenant_id, created_at >= ${local(range.from)} as current, ${su.unsafe(FIGURES)}
      from cases where created_at >= ${local(previous.from)} and created_at < ${local(range.to)} group by 1, 2`;
    const months = await su`
      select to_char(created_at at time zone 'Asia/Shanghai', 'YYYY-MM') as month, ${su.unsafe(FIGURES)}
      from cases where created_at >= ${local(range.from)} and created_at < ${local(range.to)} group by 1`;
    const categories = await su`
      select cat.name, ${su.unsafe(FIGURES)}
      from cases c join categories cat on cat.tenant_id = c.tenant_id and cat.id = c.category_id
      where c.created_at >= ${local(range.from)} and c.created_at < ${local(range.to)} group by 1`;
    return { communities, months, categories };
  };
  // Rollups from the raw cases, by SQL with the same definitions (wall-clock hours stand in for working time here).
  if (!reuse) {
    await time('rollups (daily, monthly, yearly)', async () => {
      await su.unsafe(`
        insert into case_rollups_daily (community_id, day, category_name, grid_id, received, accepted_in_time, closed, closed_in_time, overdue_open, due, due_closed, rated, satisfied, rateable, reopened, escalated, forwarded, auto_escalated, accept_ms_sum, accept_count, close_ms_sum, close_count, accept_hist, close_hist)
        select c.tenant_id, (c.created_at at time zone 'Asia/Shanghai')::date, cat.name, '',
          count(*), count(*) filter (where c.accepted_at <= c.created_at + interval '8 hours'), count(*) filter (where c.resolved_at is not null),
          count(*) filter (where c.resolved_at <= c.created_at + interval '5 days'),
          count(*) filter (where c.resolved_at is null and c.created_at + interval '5 days' < now()), 0, 0,
          count(*) filter (where c.rating is not null and c.resolved_at is not null), count(*) filter (where c.rating >= 4 and c.resolved_at is not null),
          count(*) filter (where c.resolved_at is not null),
          count(*) filter (where c.reopen_count > 0), count(*) filter (where c.escalated_at is not null), 0, 0,
          coalesce(sum(extract(epoch from c.accepted_at - c.created_at) * 1000)::bigint, 0), count(c.accepted_at),
          coalesce(sum(extract(epoch from c.resolved_at - c.created_at) * 1000) filter (where c.resolved_at is not null)::bigint, 0), count(c.resolved_at),
          '{}', '{}'
        from cases c join categories cat on cat.tenant_id = c.tenant_id and cat.id = c.category_id
        group by 1, 2, 3`);
      // Per month and category, plus each month's total over all categories (category '*'), as the product keeps them.
      await su.unsafe(`
        insert into case_rollups_monthly (community_id, month, category_name, received, accepted_in_time, closed, closed_in_time, overdue_open, due, due_closed, rated, satisfied, rateable, reopened, escalated, forwarded, auto_escalated, accept_ms_sum, accept_count, close_ms_sum, close_count, accept_hist, close_hist)
        select community_id, date_trunc('month', day)::date, coalesce(category_name, '*'), sum(received), sum(accepted_in_time), sum(closed), sum(closed_in_time), sum(overdue_open), 0, 0, sum(rated), sum(satisfied), sum(rateable), sum(reopened), sum(escalated), 0, 0,
          sum(accept_ms_sum), sum(accept_count), sum(close_ms_sum), sum(close_count), '{}', '{}'
        from case_rollups_daily group by grouping sets ((community_id, date_trunc('month', day), category_name), (community_id, date_trunc('month', day)))`);
      await su.unsafe(`
        insert into case_rollups_yearly (community_id, year, category_name, received, accepted_in_time, closed, closed_in_time, overdue_open, due, due_closed, rated, satisfied, rateable, reopened, escalated, forwarded, auto_escalated, accept_ms_sum, accept_count, close_ms_sum, close_count, accept_hist, close_hist)
        select community_id, date_trunc('year', month)::date, category_name, sum(received), sum(accepted_in_time), sum(closed), sum(closed_in_time), sum(overdue_open), 0, 0, sum(rated), sum(satisfied), sum(rateable), sum(reopened), sum(escalated), 0, 0,
          sum(accept_ms_sum), sum(accept_count), sum(close_ms_sum), sum(close_count), '{}', '{}'
        from case_rollups_monthly group by 1, 2, 3`);
      // Past periods' rollups are written once and then only read: autovacuum would have visited them (so index-only
      // scans need no heap fetches), as it does on a live system.
      await su`vacuum analyze case_rollups_daily`;
      await su`vacuum analyze case_rollups_monthly`;
      await su`vacuum analyze case_rollups_yearly`;
      await su`analyze`;
    });
  }

  const period = parsePeriod('year', '2025')!;
  const app = createDb(withUrlParts(admin, { ...appRole, database: dbName }), { max: 4 });
  const scope = { kind: 'district' as const, unitId: '00000000-0000-4000-8000-000000000001' };
  const loaderMs: number[] = [];
  let result: Awaited<ReturnType<typeof compareCommunities>> | undefined;
  for (let i = 0; i < ROUNDS + 3; i++) {
    const t = performance.now();
    // As the district's officer does: the transaction declares the district (decision 019), whose communities' rollups RLS admits.
    result = await withScope(app, { unitIds: [scope.unitId] }, (tx) => compareCommunities(tx, anonymousCaller(), { scope, period, sortBy: 'satisfactionRate' }));
    if (i >= 3) loaderMs.push(performance.now() - t); // the first rounds warm caches and plans
  }
  const rows = result!.rows.length;
  const received = result!.total.metrics.received;
  if (process.env.BENCH_DETAIL) {
    const { communitiesOf } = await import('../src/index.ts');
    const { comparisonTotals, summedCounters } = await import('../src/dashboards/read-rollups.ts');
    await withScope(app, { unitIds: [scope.unitId] }, async (tx) => {
      for (let i = 0; i < 3; i++) {
        let t = performance.now();
        const cs = await communitiesOf(tx, anonymousCaller(), { scope, at: new Date('2025-12-31T00:00:00Z') });
        const a = performance.now() - t;
        t = performance.now();
        await comparisonTotals(tx, cs.map((c) => c.id), period.range, period.previous);
        const b = performance.now() - t;
        t = performance.now();
        await summedCounters(tx, cs.map((c) => c.id), period.range, 'category');
        console.log(`communitiesOf ${a.toFixed(1)} ms, totals (both periods, months) ${b.toFixed(1)} ms, by category ${(performance.now() - t).toFixed(1)} ms`);
      }
    });
  }
  await app.close();
  const naiveMs: number[] = [];
  let figures: Awaited<ReturnType<typeof naive>> | undefined;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    figures = await naive(period.range, period.previous);
    naiveMs.push(performance.now() - t);
  }
  // The two must agree: every community's received, satisfaction and on-time rate for both periods, every month, every category.
  const naiveReceived = figures!.communities.filter((x) => x.current).reduce((s, x) => s + Number(x.received), 0);
  const same = (a: number | null, b: number | null) => (a === null ? b === null : b !== null && Math.abs(a - b) < 1e-9);
  const satisfaction = (x: postgres.Row) => (Number(x.rated) ? Number(x.satisfied) / Number(x.rated) : null);
  const onTime = (x: postgres.Row) => (Number(x.closed) + Number(x.overdue_open) ? Number(x.closed_in_time) / (Number(x.closed) + Number(x.overdue_open)) : null);
  const mismatches = [
    ...result!.rows.flatMap((row) =>
      (['current', 'previous'] as const).flatMap((which) => {
        const mine = which === 'current' ? row.metrics : row.previous;
        const theirs = figures!.communities.find((x) => x.tenant_id === row.community.id && x.current === (which === 'current'));
        return Number(theirs?.received ?? 0) === mine.received && same(theirs ? satisfaction(theirs) : null, mine.satisfactionRate) && same(theirs ? onTime(theirs) : null, mine.onTimeRate) ? [] : [`${row.community.name} ${which}`];
      }),
    ),
    ...result!.trend.filter((m) => Number(figures!.months.find((x) => x.month === m.month)?.received ?? 0) !== m.metrics.received).map((m) => `month ${m.month}`),
    ...result!.categories.filter((c) => Number(figures!.categories.find((x) => x.name === c.name)?.received ?? 0) !== c.metrics.received).map((c) => `category ${c.name}`),
  ];
  const p50 = pct(loaderMs, 50);
  const p95 = pct(loaderMs, 95);
  const naiveMedian = pct(naiveMs, 50);
  console.log(`district comparison for ${period.value}: ${rows} communities, ${received} cases received (naive: ${naiveReceived}); figures per community, month and category ${mismatches.length ? `DIFFER: ${mismatches.slice(0, 5).join(', ')}` : 'equal'}`);
  console.log(`loader over rollups: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (${ROUNDS} rounds); naive from raw cases: ${naiveMedian.toFixed(0)} ms (median of 3)`);
  if (mismatches.length) process.exitCode = 1;
  console.log(`bench dashboard: p95_ms=${Math.round(p95)} speedup=${Math.round(naiveMedian / p50)} communities=${COMMUNITIES} cases=${CASES}`);
} finally {
  await su.end();
  // --keep leaves the database for a closer look (its name is printed).
  if (process.argv.includes('--keep') || reuse) console.log(`kept database ${dbName}`);
  else await dropDatabase(admin, dbName).catch(() => undefined);
}
