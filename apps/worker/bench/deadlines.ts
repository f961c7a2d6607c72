// pnpm bench deadlines [--cases=3000] [--lead=25]
//
// The burst after a holiday: thousands of deadlines fall due at the same instant (09:00 on the first working day).
// Seeds a fresh database with that many open cases whose accept deadline is due `lead` seconds from now, starts the
// real worker (its normal settings), and measures how late each breach took effect (escalation event time minus
// due time) and how long the whole burst took to drain. Ends with one line:
// `bench deadlines: cases=3000 drain_s=4.2 p50_late_ms=800 p95_late_ms=3900 max_late_ms=4200`.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import postgres from 'postgres';
import { runMigrations } from '@shequ/db/migrate';
import { dropDatabase, ensureDatabase, ensureRoles, withUrlParts } from '@shequ/db/provision';
import { createDb } from '@shequ/db';
import { seedDemo } from '@shequ/use-cases/seed';

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const CASES = arg('cases', 3000);
const LEAD_S = arg('lead', 25);

const admin = process.env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `shequ_bench_dl_${Date.now().toString(36)}`;
const owner = { user: 'shequ_owner', password: 'shequ_owner' };
const appRole = { user: 'shequ_app', password: 'shequ_app' };
const ownerUrl = withUrlParts(admin, { ...owner, database: dbName });
const appUrl = withUrlParts(admin, { ...appRole, database: dbName });
const prefix = `shequ-bench-${dbName}`;
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN);

let worker: ReturnType<typeof spawn> | undefined;
const sql = postgres(ownerUrl, { max: 2, onnotice: () => {} });
try {
  await ensureRoles(admin, owner, appRole);
  await ensureDatabase(admin, dbName, owner.user);
  await runMigrations(ownerUrl, appRole.user);
  const seedDb = createDb(ownerUrl, { max: 2 });
  await seedDemo(seedDb);
  await seedDb.close();

  // N open cases in one community, each with an accept deadline due at the same instant.
  const [{ id: tenantId }] = (await sql`select id from org_units where slug = 'jinyuan'`) as unknown as [{ id: string }];
  const dueAt = new Date(Date.now() + LEAD_S * 1000);
  await sql.begin(async (tx) => {
    await tx`select set_config('app.tenant_id', ${tenantId}, true)`;
    const [{ id: categoryId }] = (await tx`select id from categories where name = '其他'`) as unknown as [{ id: string }];
    await tx`
      insert into cases (tenant_id, id, tracking_code, category_id, content, channel)
      select ${tenantId}, gen_random_uuid(), 'B' || lpad(i::text, 9, '0'), ${categoryId}, '节后到期 ' || i, 'qr'
      from generate_series(1, ${CASES}) i`;
    await tx`
      insert into deadlines (id, tenant_id, subject_type, subject_id, kind, state, started_at, allowed_ms, due_at, remind_at, wake_at)
      select gen_random_uuid(), tenant_id, 'case', id, 'accept', 'running', now(), 28800000, ${dueAt}, '[]'::jsonb, ${dueAt}
      from cases where tenant_id = ${tenantId} and tracking_code like 'B%'`;
  });
  console.log(`${CASES} cases due at ${dueAt.toISOString()} (in ${LEAD_S} s); starting the worker…`);

  worker = spawn(fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url)), ['src/main.ts'], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DATABASE_APP_URL: appUrl, REDIS_URL: redisUrl, REDIS_PREFIX: prefix, WORKER_HEALTH_PORT: String(await freePort()), LOG_LEVEL: 'warn', MAILBOX_DIR: `/tmp/${dbName}-mailbox` },
  });

  const started = Date.now();
  for (;;) {
    const [{ n }] = (await sql`select count(*)::int as n from deadlines where state = 'breached'`) as unknown as [{ n: number }];
    if (n >= CASES) break;
    if (Date.now() - started > (LEAD_S + 300) * 1000) throw new Error(`only ${n} of ${CASES} breached after ${LEAD_S + 300} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const late = (await sql`select extract(epoch from (breached_at - due_at)) * 1000 as ms from deadlines where state = 'breached' order by 1`).map((r) => Number(r.ms));
  const escalations = (await sql.begin(async (tx) => {
    await tx`select set_config('app.tenant_id', ${tenantId}, true)`;
    return tx`select count(*)::int as n, count(distinct case_id)::int as cases from case_events where type = 'escalate'`;
  })) as unknown as [{ n: number; cases: number }];
  const drain = (late.at(-1)! - late[0]!) / 1000;
  console.log(`breaches: ${late.length}; escalation events: ${escalations[0].n} on ${escalations[0].cases} cases (each exactly once: ${escalations[0].n === escalations[0].cases})`);
  console.log(`lateness (breach − due): p50 ${Math.round(pct(late, 50))} ms, p95 ${Math.round(pct(late, 95))} ms, max ${Math.round(late.at(-1)!)} ms; burst drained in ${drain.toFixed(1)} s (${Math.round(late.length / Math.max(drain, 0.001))}/s)`);
  console.log(`bench deadlines: cases=${CASES} drain_s=${drain.toFixed(1)} p50_late_ms=${Math.round(pct(late, 50))} p95_late_ms=${Math.round(pct(late, 95))} max_late_ms=${Math.round(late.at(-1)!)}`);
} finally {
  worker?.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 1500));
  await sql.end();
  await dropDatabase(admin, dbName).catch(() => undefined);
  const redis = new Redis(redisUrl);
  const keys = await redis.keys(`{${prefix}}*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
}
