import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/**
 * The real worker process, its output collected for failure messages. Started as `node --import tsx` rather than
 * through the tsx command, so the process we signal (SIGKILL included) is the worker itself, not a wrapper that
 * would leave it running.
 */
export function startWorker(env: Record<string, string>): { process: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    env: { ...process.env, REDIS_URL, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  return { process: child, output: () => output };
}

/** Polls until `fn` returns a value (not undefined), or fails with `describe()` after `ms`. */
export async function waitFor<T>(fn: () => Promise<T | undefined>, describe: () => string, ms = 20_000, every = 200): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await fn().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out; worker output:\n${describe()}`);
    await new Promise((r) => setTimeout(r, every));
  }
}


// A real Redis Cluster for tests (shared with the web's tests).
export { type RedisCluster, startRedisCluster } from '@shequ/jobs/testing';

/**
 * Starts the worker (startWorker) on a free health port and waits until it reports ready. The first boot compiles the
 * worker (tsx): up to 90 s on a loaded two-core machine, so the caller's beforeAll needs a timeout of 180 s.
 */
export async function startReadyWorker(env: Record<string, string>): Promise<ReturnType<typeof startWorker>> {
  const healthPort = await freePort();
  const worker = startWorker({ ...env, WORKER_HEALTH_PORT: String(healthPort) });
  await waitFor(async () => ((await fetch(`http://127.0.0.1:${healthPort}/readyz`).catch(() => null))?.status === 200 ? true : undefined), () => worker.output(), 90_000);
  return worker;
}

/** Stops a worker started by startWorker (SIGTERM, waiting for it to exit), if it still runs. */
export async function stopWorkerProcess(worker: ReturnType<typeof startWorker> | null): Promise<void> {
  if (!worker || worker.process.exitCode !== null) return;
  const exited = new Promise((r) => worker.process.once('exit', r));
  worker.process.kill('SIGTERM');
  await exited;
}
