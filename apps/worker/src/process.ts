import cluster from 'node:cluster';
import { Queue, Worker } from 'bullmq';
import { Cluster } from 'ioredis';
import { createDb, onSystemScope, systemScopeLogger } from '@shequ/db';
import { createPersonalDataCipher } from '@shequ/use-cases/crypto';
import { createRedis, JOBS, QUEUES, queuePrefix } from '@shequ/jobs';
import { aliyunSmsConfig, readEnv } from './env.ts';
import { forgetWakeTicks, HANDLERS } from './handlers/index.ts';
import { createTransports } from './transports.ts';
import { deadlineStats } from './deadline-stats.ts';
import { probeReadiness, startHealthServer } from './health.ts';
import { createLogger } from './logger.ts';
import { checkSchedulers, type ScheduledJob, schedulerCheckEvery, type SchedulerState, schedulersHealth } from './scheduler-health.ts';

// One worker process: its queues' Workers, the job schedulers, and (when it runs alone) the health server.
// Under the supervisor (main.ts) several of these run side by side and report their figures to it.
const env = readEnv();
const log = createLogger(env.LOG_LEVEL).child(cluster.isWorker ? { process: cluster.worker!.id } : {});
const prefix = queuePrefix(env.REDIS_PREFIX);
onSystemScope(systemScopeLogger(log));
const db = createDb(env.DATABASE_APP_URL, { max: env.WORKER_CONCURRENCY + env.DEADLINE_CONCURRENCY + 2, applicationName: 'shequ-worker' });
// One server, or a Redis Cluster when REDIS_CLUSTER_NODES is set (decision 032); the prefix is hash-tagged either way.
const connection = createRedis({ url: env.REDIS_URL, clusterNodes: env.REDIS_CLUSTER_NODES }, 'worker');
const cipher = createPersonalDataCipher(env.PERSONAL_DATA_KEY);
const transports = createTransports({ smtpUrl: env.SMTP_URL, mailFrom: env.MAIL_FROM, mailboxDir: env.MAILBOX_DIR, aliyunSms: aliyunSmsConfig(env) });
// Producers for jobs the handlers add (deadline wake-ups, deliveries).
const queues = {
  deadlines: new Queue(QUEUES.deadlines, { connection, prefix }),
  notifications: new Queue(QUEUES.notifications, { connection, prefix }),
};
let shuttingDown = false;
const PERIODIC = new Set<string>([JOBS.relayOutbox.name, JOBS.reconcileDeadlines.name, JOBS.refreshRollups.name]);

const workers = Object.values(QUEUES).map(
  (queue) =>
    new Worker(
      queue,
      async (job) => {
        const jobLog = log.child({ queue, jobId: job.id, job: job.name, attempt: job.attemptsMade + 1 });
        const handler = HANDLERS[job.name];
        if (!handler) {
          jobLog.warn('no handler for job; leaving it failed for inspection');
          throw new Error(`no handler for ${job.name}`);
        }
        const started = Date.now();
        const result = await handler(job, { db, log: jobLog, cipher, queues, transports, deadlineBatch: { batch: env.DEADLINE_BATCH, parallel: env.DEADLINE_CONCURRENCY }, background });
        // The frequent sweeps (every few seconds) log only when they did something.
        const idle = PERIODIC.has(job.name) && Object.values((result ?? {}) as Record<string, unknown>).every((v) => !v);
        (idle ? jobLog.debug : jobLog.info).call(jobLog, { ms: Date.now() - started, result }, 'job done');
        return result;
      },
      {
        connection,
        prefix,
        concurrency: queue === QUEUES.deadlines ? env.DEADLINE_CONCURRENCY : env.WORKER_CONCURRENCY,
        // The record of what happened lives in PostgreSQL; finished jobs only take Redis memory.
        removeOnComplete: { count: 0 },
        removeOnFail: { age: 14 * 24 * 3600 },
      },
    ),
);
// Background work yields the CPU to a burst of breaches, or to breaches running late (BURST_PAUSES_DELIVERY_AT and
// LAG_PAUSES_DELIVERY_AT_MS in handlers/index.ts): message delivery and the maintenance sweeps (rollups, purges, the
// care roster); the running jobs finish, no new one starts until the drain has caught up.
const backgroundWorkers = workers.filter((w) => w.name === QUEUES.notifications || w.name === QUEUES.maintenance);
const background = {
  pause: async () => {
    await Promise.all(backgroundWorkers.map((w) => w.pause(true)));
  },
  resume: () => {
    if (!shuttingDown) for (const w of backgroundWorkers) w.resume();
  },
};
// A failed query's message is drizzle's ("Failed query: …" with its parameters); what PostgreSQL said is its cause.
for (const w of workers) w.on('failed', (job, err) => log.error({ queue: w.name, jobId: job?.id, err: err.message, cause: err.cause instanceof Error ? err.cause.message : undefined }, 'job failed'));
// Errors outside a job (fetching the next one, recording a result: Redis unreachable, a cluster answering with an
// error) would otherwise only reach stderr; they are logged so operators and tests see them.
for (const w of workers) w.on('error', (err) => log.error({ queue: w.name, err: err.message }, 'queue worker error'));
for (const q of Object.values(queues)) q.on('error', (err) => log.error({ queue: q.name, err: err.message }, 'queue error'));

// Periodic work as BullMQ job schedulers: upserting the same id from every worker copy keeps exactly one. They live
// in Redis, so a Redis that lost its data (restarted empty, failed over) has none: they are asserted again whenever
// this process (re)connects to Redis, and checked every SCHEDULER_CHECK_MS; a repair is logged and counted.
const maintenance = new Queue(QUEUES.maintenance, { connection, prefix });
maintenance.on('error', (err) => log.error({ queue: maintenance.name, err: err.message }, 'queue error'));
const schedulers: { queue: Queue; name: string; every: number }[] = [
  { queue: maintenance, name: JOBS.purgeExpiredSessions.name, every: JOBS.purgeExpiredSessions.every },
  { queue: maintenance, name: JOBS.closeUnratedCases.name, every: JOBS.closeUnratedCases.every },
  { queue: maintenance, name: JOBS.syncCareRosters.name, every: JOBS.syncCareRosters.every },
  { queue: maintenance, name: JOBS.refreshRollups.name, every: JOBS.refreshRollups.every },
  { queue: queues.deadlines, name: JOBS.reconcileDeadlines.name, every: env.DEADLINE_RECONCILE_MS },
  { queue: queues.notifications, name: JOBS.relayOutbox.name, every: JOBS.relayOutbox.every },
];
const RETRIED = new Set<string>([JOBS.purgeExpiredSessions.name, JOBS.closeUnratedCases.name, JOBS.syncCareRosters.name]);
const SCHEDULER_CHECK_MS = schedulerCheckEvery(env.DEADLINE_RECONCILE_MS);
const schedulerState: SchedulerState = { recreated: 0, lastCheck: 0, missing: [], error: null };

const scheduled: ScheduledJob[] = schedulers.map((s) => ({
  ...s,
  opts: RETRIED.has(s.name) ? { removeOnComplete: true, removeOnFail: 100, attempts: 3, backoff: { type: 'exponential', delay: 30_000 } } : { removeOnComplete: true, removeOnFail: 100 },
}));

async function assertSchedulers(reason: string) {
  const wasChecked = schedulerState.lastCheck > 0;
  const missing = await checkSchedulers(scheduled, schedulerState);
  // At boot every scheduler is "missing" the first time only on a fresh Redis; a repair is one found missing later.
  // Schedulers gone means Redis lost its data, the deadline timers with them: the next sweep sets them all again.
  if (missing.length) forgetWakeTicks();
  if (missing.length && wasChecked) log.warn({ reason, schedulers: missing, recreatedTotal: schedulerState.recreated }, 'job schedulers were missing in Redis; recreated them');
}
await assertSchedulers('boot');
connection.on('ready', () => {
  forgetWakeTicks();
  void assertSchedulers('redis connection (re)established');
});
const schedulerCheck = setInterval(() => void assertSchedulers('periodic check'), SCHEDULER_CHECK_MS);
schedulerCheck.unref();
/** Readiness: the schedulers were seen (or repaired) recently (scheduler-health.ts; scheduler-health.test). */
const schedulersReady = () => schedulersHealth(schedulerState, SCHEDULER_CHECK_MS);

/**
 * Every queue, for counting. Made once: a Queue made per request and closed after its count would be left open by
 * every /metrics call that Redis never answers (the answer gives up, the count waits on).
 */
const counted: Record<string, Queue> = { ...queues, [QUEUES.maintenance]: maintenance };
for (const name of Object.values(QUEUES)) counted[name] ??= new Queue(name, { connection, prefix });

/** What operators watch: per queue waiting/delayed/active/failed, and how late deadline effects happen. */
async function metrics() {
  const counts = Object.fromEntries(
    await Promise.all(Object.values(QUEUES).map(async (name) => [name, await counted[name]!.getJobCounts('waiting', 'delayed', 'active', 'failed')] as const)),
  );
  return { queues: counts, deadlines: deadlineStats.snapshot(), schedulers: { recreated: schedulerState.recreated, lastCheck: new Date(schedulerState.lastCheck).toISOString() } };
}

// Queues need Redis never to evict keys: say so loudly if it might (on a cluster, of every primary node).
try {
  const servers = connection instanceof Cluster ? connection.nodes('master') : [connection];
  for (const server of servers) {
    const [, policy] = (await server.config('GET', 'maxmemory-policy')) as [string, string];
    if (policy !== 'noeviction') log.warn({ policy, node: `${server.options.host}:${server.options.port}` }, 'Redis maxmemory-policy should be noeviction for queues; lost jobs are recovered by the deadline sweep, late');
  }
} catch {
  log.warn('could not read Redis maxmemory-policy (CONFIG disabled?); queues need noeviction');
}

// Alone, this process answers health checks itself; supervised, the supervisor does, and gets this process's
// figures every few seconds (and this process exits if the supervisor goes away, even by SIGKILL).
const health = cluster.isWorker ? null : await startHealthServer(env.WORKER_HEALTH_PORT, metrics, () => probeReadiness(db, connection, prefix, shuttingDown, schedulersReady), env.METRICS_TOKEN);
if (cluster.isWorker) {
  const report = setInterval(() => process.send?.({ type: 'stats', stats: deadlineStats.snapshot() }), 2000);
  report.unref();
  process.on('disconnect', () => void shutdown('supervisor gone'));
}
const address = health?.address();
log.info({ queues: Object.values(QUEUES), prefix, redis: env.REDIS_CLUSTER_NODES ? 'cluster' : 'server', healthPort: typeof address === 'object' && address ? address.port : null }, 'worker started');

/** SIGTERM: stop taking jobs, let running ones finish (worker.close waits), then close queues, Redis, PostgreSQL, HTTP. */
async function shutdown(signal: string) {
  if (shuttingDown) return;
  shuttingDown = true;
  log.info({ signal }, 'shutting down: finishing running jobs');
  const force = setTimeout(() => {
    log.error('shutdown took too long; exiting');
    process.exit(1);
  }, 60_000);
  force.unref();
  clearInterval(schedulerCheck);
  await Promise.all(workers.map((w) => w.close()));
  await Promise.all(Object.values(counted).filter((q) => q !== maintenance && !Object.values(queues).includes(q)).map((q) => q.close()));
  await maintenance.close();
  await Promise.all(Object.values(queues).map((q) => q.close()));
  await connection.quit().catch(() => undefined);
  await db.close();
  if (health) await new Promise((r) => health.close(r));
  log.info('worker stopped cleanly');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
