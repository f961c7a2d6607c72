// pnpm bench deadlines [--steady=100000] [--burst=20000] [--communities=200] [--spread-s=900] [--lead-s=90]
//                      [--burst-after-s=60] [--tail-s=30] [--direct=<burst>]       (BENCH_KEEP=1 keeps the database)
//
// The holiday morning (issue 14, decision 031). A fresh database of its own (dropped at the end) and a Redis prefix
// of its own. Seeded with set-based SQL: `communities` communities under 10 streets of the demo district (each with
// two office staff and each street with two officers, all with email), and open cases with their accept and
// resolve limits, like intake writes them:
// - the steady stream: `steady` cases whose accept limit falls due spread evenly over `spread-s` seconds, starting
//   `lead-s` seconds after seeding (the worker boots meanwhile);
// - the burst: `burst` cases whose accept limit falls due at one instant, `burst-after-s` seconds into the stream.
// Then the real worker process is started as production starts it (its bundle, `node dist/main.js`, built first;
// its normal settings) and the
// bench watches from outside: it samples the worker's RSS (/proc/<pid>/status VmRSS of the worker's node process)
// every half second and waits until the burst has drained and `tail-s` more seconds of stream have passed; the
// worker is then stopped. Measured from the database afterwards:
// - steady lateness: breach time minus due time of the stream's deadlines due in the run, outside the burst's
//   drain (those are printed apart: they queue behind the burst);
// - burst rate: burst breaches / (the moment the bench saw nothing due by the burst instant − the burst instant);
// - missed: cases due before the worker stopped without their escalation or its messages; doubled: a case
//   escalated twice, or a notification or message repeated (same recipient, kind and case);
// - direct rate: `direct` more cases due at once, woken by the same drain the worker runs (same batch size, same
//   concurrency, same pool size) called in this process without a queue or timer; ratio = burst / direct.
// Ends with one line:
// `bench deadlines: p99_late_ms=… burst_rate=… direct_rate=… ratio=… missed=0 doubled=0 worker_rss_mb=…`.
import { spawn, spawnSync } from 'node:child_process';
import { openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import pino from 'pino';
import postgres from 'postgres';
import { runMigrations } from '@shequ/db/migrate';
import { dropDatabase, ensureDatabase, ensureRoles, withUrlParts } from '@shequ/db/provision';
import { createDb } from '@shequ/db';
import { seedDemo } from '@shequ/use-cases/seed';
import { readEnv } from '../src/env.ts';
import { drainDueDeadlines } from '../src/handlers/index.ts';
// The worker's start command (decision 040).
import { WORKER_ENTRY, WORKER_NODE_ARGS } from '../runtime.mjs';

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const STEADY = arg('steady', 100_000);
const BURST = arg('burst', 20_000);
const COMMUNITIES = arg('communities', 200);
const SPREAD_S = arg('spread-s', 900);
const LEAD_S = arg('lead-s', 90);
const BURST_AFTER_S = arg('burst-after-s', 60);
const TAIL_S = arg('tail-s', 30);
const DIRECT = arg('direct', BURST);
const STREETS = Math.min(10, COMMUNITIES);

const admin = process.env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `shequ_bench_dl_${Date.now().toString(36)}_${process.pid}`;
const owner = { user: 'shequ_owner', password: 'shequ_owner' };
const appRole = { user: 'shequ_app', password: 'shequ_app' };
const ownerUrl = withUrlParts(admin, { ...owner, database: dbName });
const appUrl = withUrlParts(admin, { ...appRole, database: dbName });
// The bench reads and seeds across communities as the administrator (a superuser is not bound by row-level security).
const superUrl = withUrlParts(admin, { database: dbName });
const prefix = `shequ-bench-${dbName}`;
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const mailbox = `/tmp/${dbName}-mailbox`;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const say = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

function rssMb(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** CPU time (user + system, ms) a process has used so far: /proc/<pid>/stat fields 14 and 15, in clock ticks (100/s). */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

let worker: ReturnType<typeof spawn> | undefined;
const sql = postgres(superUrl, { max: 4, onnotice: () => {} });
let exitCode = 0;
try {
  say(`load average ${loadavg()}; database ${dbName}`);
  await ensureRoles(admin, owner, appRole);
  await ensureDatabase(admin, dbName, owner.user);
  await runMigrations(ownerUrl, appRole.user);
  const seedDb = createDb(ownerUrl, { max: 2 });
  await seedDemo(seedDb);
  await seedDb.close();

  // ---- Seeding, set-based. --------------------------------------------------------------------------------------
  const seedStarted = Date.now();
  // (org units, people and categories first; the cases once the worker runs)
  const [{ district, template }] = (await sql`
    select (select id from org_units where admin_code = '520115000000') as district,
           (select id from org_units where slug = 'jinyuan') as template`) as unknown as [{ district: string; template: string }];
  await sql.begin(async (tx) => {
    await tx`
      insert into org_units (id, kind, parent_id, district_id, name, admin_code)
      select gen_random_uuid(), 'street', ${district}, ${district}, '压测街道' || k, '520115' || (100 + k) || '000'
      from generate_series(1, ${STREETS}) k`;
    await tx`
      insert into org_units (id, kind, parent_id, district_id, street_id, name, admin_code, slug)
      select gen_random_uuid(), 'community', s.id, ${district}, s.id, '压测社区' || g.n, '520115' || (100 + g.k) || lpad(((g.n - 1) / ${STREETS} + 1)::text, 3, '0'), 'bench-' || g.n
      from (select n, ((n - 1) % ${STREETS}) + 1 as k from generate_series(1, ${COMMUNITIES}) n) g
      join org_units s on s.admin_code = '520115' || (100 + g.k) || '000'`;
    // Two office staff per community, two officers per street; email is everyone's default channel.
    await tx`
      insert into users (id, display_name, email)
      select gen_random_uuid(), u.name || r.role, lower(u.slug || '-' || r.role || '@bench.shequ.cn')
      from (select name, kind, coalesce(slug, 'street-' || admin_code) as slug from org_units where name like '压测%') u
      cross join (values ('admin'), ('staff'), ('officer')) r(role)
      where (u.kind = 'community' and r.role <> 'officer') or (u.kind = 'street' and r.role = 'officer')`;
    await tx`
      insert into memberships (id, user_id, role, org_unit_id)
      select gen_random_uuid(), us.id, (case when o.kind = 'street' then 'street_officer' when r.role = 'admin' then 'community_admin' else 'community_staff' end)::role, o.id
      from org_units o
      cross join (values ('admin'), ('staff'), ('officer')) r(role)
      join users us on us.email = lower(coalesce(o.slug, 'street-' || o.admin_code) || '-' || r.role || '@bench.shequ.cn')
      where o.name like '压测%'`;
    await tx`
      insert into categories (tenant_id, id, name, sort_order)
      select o.id, gen_random_uuid(), c.name, c.sort_order
      from org_units o cross join categories c
      where o.kind = 'community' and o.name like '压测社区%' and c.tenant_id = ${template}`;
  });
  const communities = (await sql`select id from org_units where kind = 'community' and name like '压测社区%' order by admin_code`).map((r) => r.id as string);

  const CONTENTS = ['小区东门路灯坏了三天，晚上出行不便', '3栋楼道堆放杂物，存在消防隐患', '单元门禁坏了，外来人员随意进出', '楼下垃圾桶满了没人清理，气味很大', '小区健身器材损坏，老人锻炼不安全', '雨水井堵塞，下雨后小区积水', '邻居装修噪音影响休息，希望协调', '电梯异响，担心安全问题'];
  /** Open cases (as intake writes them: a submit event, accept and resolve limits) whose accept limit is due per `due`. */
  async function seedCases(tag: string, count: number, due: postgres.Fragment | null) {
    if (!count) return;
    await sql.begin(async (tx) => {
      await tx`
        create temporary table bench_new on commit drop as
        select gen_random_uuid() as id, i,
               (${communities}::uuid[])[1 + (i % ${communities.length})] as tenant_id,
               ${tag} || lpad(i::text, 9, '0') as tracking_code,
               (${CONTENTS}::text[])[1 + (i % ${CONTENTS.length})] as content,
               now() - (i % 72) * interval '1 hour' as created_at
        from generate_series(1, ${count}) i`;
      await tx`
        insert into cases (tenant_id, id, tracking_code, category_id, content, channel, created_at, updated_at)
        select n.tenant_id, n.id, n.tracking_code, c.id, n.content, 'qr', n.created_at, n.created_at
        from bench_new n
        cross join lateral (select id from categories where tenant_id = n.tenant_id order by sort_order, id offset (n.i % 3) limit 1) c`;
      await tx`
        insert into case_events (tenant_id, id, case_id, at, actor_kind, type, public, data)
        select tenant_id, gen_random_uuid(), id, created_at, 'resident', 'submit', true, jsonb_build_object('to', 'submitted')
        from bench_new`;
      if (due)
        await tx`
          insert into deadlines (id, tenant_id, subject_type, subject_id, kind, state, started_at, allowed_ms, due_at, remind_at, wake_at)
          select gen_random_uuid(), tenant_id, 'case', id, 'accept', 'running', created_at, 28800000, ${due}, '[]'::jsonb, ${due}
          from bench_new`;
      await tx`
        insert into deadlines (id, tenant_id, subject_type, subject_id, kind, state, started_at, allowed_ms, due_at, remind_at, wake_at)
        select gen_random_uuid(), tenant_id, 'case', id, 'resolve', 'running', created_at, 432000000, created_at + interval '9 days', '[]'::jsonb, created_at + interval '9 days'
        from bench_new`;
    });
    say(`seeded ${count} cases '${tag}…'`);
  }
  // ---- The real worker, as production starts it (the image's command: node dist/main.js, decision 040). ---------
  const healthPort = await freePort();
  const built = spawnSync(process.execPath, ['build.mjs'], { cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: 'inherit' });
  if (built.status !== 0) throw new Error('the worker build failed');
  worker = spawn(process.execPath, [...WORKER_NODE_ARGS, WORKER_ENTRY], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    // BENCH_WORKER_LOG=<file>: the worker's log at info level (every timer's drain with its time and count) for
    // finding where lateness comes from; by default only warnings reach stderr.
    stdio: ['ignore', process.env.BENCH_WORKER_LOG ? openSync(process.env.BENCH_WORKER_LOG, 'w') : 'ignore', 'inherit'],
    env: { ...process.env, DATABASE_APP_URL: appUrl, REDIS_URL: redisUrl, REDIS_PREFIX: prefix, WORKER_HEALTH_PORT: String(healthPort), LOG_LEVEL: process.env.BENCH_WORKER_LOG ? (process.env.BENCH_WORKER_LOG_LEVEL ?? 'info') : 'warn', MAILBOX_DIR: mailbox },
  });
  const rss: { at: number; mb: number }[] = [];
  let rssAtPending = 0;
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${healthPort}/readyz`).then((r) => r.ok).catch(() => false);
    if (ok) break;
    if (worker.exitCode !== null) throw new Error(`the worker exited (${worker.exitCode}) before it was ready`);
    await sleep(250);
  }
  const pid = worker.pid!;
  say(`worker ready (pid ${pid}); RSS ${rssMb(pid).toFixed(0)} MB; load average ${loadavg()}`);

  // The cases while the worker idles, then their accept limits in one statement: the stream starts LEAD_S after it
  // (the worker's next reconcile, within 15 s, sets the timers).
  await seedCases('S', STEADY, null);
  await seedCases('B', BURST, null);
  await sql`analyze`;
  const step = (SPREAD_S * 1000) / Math.max(1, STEADY);
  const [{ baseMs, added }] = (await sql`
    -- Whole milliseconds: the bench compares times it holds as JavaScript dates (ms) with the rows' due times; with
    -- PostgreSQL's microseconds the burst, due at .664915, was never "<= .664" and counted as drained at once.
    with t as (select date_trunc('milliseconds', now()) + ${LEAD_S} * interval '1 second' as base),
    c as (
      select tenant_id, id, created_at,
        case when tracking_code like 'S%' then t.base + (substr(tracking_code, 2)::int - 1) * (${step}::float8 * interval '1 millisecond')
             else t.base + ${BURST_AFTER_S} * interval '1 second' end as due
      from cases, t where tracking_code like 'S%' or tracking_code like 'B%'),
    added as (
      insert into deadlines (id, tenant_id, subject_type, subject_id, kind, state, started_at, allowed_ms, due_at, remind_at, wake_at)
      select gen_random_uuid(), tenant_id, 'case', id, 'accept', 'running', created_at, 28800000, due, '[]'::jsonb, due from c
      returning 1)
    select extract(epoch from base) * 1000 as "baseMs", (select count(*)::int from added) as added from t`) as unknown as [{ baseMs: string; added: number }];
  if (added !== STEADY + BURST) throw new Error(`added ${added} accept limits, expected ${STEADY + BURST}`);
  const base = new Date(Number(baseMs));
  const burstAt = new Date(base.getTime() + BURST_AFTER_S * 1000);
  await sql`analyze`;
  const [{ pending }] = (await sql`select count(*)::int as pending from deadlines where state = 'running' and wake_at > now()`) as unknown as [{ pending: number }];
  say(`seeded ${COMMUNITIES} communities, ${STEADY} + ${BURST} cases in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s; ${pending} pending deadlines; stream from ${base.toISOString()}, burst at ${burstAt.toISOString()}`);
  if (Date.now() > base.getTime() - 16_000) say(`warning: less than one reconcile interval before the stream starts (--lead-s=${LEAD_S})`);

  // Watch: RSS every half second; the burst has drained when nothing due by its instant is still running.
  // CPU time of the worker and of this database's PostgreSQL backends from the stream's start to the worker's stop:
  // per breach, a figure that the machine's other load does not change much (unlike the rates).
  const postgresCpuMs = async () => {
    const pids = (await sql`select pid from pg_stat_activity where datname = ${dbName} and application_name = 'shequ-worker'`).map((r) => Number(r.pid));
    return pids.reduce((sum, p) => sum + cpuMs(p), 0);
  };
  let cpuAtStart: { at: number; worker: number; postgres: number } | null = null;
  let burstDoneAt = 0;
  const hardStop = burstAt.getTime() + 600_000;
  for (;;) {
    const now = Date.now();
    const mb = rssMb(pid);
    rss.push({ at: now, mb });
    if (now < base.getTime()) rssAtPending = Math.max(rssAtPending, mb);
    else if (!cpuAtStart) cpuAtStart = { at: now, worker: cpuMs(pid), postgres: await postgresCpuMs() };
    if (!burstDoneAt && now > burstAt.getTime()) {
      const [{ left }] = (await sql`select count(*)::int as left from deadlines where state = 'running' and wake_at <= ${burstAt.toISOString()}::timestamptz`) as unknown as [{ left: number }];
      if (left === 0) {
        burstDoneAt = Date.now();
        say(`burst drained ${((burstDoneAt - burstAt.getTime()) / 1000).toFixed(1)} s after its instant; load average ${loadavg()}`);
      }
    }
    if (burstDoneAt && now > Math.max(burstDoneAt, burstAt.getTime()) + TAIL_S * 1000) break;
    if (now > hardStop) {
      say('the burst did not drain within 10 minutes; stopping');
      break;
    }
    if (worker.exitCode !== null) throw new Error(`the worker exited (${worker.exitCode}) during the run`);
    await sleep(500);
  }
  // What fell due up to 5 s before the window ended must take effect before the worker is stopped (it gets three
  // minutes more; late effects count in the lateness); a deadline still running then is missed.
  const cutoff = new Date(Date.now() - 5_000);
  for (const until = Date.now() + 180_000; Date.now() < until; ) {
    const [{ left }] = (await sql`select count(*)::int as left from deadlines where state = 'running' and wake_at <= ${cutoff.toISOString()}::timestamptz`) as unknown as [{ left: number }];
    if (!left) break;
    rss.push({ at: Date.now(), mb: rssMb(pid) });
    await sleep(500);
  }
  const cpuAtEnd = { at: Date.now(), worker: cpuMs(pid), postgres: await postgresCpuMs() };
  worker.kill('SIGTERM');
  await new Promise((r) => (worker!.exitCode !== null ? r(null) : worker!.once('exit', r)));
  worker = undefined;

  // ---- What happened, from the database. -----------------------------------------------------------------------
  const steadyRows = (await sql`
    select extract(epoch from (d.due_at)) * 1000 as due, extract(epoch from (d.breached_at - d.due_at)) * 1000 as late
    from deadlines d join cases c on c.tenant_id = d.tenant_id and c.id = d.case_id
    where d.kind = 'accept' and d.state = 'breached' and c.tracking_code like 'S%' and d.due_at <= ${cutoff.toISOString()}::timestamptz`) as unknown as { due: string; late: string }[];
  const inBurst = (due: number) => due >= burstAt.getTime() && due <= (burstDoneAt || hardStop);
  const steadyLate = steadyRows.filter((r) => !inBurst(Number(r.due))).map((r) => Number(r.late)).sort((a, b) => a - b);
  const duringBurst = steadyRows.filter((r) => inBurst(Number(r.due))).map((r) => Number(r.late)).sort((a, b) => a - b);
  const burstRate = burstDoneAt ? BURST / ((burstDoneAt - burstAt.getTime()) / 1000) : 0;
  const [burstSpan] = (await sql`
    select count(*)::int as n, extract(epoch from (max(d.breached_at) - min(d.breached_at))) as span
    from deadlines d join cases c on c.tenant_id = d.tenant_id and c.id = d.case_id
    where c.tracking_code like 'B%' and d.kind = 'accept' and d.state = 'breached'`) as unknown as [{ n: number; span: string }];
  say(`stream: ${steadyLate.length} breaches outside the burst, lateness p50 ${Math.round(pct(steadyLate, 50))} ms, p99 ${Math.round(pct(steadyLate, 99))} ms, max ${Math.round(steadyLate.at(-1) ?? NaN)} ms`);
  // The stream outside the drain, apart: before the burst's instant (the steady state) and after the drain (the
  // catch-up behind what fell due during it), so a slow steady state is not mistaken for a slow catch-up.
  const phase = (f: (due: number) => boolean) => steadyRows.filter((r) => f(Number(r.due))).map((r) => Number(r.late)).sort((a, b) => a - b);
  const before = phase((due) => due < burstAt.getTime());
  const after = phase((due) => due > (burstDoneAt || hardStop));
  say(`stream before the burst: ${before.length} breaches, p50 ${Math.round(pct(before, 50))} ms, p99 ${Math.round(pct(before, 99))} ms; after its drain: ${after.length}, p50 ${Math.round(pct(after, 50))} ms, p99 ${Math.round(pct(after, 99))} ms`);
  // Where the late ones fell: 5-second windows of the stream (by due time, from the stream's start) whose latest
  // breach was more than a second late, so a spike can be matched with what the worker did then (BENCH_WORKER_LOG).
  const windows = new Map<number, number[]>();
  for (const r of steadyRows) {
    const w = Math.floor((Number(r.due) - base.getTime()) / 5000);
    if (!windows.has(w)) windows.set(w, []);
    windows.get(w)!.push(Number(r.late));
  }
  const lateWindows = [...windows.entries()].filter(([, l]) => Math.max(...l) > 1000).sort(([a], [b]) => a - b);
  for (const [w, l] of lateWindows.slice(0, 40)) {
    l.sort((a, b) => a - b);
    say(`  late window t+${w * 5}–${w * 5 + 5} s (burst at t+${BURST_AFTER_S} s): ${l.length} breaches, p50 ${Math.round(pct(l, 50))} ms, max ${Math.round(l.at(-1)!)} ms, ${l.filter((x) => x > 2000).length} over 2 s`);
  }
  say(`stream during the burst's drain: ${duringBurst.length} breaches, lateness p50 ${Math.round(pct(duringBurst, 50))} ms, p99 ${Math.round(pct(duringBurst, 99))} ms, max ${Math.round(duringBurst.at(-1) ?? NaN)} ms (queued behind the burst)`);
  say(`burst: ${BURST} due at once, ${burstDoneAt ? `drained in ${((burstDoneAt - burstAt.getTime()) / 1000).toFixed(1)} s` : 'not drained'} as seen from outside (${Math.round(burstRate)}/s); first to last breach ${Number(burstSpan.span).toFixed(1)} s`);
  if (cpuAtStart) {
    const [{ breaches, sent }] = (await sql`
      select (select count(*)::int from deadlines where state = 'breached' and breached_at >= ${new Date(cpuAtStart.at).toISOString()}::timestamptz) as breaches,
             (select count(*)::int from outbox where state = 'sent' and sent_at >= ${new Date(cpuAtStart.at).toISOString()}::timestamptz) as sent`) as unknown as [{ breaches: number; sent: number }];
    const workerMs = cpuAtEnd.worker - cpuAtStart.worker;
    const postgresMs = cpuAtEnd.postgres - cpuAtStart.postgres;
    const wallS = (cpuAtEnd.at - cpuAtStart.at) / 1000;
    say(`cpu over ${wallS.toFixed(0)} s of stream and burst: worker ${(workerMs / 1000).toFixed(1)} s, PostgreSQL ${(postgresMs / 1000).toFixed(1)} s (${((workerMs + postgresMs) / 10 / wallS).toFixed(0)}% of one core) for ${breaches} breaches and ${sent} messages sent; ${((workerMs + postgresMs) / Math.max(1, breaches)).toFixed(2)} ms per breach, messages included`);
  }
  const maxRss = Math.max(...rss.map((r) => r.mb));
  const peakAt = rss.find((r) => r.mb === maxRss)!.at;
  say(`worker RSS: ${rssAtPending.toFixed(0)} MB with ${pending} pending before the stream, max ${maxRss.toFixed(0)} MB during the run (${((peakAt - burstAt.getTime()) / 1000).toFixed(1)} s after the burst's instant)`);

  // ---- Direct: the same drain, no queue. ------------------------------------------------------------------------
  // What the stopped worker left running is set aside (cancelled), so the drain below wakes only the direct set.
  await sql`update deadlines set state = 'cancelled' where state = 'running' and kind = 'accept' and case_id in (select id from cases where tracking_code like 'S%' or tracking_code like 'B%')`;
  const directAt = new Date(Date.now() - 1000);
  await seedCases('D', DIRECT, sql`${directAt.toISOString()}::timestamptz`);
  await sql`analyze deadlines`;
  const env = readEnv({ ...process.env, DATABASE_APP_URL: appUrl, REDIS_PREFIX: prefix, MAILBOX_DIR: mailbox });
  const db = createDb(appUrl, { max: env.WORKER_CONCURRENCY + env.DEADLINE_CONCURRENCY + 2, applicationName: 'shequ-bench-direct' });
  const log = pino({ level: 'warn' });
  say(`direct: ${DIRECT} due at once, batch ${env.DEADLINE_BATCH}, ${env.DEADLINE_CONCURRENCY} at once; load average ${loadavg()}`);
  const directStarted = performance.now();
  let woken = 0;
  for (let round = 0; round < 20 && woken < DIRECT; round++) woken += (await drainDueDeadlines({ db, log }, { batch: env.DEADLINE_BATCH, parallel: env.DEADLINE_CONCURRENCY })).woken;
  const directS = (performance.now() - directStarted) / 1000;
  await db.close();
  const directRate = woken / directS;
  say(`direct: ${woken} breaches in ${directS.toFixed(1)} s (${Math.round(directRate)}/s); load average ${loadavg()}`);

  // ---- Missed and doubled, case by case, over both runs. -------------------------------------------------------
  const [counts] = (await sql`
    with due as (
      select c.tenant_id, c.id, c.tracking_code, o.street_id
      from cases c join org_units o on o.id = c.tenant_id
      join deadlines d on d.tenant_id = c.tenant_id and d.case_id = c.id and d.kind = 'accept'
      where (c.tracking_code like 'B%' or c.tracking_code like 'D%' or (c.tracking_code like 'S%' and d.due_at <= ${cutoff.toISOString()}::timestamptz))
    ),
    esc as (select case_id, count(*) as n from case_events where type = 'escalate' group by case_id),
    notices as (
      select subject_id, count(*) filter (where kind = 'breach') as breach, count(*) filter (where kind = 'case_escalated') as escalated
      from notifications where kind in ('breach', 'case_escalated') group by subject_id),
    office as (select org_unit_id, count(*) as n from memberships where role in ('community_admin', 'community_staff') group by org_unit_id),
    officers as (select org_unit_id, count(*) as n from memberships where role = 'street_officer' group by org_unit_id),
    per_case as (
      select coalesce(esc.n, 0) as escalations, coalesce(notices.breach, 0) as breach_notices, coalesce(notices.escalated, 0) as escalated_notices,
             coalesce(office.n, 0) as office, coalesce(officers.n, 0) as officers
      from due
      left join esc on esc.case_id = due.id
      left join notices on notices.subject_id = due.id
      left join office on office.org_unit_id = due.tenant_id
      left join officers on officers.org_unit_id = due.street_id
    )
    select count(*)::int as cases,
      count(*) filter (where escalations = 0 or breach_notices < office or escalated_notices < officers)::int as missed,
      count(*) filter (where escalations > 1 or breach_notices > office or escalated_notices > officers)::int as doubled
    from per_case`) as unknown as [{ cases: number; missed: number; doubled: number }];
  // Messages expected: one email per recipient of each notice, for every bench case escalated (also those breached
  // after the cutoff, while the worker finished what was due).
  const [{ expected }] = (await sql`
    select coalesce(sum(o.n + s.n), 0)::int as expected
    from (select tenant_id, case_id from case_events where type = 'escalate' group by tenant_id, case_id) e
    join cases c on c.tenant_id = e.tenant_id and c.id = e.case_id and (c.tracking_code like 'S%' or c.tracking_code like 'B%' or c.tracking_code like 'D%')
    join org_units u on u.id = c.tenant_id and u.name like '压测社区%'
    join (select org_unit_id, count(*) as n from memberships where role in ('community_admin', 'community_staff') group by org_unit_id) o on o.org_unit_id = c.tenant_id
    join (select org_unit_id, count(*) as n from memberships where role = 'street_officer' group by org_unit_id) s on s.org_unit_id = u.street_id`) as unknown as [{ expected: number }];
  // Messages (email, one per recipient, notice and case): none missing, none repeated.
  const [mail] = (await sql`
    select count(*)::int as messages, count(*) filter (where n > 1)::int as repeated
    from (select count(*) as n from outbox
          where kind in ('breach', 'case_escalated') and tenant_id in (select id from org_units where kind = 'community' and name like '压测社区%')
          group by tenant_id, kind, recipient, body) g`) as unknown as [{ messages: number; repeated: number }];
  const missed = counts.missed + Math.max(0, expected - mail.messages);
  const doubled = counts.doubled + mail.repeated + Math.max(0, mail.messages - expected);
  say(`effects: ${counts.cases} cases due; missed ${counts.missed} (escalation or notices), doubled ${counts.doubled}; messages ${mail.messages} of ${expected} expected, ${mail.repeated} repeated`);

  const ratio = directRate ? burstRate / directRate : 0;
  console.log(
    `bench deadlines: p99_late_ms=${Math.round(pct(steadyLate, 99))} burst_rate=${Math.round(burstRate)} direct_rate=${Math.round(directRate)} ratio=${ratio.toFixed(2)} missed=${missed} doubled=${doubled} worker_rss_mb=${Math.round(maxRss)}`,
  );
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  if (worker && worker.exitCode === null) {
    worker.kill('SIGTERM');
    await Promise.race([new Promise((r) => worker!.once('exit', r)), sleep(10_000)]);
  }
  await sql.end();
  if (process.env.BENCH_KEEP === '1') say(`kept database ${dbName} (BENCH_KEEP=1)`);
  else await dropDatabase(admin, dbName).catch((e) => console.error('could not drop', dbName, e));
  const redis = new Redis(redisUrl);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `*${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
  await redis.quit();
  rmSync(mailbox, { recursive: true, force: true });
}
process.exit(exitCode);
