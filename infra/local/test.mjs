// `npm test`: every check there is: typecheck, lint, unit, integration (real PostgreSQL + Redis) and browser
// e2e (real Chromium against a real web + worker). Each run uses its own databases and Redis prefix and
// removes them afterwards. Ends with one line: `N passed, N failed`.
// E2E_FILTER=<file pattern>[,<pattern>…] narrows the browser tests while working on some (e.g. E2E_FILTER=onboarding npm test -- --only=e2e).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { WORKER_ENTRY, WORKER_NODE_ARGS } from '../../apps/worker/runtime.mjs';
import {
  cleanup,
  ensureChromium,
  ensurePnpm,
  ensurePostgres,
  ensureRedis,
  fail,
  freePort,
  installDependencies,
  LOCAL,
  onExit,
  ROOT,
  run,
  say,
  withDatabase,
} from './lib.mjs';

const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
const want = (stage) => !only || only.split(',').includes(stage);
const started = Date.now();
const totals = { passed: 0, failed: 0 };
const failures = [];
const results = path.join(LOCAL, 'test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

function check(name, ok) {
  if (interrupted) return; // a run cut short reports nothing more
  if (ok) totals.passed++;
  else {
    totals.failed++;
    failures.push(name);
  }
  say(`${ok ? '✓' : '✗'} ${name}`);
}

function vitestCounts(file, label) {
  if (interrupted) return;
  if (!existsSync(file)) {
    check(`${label}: vitest produced no report`, false);
    return;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  if (report.numFailedTests > 0 || report.numFailedTestSuites > 0) failures.push(label);
  if (report.numFailedTestSuites > 0 && report.numFailedTests === 0) check(`${label}: a test file failed to load`, false);
  say(`${label}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
}

// Interrupted (Ctrl-C, a CI timeout, a closed terminal, or a closed pipe such as `npm test | head`): stop the
// servers this run started and drop its databases and Redis keys, as a finished run does. Without this, a run cut
// short left its web and worker running.
let interrupted = false;
const interrupt = (code) => {
  if (interrupted) return;
  interrupted = true;
  say('interrupted: stopping what this run started and removing its databases and Redis keys');
  void cleanup().finally(() => process.exit(code));
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => interrupt(130));
process.stdout.on('error', (error) => error.code === 'EPIPE' && interrupt(141));

const pnpm = ensurePnpm();
installDependencies(pnpm);
const pg = await ensurePostgres();
if (!pg.adminUrl) fail('tests create their own databases: set DATABASE_ADMIN_URL to a role that may create roles and databases');
const redisUrl = await ensureRedis();
const run_id = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
const redisPrefix = `shequ-test-${run_id}`;
const baseEnv = { DATABASE_ADMIN_URL: pg.adminUrl, REDIS_URL: redisUrl, REDIS_PREFIX: redisPrefix, TURBO_TELEMETRY_DISABLED: '1', FORCE_COLOR: '1' };

// Every key this run wrote to Redis goes at the end, whatever happened.
onExit(async () => {
  const require = createRequire(path.join(ROOT, 'apps/worker/package.json'));
  const { Redis } = require('ioredis');
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  let cursor = '0';
  let removed = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `*${redisPrefix}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length) removed += await redis.del(...keys);
  } while (cursor !== '0');
  await redis.quit();
  say(`removed ${removed} Redis keys of this run`);
});

if (want('static')) {
  say('typecheck');
  check('typecheck', run(pnpm, ['--silent', 'typecheck'], { env: baseEnv }) === 0);
  say('lint');
  check('lint', run(pnpm, ['--silent', 'lint'], { env: baseEnv }) === 0);
}

if (want('vitest')) {
  say('unit and integration tests (vitest)');
  const report = path.join(results, 'vitest.json');
  run(pnpm, ['exec', 'vitest', 'run', '--config', 'packages/config/vitest.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], {
    env: baseEnv,
  });
  vitestCounts(report, 'unit + integration');
}

if (want('e2e')) {
  const chromiumPath = ensureChromium();
  say('building the worker for e2e (the bundle production runs)');
  check('worker build', run(pnpm, ['--silent', '--filter', '@shequ/worker', 'build'], { env: baseEnv }) === 0);
  say('building the web app for e2e');
  const built = run(pnpm, ['--silent', '--filter', '@shequ/web', 'build'], { env: { ...baseEnv, NODE_ENV: 'production' } }) === 0;
  check('web build', built);
  if (built) await e2e(chromiumPath);
}

async function e2e(chromiumPath) {
  const dbName = `shequ_e2e_${run_id}`;
  const env = {
    ...baseEnv,
    DATABASE_URL: withDatabase(pg.adminUrl, dbName, 'shequ_owner', 'shequ_owner'),
    DATABASE_APP_URL: withDatabase(pg.adminUrl, dbName, 'shequ_app', 'shequ_app'),
  };
  await purgeStaleDatabases();
  onExit(async () => {
    run(pnpm, ['--silent', '--filter', '@shequ/db', 'exec', 'tsx', '-e', `import('./src/provision.ts').then(m => m.dropDatabase(${JSON.stringify(pg.adminUrl)}, ${JSON.stringify(dbName)}))`], { env });
    say(`dropped database ${dbName}`);
  });
  const prepared =
    run(pnpm, ['--silent', '--filter', '@shequ/db', 'provision'], { env }) === 0 &&
    run(pnpm, ['--silent', 'db:migrate'], { env }) === 0 &&
    run(pnpm, ['--silent', 'db:seed'], { env }) === 0;
  check('e2e database migrated and seeded', prepared);
  if (!prepared) return;

  const webPort = await freePort();
  const workerPort = await freePort();
  const logs = path.join(results, 'e2e');
  mkdirSync(logs, { recursive: true });
  const { openSync } = await import('node:fs');
  // Web and worker share one personal-data key: the worker seals invitation links that the web later opens.
  const personalDataKey = randomBytes(32).toString('hex');
  const mailboxDir = path.join(results, 'mailbox');
  const processes = {
    web: spawn('node', ['server.mjs'], {
      cwd: path.join(ROOT, 'apps/web'),
      env: {
        ...process.env,
        ...env,
        NODE_ENV: 'production',
        PORT: String(webPort),
        SESSION_SECRET: randomBytes(32).toString('hex'),
        PERSONAL_DATA_KEY: personalDataKey,
        MAILBOX_DIR: mailboxDir,
        PHOTO_STORAGE_DIR: path.join(results, 'photos'),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', openSync(path.join(logs, 'web.log'), 'w'), openSync(path.join(logs, 'web.log'), 'a')],
    }),
    worker: spawn('node', [...WORKER_NODE_ARGS, WORKER_ENTRY], {
      cwd: path.join(ROOT, 'apps/worker'),
      env: { ...process.env, ...env, PERSONAL_DATA_KEY: personalDataKey, MAILBOX_DIR: mailboxDir, WORKER_HEALTH_PORT: String(workerPort), LOG_LEVEL: 'info' },
      stdio: ['ignore', openSync(path.join(logs, 'worker.log'), 'w'), openSync(path.join(logs, 'worker.log'), 'a')],
    }),
  };
  // A second web copy whose Redis is unreachable: the resilience tests check it still takes wishes and sign-ins.
  const noRedisPort = await freePort();
  const webWithoutRedis = spawn('node', ['server.mjs'], {
    cwd: path.join(ROOT, 'apps/web'),
    env: { ...process.env, ...env, NODE_ENV: 'production', PORT: String(noRedisPort), REDIS_URL: 'redis://127.0.0.1:1', REDIS_CLUSTER_NODES: '', SESSION_SECRET: randomBytes(32).toString('hex'), PERSONAL_DATA_KEY: randomBytes(32).toString('hex'), PHOTO_STORAGE_DIR: path.join(results, 'photos'), LOG_LEVEL: 'warn' },
    stdio: ['ignore', openSync(path.join(logs, 'web-no-redis.log'), 'w'), openSync(path.join(logs, 'web-no-redis.log'), 'a')],
  });
  const exits = Object.fromEntries(Object.entries(processes).map(([name, child]) => [name, new Promise((r) => child.once('exit', (code) => r(code)))]));
  // Whatever is still running at the end (a run cut short): asked to stop first (running jobs finish), killed only
  // after 5 s.
  onExit(() => Promise.all([webWithoutRedis, ...Object.values(processes)].map((child) => stopChild(child))).then(() => undefined));

  const ready = await waitForReady([`http://127.0.0.1:${webPort}/readyz`, `http://127.0.0.1:${workerPort}/readyz`, `http://127.0.0.1:${noRedisPort}/healthz`], 240_000);
  check('web and worker report ready (PostgreSQL + Redis reachable)', ready);
  if (ready) {
    say('browser end-to-end tests');
    const report = path.join(results, 'e2e.json');
    run(pnpm, ['exec', 'vitest', 'run', '--config', 'e2e/vitest.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...(process.env.E2E_FILTER ? process.env.E2E_FILTER.split(',') : [])], {
      // The web's personal-data key too: fixtures seal people of the register as the product does (volunteers.e2e).
      // And its photo store: care-phone.e2e reads a stored photo to see its metadata gone.
      env: { ...env, E2E_BASE_URL: `http://localhost:${webPort}`, E2E_NO_REDIS_URL: `http://localhost:${noRedisPort}`, CHROMIUM_PATH: chromiumPath, MAILBOX_DIR: mailboxDir, PERSONAL_DATA_KEY: personalDataKey, PHOTO_STORAGE_DIR: path.join(results, 'photos') },
    });
    vitestCounts(report, 'e2e');
  }

  // Graceful shutdown is part of the contract: SIGTERM must end both processes cleanly (exit 0).
  for (const [name, child] of Object.entries(processes)) {
    child.kill('SIGTERM');
    const code = await Promise.race([exits[name], new Promise((r) => setTimeout(() => r('timeout'), 30_000))]);
    check(`${name} shuts down cleanly on SIGTERM`, code === 0);
  }
  say(`server logs: ${path.relative(ROOT, logs)}/`);
}

async function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  if ((await Promise.race([exited.then(() => 'exited'), new Promise((r) => setTimeout(() => r('timeout'), 5000))])) === 'timeout') child.kill('SIGKILL');
}

async function waitForReady(urls, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (const url of urls) {
    for (;;) {
      try {
        if ((await fetch(url)).status === 200) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) return false;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return true;
}

/** e2e databases of runs that died more than six hours ago. */
async function purgeStaleDatabases() {
  const require = createRequire(path.join(ROOT, 'packages/db/package.json'));
  const postgres = require('postgres');
  const sql = postgres(pg.adminUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`select datname from pg_database where datname like 'shequ_e2e_%'`;
    for (const { datname } of rows) {
      const born = parseInt(datname.slice('shequ_e2e_'.length).split('_')[0], 36);
      if (Number.isFinite(born) && Date.now() - born > 6 * 3600 * 1000) await sql.unsafe(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  } finally {
    await sql.end();
  }
}

if (interrupted) await new Promise(() => {}); // the interrupt's own cleanup ends the process
await cleanup();
const seconds = Math.round((Date.now() - started) / 1000);
if (failures.length) say(`failed: ${failures.join('; ')}`);
say(`finished in ${seconds}s`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);
