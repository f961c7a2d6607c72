// `npm start`: from a fresh checkout to a running product (web + worker, migrated, seeded), in one command.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { WORKER_ENTRY, WORKER_NODE_ARGS } from '../../apps/worker/runtime.mjs';
import { cleanup, ensureCjkFont, ensurePnpm, ensurePostgres, ensureRedis, installDependencies, LOCAL, personalDataKey, ROOT, runOrFail, say, sessionSecret, withDatabase } from './lib.mjs';

const dev = process.argv.includes('--dev');
const pnpm = ensurePnpm();
installDependencies(pnpm);

const pg = await ensurePostgres();
const redisUrl = await ensureRedis();
ensureCjkFont();

const env = {
  DATABASE_URL: process.env.DATABASE_URL ?? withDatabase(pg.adminUrl, 'shequ', 'shequ_owner', 'shequ_owner'),
  DATABASE_APP_URL: process.env.DATABASE_APP_URL ?? withDatabase(pg.adminUrl ?? process.env.DATABASE_URL, 'shequ', 'shequ_app', 'shequ_app'),
  REDIS_URL: redisUrl,
  REDIS_PREFIX: process.env.REDIS_PREFIX ?? 'shequ',
  SESSION_SECRET: sessionSecret(),
  PERSONAL_DATA_KEY: personalDataKey(),
  PHOTO_STORAGE_DIR: process.env.PHOTO_STORAGE_DIR ?? path.join(LOCAL, 'photos'),
  // Without SMTP_URL, the worker keeps outgoing messages here and operators read them at /operator/messages.
  MAILBOX_DIR: process.env.MAILBOX_DIR ?? path.join(LOCAL, 'mailbox'),
  PORT: process.env.PORT ?? '3000',
  WORKER_HEALTH_PORT: process.env.WORKER_HEALTH_PORT ?? '3001',
};
if (pg.adminUrl) {
  env.DATABASE_ADMIN_URL = pg.adminUrl;
  say('creating roles and database if missing');
  runOrFail(pnpm, ['--silent', '--filter', '@shequ/db', 'provision'], { env });
} else {
  say('DATABASE_ADMIN_URL not set: assuming the database and roles exist');
}
say('applying migrations');
runOrFail(pnpm, ['--silent', 'db:migrate'], { env });
say('seeding demo data');
runOrFail(pnpm, ['--silent', 'db:seed'], { env });
if (!dev) {
  say('building the worker');
  runOrFail(pnpm, ['--silent', '--filter', '@shequ/worker', 'build'], { env });
  say('building the web app');
  runOrFail(pnpm, ['--silent', '--filter', '@shequ/web', 'build'], { env: { ...env, NODE_ENV: 'production' } });
}

// The two processes of the product. A process that exits on its own (a crash, the worker killed) is started
// again after a pause that doubles each time, as a process manager would; one that keeps failing (more than 5
// times in a minute: a port taken, a broken configuration) stops everything with a message.
const services = {
  web: () => spawn('node', ['server.mjs'], { cwd: path.join(ROOT, 'apps/web'), stdio: 'inherit', env: { ...process.env, ...env, NODE_ENV: dev ? 'development' : 'production' } }),
  // Production runs the worker's bundle (decision 040); --dev runs its source through tsx, restarting on change.
  worker: () =>
    dev
      ? spawn(path.join(ROOT, 'apps/worker/node_modules/.bin/tsx'), ['watch', 'src/main.ts'], { cwd: path.join(ROOT, 'apps/worker'), stdio: 'inherit', env: { ...process.env, ...env } })
      : spawn('node', [...WORKER_NODE_ARGS, WORKER_ENTRY], { cwd: path.join(ROOT, 'apps/worker'), stdio: 'inherit', env: { ...process.env, ...env } }),
};
const running = new Map();
const exits = new Map();
let stopping = false;

function launch(name) {
  const child = services[name]();
  running.set(name, child);
  child.once('exit', (code, signal) => {
    running.delete(name);
    if (stopping) return;
    const now = Date.now();
    const recent = (exits.get(name) ?? []).filter((t) => now - t < 60_000).concat(now);
    exits.set(name, recent);
    if (recent.length > 5) {
      say(`${name} exited ${recent.length} times within a minute (last: ${code ?? signal}); stopping`);
      void stop(1);
      return;
    }
    const wait = 2 ** (recent.length - 1);
    say(`${name} exited (${code ?? signal}); starting it again in ${wait} s`);
    setTimeout(() => !stopping && launch(name), wait * 1000);
  });
}

async function stop(code) {
  if (stopping) return;
  stopping = true;
  const children = [...running.values()];
  for (const c of children) c.kill('SIGTERM');
  await Promise.all(children.map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once('exit', r)) : null)));
  await cleanup();
  process.exit(code);
}
for (const name of Object.keys(services)) launch(name);
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

const demo = JSON.parse(readFileSync(path.join(ROOT, 'packages/use-cases/src/seed/demo-users.json'), 'utf8'));
setTimeout(() => {
  const url = `http://localhost:${env.PORT}`;
  say(`社区治理云 is running: ${url}  (worker health: http://localhost:${env.WORKER_HEALTH_PORT}/readyz)`);
  say(`demo logins (password for all: ${demo.password}):`);
  for (const u of demo.users) console.log(`    ${u.mobile}  ${u.email.padEnd(26)} ${u.displayName}  ${u.memberships.map((m) => m.role).join(', ')}`);
  say('press Ctrl+C to stop');
}, 1500);
