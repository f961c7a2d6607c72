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
  syncCareRosters: {
    queue: QUEUES.maintenance,
    name: 'sync-care-rosters',
    version: 1,
    payload: z.object({}).strict(),
    /**
     * Visiting care (decision 039): every community's care roster follows its register, and each recipient's routine
     * visit window opens (with its timer) shortly after its period starts at 00:00 China time.
     */
    every: 15 * 60 * 1000,
  },
  closeUnratedCases: {
    queue: QUEUES.maintenance,
    name: 'close-unrated-cases',
    version: 1,
    payload: z.object({}).strict(),
    /** Resolved cases left unrated past their community's limit close as "unrated"; hourly is precise enough for days. */
    every: 60 * 60 * 1000,
  },
  /**
   * A timer for deadline wake-ups due at one instant (`at`, ms since the epoch, rounded up to the worker's tick);
   * id `deadline-tick.<at>`, so it exists once. It wakes everything due by then, read from PostgreSQL.
   */
  deadlineTick: {
    queue: QUEUES.deadlines,
    name: 'deadline-tick',
    version: 1,
    payload: z.object({ at: z.number().int().positive() }).strict(),
  },
  /** A deadline's wake-up as jobs were made before timers per instant; still handled for jobs already queued. */
  deadlineWake: {
    queue: QUEUES.deadlines,
    name: 'deadline-wake',
    version: 1,
    payload: z.object({ deadlineId: z.string().uuid(), version: z.number().int().positive(), communityId: z.string().uuid().optional() }).strict(),
  },
  /** PostgreSQL is the truth: wake whatever is due (even if Redis lost its job) and give upcoming deadlines a job. */
  reconcileDeadlines: {
    queue: QUEUES.deadlines,
    name: 'reconcile-deadlines',
    version: 1,
    payload: z.object({}).strict(),
    every: 15_000,
  },
  /** Moves pending outbox messages to the delivery queue. */
  relayOutbox: {
    queue: QUEUES.notifications,
    name: 'relay-outbox',
    version: 1,
    payload: z.object({}).strict(),
    every: 2_000,
  },
  deliverMessage: {
    queue: QUEUES.notifications,
    name: 'deliver-message',
    version: 1,
    payload: z.object({ outboxId: z.string().uuid(), tenantId: z.string().uuid().optional() }).strict(),
  },
  /** After a calendar year is loaded or corrected: recompute the running deadlines it touches. */
  recomputeDeadlines: {
    queue: QUEUES.deadlines,
    name: 'recompute-deadlines',
    version: 1,
    payload: z.object({ year: z.number().int().min(2000).max(2100) }).strict(),
  },
  /** Recomputes the dashboards' rollups of days that case changes made stale. */
  refreshRollups: {
    queue: QUEUES.maintenance,
    name: 'refresh-rollups',
    version: 1,
    payload: z.object({}).strict(),
    every: 5_000,
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
