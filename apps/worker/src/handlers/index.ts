import type { Job, Queue } from 'bullmq';
import type { Logger } from 'pino';
import { JOBS, jobId } from '@shequ/jobs';
import { MAX_DELIVERY_ATTEMPTS, type NotificationChannel } from '@shequ/domain';
import { and, eq } from 'drizzle-orm';
import { orgUnits, SYSTEM_SCOPES, withoutTenant, withSystem, withTenant, type Db } from '@shequ/db';
import {
  closeUnratedCases,
  deliverMessage,
  forgetPolicyCaches,
  recomputeDeadlines,
  refreshDirtyRollups,
  communitySlaPolicy,
  workingCalendar,
  dueDeadlines,
  type MessageTransport,
  type PersonalDataCipher,
  purgeExpiredSessions,
  relayOutbox,
  runOnboardingImport,
  upcomingDeadlines,
  wakeDeadline,
} from '@shequ/use-cases';
import { deadlineStats } from '../deadline-stats.ts';

export type HandlerContext = {
  db: Db;
  log: Logger;
  cipher: PersonalDataCipher;
  queues: { deadlines: Queue; notifications: Queue };
  transports: Record<NotificationChannel, MessageTransport>;
};

/** How far ahead the reconcile sweep gives deadlines their delayed job, and how much it wakes per sweep. */
const HORIZON_MS = 10 * 60 * 1000;
const SWEEP_BATCH = 200;
const SWEEP_PARALLEL = 4;

/** Delayed wake-up jobs for deadlines, id (case, kind, version): adding one that exists changes nothing. */
export function scheduleWakeJobs(queue: Queue, rows: { id: string; communityId: string; caseId: string; kind: string; version: number; wakeAt?: Date }[], now = Date.now()) {
  if (!rows.length) return Promise.resolve([]);
  return queue.addBulk(
    rows.map((d) => ({
      name: JOBS.deadlineWake.name,
      data: { deadlineId: d.id, version: d.version, communityId: d.communityId },
      opts: { jobId: jobId('deadline', d.caseId, d.kind, d.version), delay: Math.max(0, (d.wakeAt?.getTime() ?? now) - now), removeOnComplete: true, removeOnFail: 1000, attempts: 5, backoff: { type: 'exponential', delay: 2000 } },
    })),
  );
}
type Handler = (job: Job, ctx: HandlerContext) => Promise<unknown>;

/** Job name → handler. Each handler validates its payload and calls one use case. */
export const HANDLERS: Record<string, Handler> = {
  [JOBS.purgeExpiredSessions.name]: async (job, { db }) => {
    JOBS.purgeExpiredSessions.payload.parse(job.data ?? {});
    return withSystem(db, SYSTEM_SCOPES.sessionPurge, 'purgeExpiredSessions', (tx) => purgeExpiredSessions(tx));
  },
  // A sweep across tenants without bypassing RLS: list active communities from the hierarchy, then work inside
  // each one's own tenant context. A failure in one community does not stop the others.
  [JOBS.closeUnratedCases.name]: async (job, { db, log }) => {
    JOBS.closeUnratedCases.payload.parse(job.data ?? {});
    const communities = await withoutTenant(db, (tx) =>
      tx.select({ id: orgUnits.id }).from(orgUnits).where(and(eq(orgUnits.kind, 'community'), eq(orgUnits.status, 'active'))),
    );
    let closed = 0;
    let failed = 0;
    for (const { id } of communities) {
      try {
        closed += (await withTenant(db, id, (tx) => closeUnratedCases(tx, id))).closed;
      } catch (err) {
        failed++;
        log.error({ err, tenantId: id }, 'closing unrated cases failed for a community');
      }
    }
    if (failed) throw new Error(`${failed} communities failed; will retry`);
    return { communities: communities.length, closed };
  },
  [JOBS.deadlineWake.name]: async (job, { db }) => {
    const { deadlineId, version, communityId } = JOBS.deadlineWake.payload.parse(job.data ?? {});
    const started = Date.now();
    const result = await wakeDeadline(db, deadlineId, version, new Date(), communityId);
    if (result === 'reminded' || result === 'breached') deadlineStats.record(started - (job.timestamp + (job.opts.delay ?? 0)), result);
    return result;
  },
  // The safety net: everything due is woken from PostgreSQL (a lost job costs at most one sweep interval), in
  // parallel batches so a burst (thousands due at 09:00 after a holiday) drains quickly; then upcoming deadlines
  // get their delayed jobs.
  [JOBS.reconcileDeadlines.name]: async (job, { db, queues, log }) => {
    JOBS.reconcileDeadlines.payload.parse(job.data ?? {});
    const deadline = Date.now() + 10_000;
    let woken = 0;
    for (;;) {
      const due = await dueDeadlines(db, new Date(), SWEEP_BATCH);
      for (let i = 0; i < due.length; i += SWEEP_PARALLEL) {
        await Promise.all(
          due.slice(i, i + SWEEP_PARALLEL).map(async (d) => {
            try {
              if ((await wakeDeadline(db, d.id, null, new Date(), d.communityId)) !== 'stale') woken++;
            } catch (err) {
              log.error({ err, deadlineId: d.id }, 'waking a deadline failed; the next sweep retries');
            }
          }),
        );
      }
      if (due.length < SWEEP_BATCH || Date.now() > deadline) break;
    }
    const upcoming = await upcomingDeadlines(db, new Date(), HORIZON_MS, 5000);
    await scheduleWakeJobs(queues.deadlines, upcoming);
    return { woken, scheduled: upcoming.length };
  },
  [JOBS.recomputeDeadlines.name]: async (job, { db, queues }) => {
    const { year } = JOBS.recomputeDeadlines.payload.parse(job.data ?? {});
    forgetPolicyCaches();
    const changed = await recomputeDeadlines(db, year, async (communityId) => ({ calendar: await workingCalendar(db), policy: await communitySlaPolicy(db, communityId, null) }));
    // New versions need new wake-up jobs; the next sweep would add them too, this is just sooner.
    await scheduleWakeJobs(queues.deadlines, await upcomingDeadlines(db, new Date(), HORIZON_MS, 5000));
    return { changed };
  },
  [JOBS.refreshRollups.name]: async (job, { db }) => {
    JOBS.refreshRollups.payload.parse(job.data ?? {});
    let refreshed = 0;
    // Drain what is stale now, in batches; the scheduler comes back in a few seconds for the rest.
    for (let i = 0; i < 20; i++) {
      const n = await refreshDirtyRollups(db, 500);
      refreshed += n;
      if (n < 500) break;
    }
    return { refreshed };
  },
  [JOBS.relayOutbox.name]: async (job, { db, queues }) => {
    JOBS.relayOutbox.payload.parse(job.data ?? {});
    const relayed = await relayOutbox(db, async (ids) => {
      await queues.notifications.addBulk(
        ids.map((outboxId) => ({
          name: JOBS.deliverMessage.name,
          data: { outboxId },
          opts: { jobId: jobId('deliver', outboxId), attempts: MAX_DELIVERY_ATTEMPTS, backoff: { type: 'exponential', delay: 10_000 }, removeOnComplete: true, removeOnFail: 1000 },
        })),
      );
    });
    return { relayed };
  },
  [JOBS.deliverMessage.name]: async (job, { db, cipher, transports }) => {
    const { outboxId } = JOBS.deliverMessage.payload.parse(job.data ?? {});
    const outcome = await deliverMessage(db, transports, cipher, outboxId);
    // Retried by BullMQ with backoff; after the last attempt the row is left `failed` for operators.
    if (outcome.result === 'retry') throw outcome.error;
    return outcome.result;
  },
  // Bulk onboarding: resumable row by row (see runOnboardingImport), so a retry after a crash finishes the file.
  [JOBS.importCommunities.name]: async (job, { db, cipher }) => {
    const { importId } = JOBS.importCommunities.payload.parse(job.data ?? {});
    return runOnboardingImport(db, cipher, importId);
  },
};
