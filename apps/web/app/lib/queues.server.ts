import { Queue } from 'bullmq';
import { JOBS, jobId, type JobPayload, QUEUES } from '@shequ/jobs';
import { redis, redisPrefix } from './redis.server.ts';
import { onShutdown } from './shutdown.server.ts';

// Producer side of the queues: one Queue per name, on the fail-fast producer connection (a request never waits
// for a Redis that is down; the caller gets an error and says so).
const queues = new Map<string, Queue>();
function queue(name: string): Queue {
  let q = queues.get(name);
  if (!q) {
    q = new Queue(name, { connection: redis, prefix: redisPrefix });
    queues.set(name, q);
  }
  return q;
}
onShutdown(() => Promise.all([...queues.values()].map((q) => q.close().catch(() => undefined))).then(() => undefined));

/** Asks the worker to import a checked bulk onboarding file. The job id makes a second request a no-op. */
export async function enqueueOnboardingImport(payload: JobPayload<'importCommunities'>) {
  const job = JOBS.importCommunities;
  await queue(job.queue).add(job.name, payload, {
    jobId: jobId(job.name, payload.importId),
    attempts: 5,
    backoff: { type: 'exponential', delay: 5000 },
    removeOnComplete: true,
    removeOnFail: { age: 14 * 24 * 3600 },
  });
}

/** After a calendar change: the worker recomputes the deadlines it touches. */
export async function enqueueDeadlineRecompute(year: number) {
  const job = JOBS.recomputeDeadlines;
  await queue(job.queue).add(job.name, { year }, { attempts: 3, backoff: { type: 'exponential', delay: 5000 }, removeOnComplete: true, removeOnFail: 100 });
}

/** Waiting, delayed, active and failed jobs per queue, for operators; null when Redis does not answer. */
export async function queueCounts() {
  try {
    const rows = await Promise.all(Object.values(QUEUES).map(async (name) => [name, await queue(name).getJobCounts('waiting', 'delayed', 'active', 'failed')] as const));
    return Object.fromEntries(rows);
  } catch {
    return null;
  }
}
