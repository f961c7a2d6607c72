// pnpm bench intake [--seconds=10] [--clients=100] [--rate=200]
//
// Seeds a fresh database, starts the production web server, then measures resident submissions (no photos) over
// HTTP: (a) saturation with N concurrent clients, against the bare database transaction doing the same writes
// through `postgres` at the same concurrency and pool size, giving the ratio; (b) latency at a steady offered load
// (open loop: requests leave on schedule whatever the server does, and latency counts from the scheduled time).
// For the record it also runs the product's write path (submitCase) in process, without HTTP, and prints HTTP ÷
// that: what the web layer alone costs.
// "The same writes": the case (with the form's submission key), its first event, its two deadlines and its grid
// worker's notice (issue 4 added the last two to every submission).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { v7 as uuidv7 } from 'uuid';
import { createDb } from '@shequ/db';
import { createRedis } from '@shequ/jobs';
import { runMigrations } from '@shequ/db/migrate';
import { dropDatabase, ensureDatabase, ensureRoles, withUrlParts } from '@shequ/db/provision';
import { anonymousCaller, newSubmissionKey, submitCase } from '@shequ/use-cases';
import { createPersonalDataCipher } from '@shequ/use-cases/crypto';
import { localPhotoStorage } from '@shequ/use-cases/storage';
import { seedDemo, seedDemoHistory } from '@shequ/use-cases/seed';
// @ts-expect-error: plain JavaScript, shared with the open-loop generator's process
import { submitter } from './submitter.mjs';

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const SECONDS = arg('seconds', 10);
const CLIENTS = arg('clients', 100);
const RATE = arg('rate', 200);
const POOL = 10; // the web app's pool size (apps/web/app/lib/db.server.ts)

const admin = process.env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `shequ_bench_${Date.now().toString(36)}`;
const owner = { user: 'shequ_owner', password: 'shequ_owner' };
const app = { user: 'shequ_app', password: 'shequ_app' };
const ownerUrl = withUrlParts(admin, { ...owner, database: dbName });
const appUrl = withUrlParts(admin, { ...app, database: dbName });
const webDir = fileURLToPath(new URL('..', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** CPU seconds a process has used (utime + stime), from /proc; 0 where there is none. */
function processCpu(pid: number | string) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // USER_HZ
  } catch {
    return 0;
  }
}

/**
 * CPU seconds used so far by the whole machine (/proc/stat), the web server, PostgreSQL (all its processes), Redis
 * and this process (the load generator and the bare transactions' client). Linux only; zeros elsewhere.
 */
function cpuSeconds(serverPid: number | undefined) {
  const byName = (name: string) =>
    readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .filter((d) => {
        try {
          return readFileSync(`/proc/${d}/comm`, 'utf8').trim() === name;
        } catch {
          return false;
        }
      })
      .reduce((sum, d) => sum + processCpu(d), 0);
  try {
    const all = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const busy = all.reduce((a, b) => a + b, 0) - all[3]! - (all[4] ?? 0); // minus idle and iowait
    const self = process.cpuUsage();
    return { machine: busy / 100, web: serverPid ? processCpu(serverPid) : 0, postgres: byName('postgres'), redis: byName('redis-server'), bench: (self.user + self.system) / 1e6 };
  } catch {
    return { machine: 0, web: 0, postgres: 0, redis: 0, bench: 0 };
  }
}
const cpuSplit = (a: ReturnType<typeof cpuSeconds>, b: ReturnType<typeof cpuSeconds>, requests: number) => {
  const per = (k: keyof typeof a) => (((b[k] - a[k]) * 1000) / Math.max(1, requests)).toFixed(2);
  return `CPU ms per submission: machine ${per('machine')} = web ${per('web')} + PostgreSQL ${per('postgres')} + Redis ${per('redis')} + load generator ${per('bench')} + other`;
};

function pct(sorted: number[], p: number) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
}

let server: ReturnType<typeof spawn> | undefined;
// Interrupted (Ctrl-C, a timeout): stop the server too rather than leave it running.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server?.kill('SIGTERM');
    process.exit(130);
  });
}
try {
  // 1. A database of its own, seeded.
  await ensureRoles(admin, owner, app);
  await ensureDatabase(admin, dbName, owner.user);
  await runMigrations(ownerUrl, app.user);
  const seedDb = createDb(ownerUrl, { max: 2 });
  await seedDemo(seedDb);
  await seedDemoHistory(seedDb); // a few months of cases in every demo community, as `npm start` seeds them
  const sql = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  // Statistics for the freshly seeded tables, as autovacuum gathers them on a live system. On a near-empty cases
  // table every index looks as good as the primary key, and a connection that plans its foreign-key checks then
  // keeps, for its whole life, a plan that finds the case by scanning its community's cases: each submission
  // slower than the last (seen here: PostgreSQL's CPU per submission tripled in some runs).
  await sql`analyze`;
  const [community] = await sql`select id from org_units where slug = 'jinyuan'`;
  const tenantId = community!.id as string;
  const [qr, category] = await sql.begin(async (tx) => {
    await tx`select set_config('app.tenant_id', ${tenantId}, true)`;
    return [(await tx`select token from qr_codes where building_id is null and replaced_at is null`)[0]!, (await tx`select id from categories where name = '其他'`)[0]!];
  });
  await sql.end();
  await seedDb.close();

  // 2. The production server, as `npm start` runs it, built from the sources as they are (a build left over from
  // older sources would measure those); BENCH_NO_BUILD=1 skips it when the build is known to be current.
  if (!process.env.BENCH_NO_BUILD || !existsSync(`${webDir}/build/server/index.js`)) {
    console.log('building the web app…');
    await new Promise((r, j) => spawn('pnpm', ['build'], { cwd: webDir, stdio: 'inherit' }).on('exit', (c) => (c === 0 ? r(null) : j(new Error('build failed')))));
  }
  const port = await freePort();
  // BENCH_PROFILE=<dir> writes the server's CPU profile there; BENCH_NODE_ARGS adds node flags (e.g. --trace-gc).
  server = spawn('node', [...(process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []), ...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []), 'server.mjs'], {
    cwd: webDir,
    // BENCH_WEB_LOG=<file> keeps the server's log (each request's responseTime) for a closer look.
    stdio: ['ignore', process.env.BENCH_WEB_LOG ? openSync(process.env.BENCH_WEB_LOG, 'w') : 'ignore', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_APP_URL: appUrl,
      REDIS_PREFIX: `shequ-bench-${dbName}`,
      SESSION_SECRET: randomBytes(32).toString('hex'),
      PERSONAL_DATA_KEY: randomBytes(32).toString('hex'),
      PHOTO_STORAGE_DIR: `/tmp/${dbName}`,
      RESIDENT_SUBMITS_PER_IP: '100000000',
      RESIDENT_SUBMITS_PER_COMMUNITY: '100000000',
    },
  });
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) break;
    } catch {
      /* starting */
    }
    if (i > 100) throw new Error('web server did not become ready');
    await new Promise((r) => setTimeout(r, 200));
  }

  const path = `/c/jinyuan/q/${qr.token}`;
  const { submit, close: closeAgent } = submitter(port, path, category.id, '压测提交', CLIENTS);

  // Warm-up (JIT, connection pools, caches, the fresh database's first checkpoint): 3 s at moderate concurrency,
  // then a pause so the system is at rest when the measured phases start.
  const warmEnd = Date.now() + 3000;
  await Promise.all(Array.from({ length: 20 }, async () => { while (Date.now() < warmEnd) await submit(); }));
  await new Promise((r) => setTimeout(r, 1000));

  // 3. Latency at a steady offered load, measured first, on a system in its normal state, by a generator in a
  // process of its own (open-loop.mjs).
  const openLoop = await new Promise<{ latencies: number[]; late: number[]; bad: number }>((resolve, reject) => {
    const child = spawn('node', [fileURLToPath(new URL('./open-loop.mjs', import.meta.url)), String(port), path, String(RATE), String(SECONDS), category.id], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as { latencies: number[]; late: number[]; bad: number }) : reject(new Error(`open-loop generator exited with ${code}`))));
  });
  let bad = openLoop.bad;
  const latencies = openLoop.latencies.sort((a, b) => a - b);
  // 4a. Saturation over HTTP.
  async function closedLoop(op: () => Promise<unknown>) {
    let done = 0;
    const end = Date.now() + SECONDS * 1000;
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (Date.now() < end) {
          await op();
          done++;
        }
      }),
    );
    return done / SECONDS;
  }
  console.log(`saturation over HTTP, ${CLIENTS} clients for ${SECONDS} s…`);
  const cpuBeforeHttp = cpuSeconds(server.pid);
  const httpRps = await closedLoop(async () => {
    if (![302, 303].includes(await submit())) bad++;
  });

  // 4b. The same writes as a bare transaction through `postgres`, same concurrency, same pool size.
  const bare = postgres(appUrl, { max: POOL, onnotice: () => {} });
  const cpuAfterHttp = cpuSeconds(server.pid);
  console.log(`saturation with the bare transaction, ${CLIENTS} clients for ${SECONDS} s…`);
  const bareRps = await closedLoop(() =>
    bare.begin(async (tx) => {
      await tx`select set_config('app.tenant_id', ${tenantId}, true)`;
      const id = uuidv7();
      await tx`insert into cases (tenant_id, id, tracking_code, category_id, content, channel, submission_key) values (${tenantId}, ${id}, ${randomBytes(5).toString('hex').toUpperCase()}, ${category.id}, '压测提交：小区门口路灯不亮', 'qr', ${newSubmissionKey()})`;
      await tx`insert into case_events (tenant_id, id, case_id, actor_kind, type, public) values (${tenantId}, ${uuidv7()}, ${id}, 'resident', 'submitted', true)`;
      // Its two deadlines (accept, resolve) and the grid worker's notice, as the product writes them.
      for (const kind of ['accept', 'resolve']) {
        await tx`insert into deadlines (id, tenant_id, subject_type, subject_id, kind, state, started_at, allowed_ms, due_at, remind_at, wake_at)
          values (${uuidv7()}, ${tenantId}, 'case', ${id}, ${kind}, 'running', now(), 28800000, now() + interval '1 day', '[]'::jsonb, now() + interval '1 day')`;
      }
      await tx`
        with worker as (select g.grid_worker_id as user_id from cases c join grids g on g.tenant_id = c.tenant_id and g.id = c.grid_id where c.tenant_id = ${tenantId} and c.id = ${id} and g.grid_worker_id is not null),
        notified as (insert into notifications (id, user_id, kind, community_id, subject_type, subject_id, data) select ${uuidv7()}, user_id, 'case_routed', ${tenantId}, 'case', ${id}, '{}'::jsonb from worker)
        insert into outbox (id, tenant_id, channel, kind, user_id, recipient, subject, body)
        select ${uuidv7()}, ${tenantId}, 'email', 'case_routed', u.id, u.email, '新微心愿', '…' from worker w join users u on u.id = w.user_id where u.email is not null`;
    }),
  );
  const cpuAfterBare = cpuSeconds(server.pid);
  await bare.end();

  // 4c. For the record, not the ratio: the product's own write path (submitCase: one pipelined statement, with
  // the app's validation and deadline planning) called in this process, without HTTP. HTTP ÷ this is what the web
  // layer costs; the bare transaction above is what a plain transaction (a statement per table, each awaited)
  // achieves, which is what the ratio compares against.
  console.log(`saturation with submitCase in process (no HTTP), ${CLIENTS} clients for ${SECONDS} s…`);
  const inProcessDb = createDb(appUrl, { max: POOL });
  const deps = { cipher: createPersonalDataCipher(randomBytes(32).toString('hex')), storage: localPhotoStorage(`/tmp/${dbName}`) };
  let n = 0;
  const inProcessRps = await closedLoop(() =>
    submitCase(inProcessDb, anonymousCaller(), { tenantId, qrToken: qr.token as string, categoryId: category.id as string, content: `压测提交（进程内）${n++}：小区门口路灯不亮`, consent: false, photos: [], channel: 'qr', submissionKey: newSubmissionKey(), deps }),
  );
  await inProcessDb.close();

  closeAgent();

  const ratio = httpRps / bareRps;
  console.log(`saturation (${CLIENTS} clients, ${SECONDS}s): HTTP ${httpRps.toFixed(0)}/s, bare transaction ${bareRps.toFixed(0)}/s, ratio ${ratio.toFixed(2)}`);
  console.log(`  for the record: submitCase in process ${inProcessRps.toFixed(0)}/s; HTTP ÷ in process ${(httpRps / inProcessRps).toFixed(2)} (what the web layer costs)`);
  console.log(`  HTTP: ${cpuSplit(cpuBeforeHttp, cpuAfterHttp, httpRps * SECONDS)}`);
  console.log(`  bare: ${cpuSplit(cpuAfterHttp, cpuAfterBare, bareRps * SECONDS)}`);
  console.log(`open loop at ${RATE}/s for ${SECONDS}s: p50 ${pct(latencies, 50).toFixed(1)} ms, p99 ${pct(latencies, 99).toFixed(1)} ms, max ${latencies.at(-1)?.toFixed(1)} ms`);
  const late = openLoop.late.sort((a, b) => a - b);
  console.log(`  of which the generator's own delay in sending: p50 ${pct(late, 50).toFixed(1)} ms, p99 ${pct(late, 99).toFixed(1)} ms`);
  if (bad) console.log(`non-redirect responses: ${bad}`);
  console.log(`bench intake: ratio=${ratio.toFixed(2)} rps=${httpRps.toFixed(0)} p99_ms_at_${RATE}=${pct(latencies, 99).toFixed(0)}`);
} finally {
  server?.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  if (process.env.BENCH_KEEP) console.log(`kept database ${dbName}`);
  else await dropDatabase(admin, dbName).catch(() => undefined);
  // The limiter keys this run left in Redis.
  const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'producer', { lazyConnect: true });
  await redis
    .connect()
    .then(async () => {
      const keys = await redis.keys(`*shequ-bench-${dbName}*`);
      if (keys.length) await redis.del(...keys);
    })
    .catch(() => undefined);
  redis.disconnect();
}
