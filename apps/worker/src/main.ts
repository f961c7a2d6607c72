import { Queue, Worker } from 'bullmq';
import { sql } from 'drizzle-orm';
import { createDb } from '@shequ/db';
import { createPersonalDataCipher } from '@shequ/use-cases';
import { createRedis, JOBS, QUEUES, queuePrefix } from '@shequ/jobs';
import { readEnv } from './env.ts';
import { HANDLERS } from './handlers/index.ts';
import { startHealthServer } from './health.ts';
import { createLogger } from './logger.ts';

const env = readEnv();
const log = createLogger(env.LOG_LEVEL);
const prefix = queuePrefix(env.REDIS_PREFIX);
const db = createDb(env.DATABASE_APP_URL, { max: env.WORKER_CONCURRENCY + 2, applicationName: 'shequ-worker' });
const connection = createRedis(env.REDIS_URL, 'worker');
const cipher = createPersonalDataCipher(env.PERSONAL_DATA_KEY);
let shuttingDown = false;

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
        const result = await handler(job, { db, log: jobLog, cipher });
        jobLog.info({ ms: Date.now() - started, result }, 'job done');
        return result;
      },
      {
        connection,
        prefix,
        concurrency: env.WORKER_CONCURRENCY,
        removeOnComplete: { count: 1000 },
        removeOnFail: { age: 14 * 24 * 3600 },
      },
    ),
);
for (const w of workers) w.on('failed', (job, err) => log.error({ queue: w.name, jobId: job?.id, err: err.message }, 'job failed'));

// Periodic work as BullMQ job schedulers: upserting the same id from every worker copy keeps exactly one.
const maintenance = new Queue(QUEUES.maintenance, { connection, prefix });
for (const job of [JOBS.purgeExpiredSessions, JOBS.closeUnratedCases]) {
  await maintenance.upsertJobScheduler(job.name, { every: job.every }, { name: job.name, data: {}, opts: { removeOnComplete: true, removeOnFail: 100, attempts: 3, backoff: { type: 'exponential', delay: 30_000 } } });
}

const health = await startHealthServer(env.WORKER_HEALTH_PORT, async () => {
  const checks: Record<string, string> = { shutdown: shuttingDown ? 'shutting down' : 'ok' };
  try {
    await db.execute(sql`select 1`);
    checks.postgres = 'ok';
  } catch (e) {
    checks.postgres = (e as Error).message;
  }
  try {
    checks.redis = (await connection.ping()) === 'PONG' ? 'ok' : 'no pong';
  } catch (e) {
    checks.redis = (e as Error).message;
  }
  return checks;
});
const address = health.address();
log.info({ queues: Object.values(QUEUES), prefix, healthPort: typeof address === 'object' && address ? address.port : env.WORKER_HEALTH_PORT }, 'worker started');

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
  await Promise.all(workers.map((w) => w.close()));
  await maintenance.close();
  await connection.quit().catch(() => undefined);
  await db.close();
  await new Promise((r) => health.close(r));
  log.info('worker stopped cleanly');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
