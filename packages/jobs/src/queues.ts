import { z } from 'zod';

/**
 * Queue names and job payloads: importable by the web app (to enqueue) without the handlers, which live in the worker.
 * Payloads carry ids only; handlers re-read PostgreSQL, which is the source of truth.
 */
export const QUEUES = {
  maintenance: 'maintenance',
  notifications: 'notifications',
  deadlines: 'deadlines',
  onboarding: 'onboarding',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const JOBS = {
  purgeExpiredSessions: {
    queue: QUEUES.maintenance,
    name: 'purge-expired-sessions',
    version: 1,
    payload: z.object({}).strict(),
    /** Runs as a BullMQ job scheduler; every worker copy upserts the same scheduler id, so it exists once. */
    every: 60 * 60 * 1000,
  },
  closeUnratedCases: {
    queue: QUEUES.maintenance,
    name: 'close-unrated-cases',
    version: 1,
    payload: z.object({}).strict(),
    /** Resolved cases left unrated past their community's limit close as "unrated"; hourly is precise enough for days. */
    every: 60 * 60 * 1000,
  },
  importCommunities: {
    queue: QUEUES.onboarding,
    name: 'import-communities',
    version: 1,
    payload: z.object({ importId: z.string().uuid() }).strict(),
  },
} as const;

export type JobPayload<K extends keyof typeof JOBS> = z.infer<(typeof JOBS)[K]['payload']>;

/** Custom job ids may not contain ':' (BullMQ uses it as a key separator). */
export function jobId(...parts: (string | number)[]): string {
  return parts.map((p) => String(p).replace(/:/g, '_')).join('.');
}
