import cluster, { type Worker as ClusterWorker } from 'node:cluster';
import { Queue } from 'bullmq';
import { createDb } from '@shequ/db';
import { createRedis, QUEUES, queuePrefix } from '@shequ/jobs';
import { readEnv } from './env.ts';
import { probeReadiness, startHealthServer } from './health.ts';
import { createLogger } from './logger.ts';

type Stats = { processed: number; breached: number; lagMs: { p50: number; p95: number; max: number } };

const env = readEnv();
const log = createLogger(env.LOG_LEVEL).child({ supervisor: true });
const prefix = queuePrefix(env.REDIS_PREFIX);
const db = createDb(env.DATABASE_APP_URL, { max: 1, applicationName: 'shequ-worker-supervisor' });
const connection = createRedis({ url: env.REDIS_URL, clusterNodes: env.REDIS_CLUSTER_NODES }, 'worker');
const queues = Object.values(QUEUES).map((name) => new Queue(name, { connection, prefix }));
const stats = new Map<number, Stats>();
let shuttingDown = false;

function fork(): ClusterWorker {
  const child = cluster.fork();
  child.on('message', (m: { type?: string; stats?: Stats }) => {
    if (m?.type === 'stats' && m.stats) stats.set(child.id, m.stats);
  });
  return child;
}

for (let i = 0; i < env.WORKER_PROCESSES; i++) fork();
cluster.on('exit', (child, code, signal) => {
  stats.delete(child.id);
  if (shuttingDown) return;
  log.error({ process: child.id, code, signal }, 'a worker process died; starting another');
  setTimeout(fork, 1000).unref();
});

const health = await startHealthServer(
  env.WORKER_HEALTH_PORT,
  async () => {
    const counts = Object.fromEntries(await Promise.all(queues.map(async (q) => [q.name, await q.getJobCounts('waiting', 'delayed', 'active', 'failed')] as const)));
    const all = [...stats.values()];
    return {
      queues: counts,
      processes: Object.keys(cluster.workers ?? {}).length,
      deadlines: {
        processed: all.reduce((n, s) => n + s.processed, 0),
        breached: all.reduce((n, s) => n + s.breached, 0),
        lagMs: { p50: Math.max(0, ...all.map((s) => s.lagMs.p50)), p95: Math.max(0, ...all.map((s) => s.lagMs.p95)), max: Math.max(0, ...all.map((s) => s.lagMs.max)) },
      },
    };
  },
  async () => {
    const checks = await probeReadiness(db, connection, prefix, shuttingDown);
    const running = Object.keys(cluster.workers ?? {}).length;
    checks.processes = running === env.WORKER_PROCESSES ? 'ok' : `${running} of ${env.WORKER_PROCESSES} running`;
    return checks;
  },
);
log.info({ processes: env.WORKER_PROCESSES, healthPort: env.WORKER_HEALTH_PORT }, 'worker started');

/** SIGTERM: each process finishes its running jobs and exits; then the supervisor closes its own connections. */
async function shutdown(signal: string) {
  if (shuttingDown) return;
  shuttingDown = true;
  log.info({ signal }, 'shutting down: finishing running jobs');
  const force = setTimeout(() => {
    log.error('shutdown took too long; exiting');
    process.exit(1);
  }, 65_000);
  force.unref();
  const children = Object.values(cluster.workers ?? {}).filter((c): c is ClusterWorker => Boolean(c));
  await Promise.all(children.map((c) => new Promise((r) => (c.once('exit', r), c.kill('SIGTERM')))));
  await Promise.all(queues.map((q) => q.close()));
  await connection.quit().catch(() => undefined);
  await db.close();
  await new Promise((r) => health.close(r));
  log.info('worker stopped cleanly');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
