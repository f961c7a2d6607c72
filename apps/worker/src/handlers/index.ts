import type { Job, Queue } from 'bullmq';
import type { Logger } from 'pino';
import { addBulkThroughReshard, JOBS, jobId } from '@shequ/jobs';
import { MAX_DELIVERY_ATTEMPTS, type NotificationChannel } from '@shequ/domain';
import { SYSTEM_SCOPES, withScope, withSystem, withTenant, type Db } from '@shequ/db';
import {
  anonymousCaller,
  closeUnratedCases,
  deliverMessage,
  listActiveCommunityIds,
  type MessageTransport,
  purgeExpiredResidentAccess,
  purgeExpiredSessions,
  refreshDirtyRollups,
  relayOutbox,
  runOnboardingImport,
  syncCareRoster,
} from '@shequ/use-cases';
import {
  communitySlaPolicy,
  dueDeadlines,
  forgetPolicyCaches,
  latestDueDeadlines,
  recomputeDeadlines,
  upcomingWakeTicks,
  wakeDeadline,
  wakeDeadlineBatch,
  workingCalendar,
} from '@shequ/use-cases/deadlines';
import { type PersonalDataCipher } from '@shequ/use-cases/crypto';
import { deadlineStats } from '../deadline-stats.ts';

export type HandlerContext = {
  db: Db;
  log: Logger;
  cipher: PersonalDataCipher;
  queues: { deadlines: Queue; notifications: Queue };
  /** Deadlines per transaction and transactions at once when draining what is due. */
  deadlineBatch: { batch: number; parallel: number };
  transports: Record<NotificationChannel, MessageTransport>;
  /**
   * Background work (message delivery and the maintenance sweeps: rollups, purges, the care roster), paused while a
   * burst of deadlines drains or deadlines run late (see drainDueDeadlines). Absent where nothing competes with the
   * drain (the benchmark's direct run, tests).
   */
  background?: { pause: () => Promise<void>; resume: () => Promise<void> | void };
};

/**
 * A drain that finds at least this many deadlines due at once is a burst: message delivery waits until it ends.
 * Deliveries and breaches share this process's CPU; on the holiday morning 20,000 breaches write about 180,000
 * messages, and delivering them while breaches are still due made every breach (and the steady stream behind it)
 * late by tens of seconds (issue 14's benchmark). The messages wait in the outbox, written with their effects,
 * and go out as soon as the burst is through; a steady trickle of deadlines never pauses them.
 */
export const BURST_PAUSES_DELIVERY_AT = 200;

/**
 * A drain that finds the earliest due wake-up already this late (ms) pauses message delivery too, burst or not:
 * a steady stream of breaches across many communities (one or two due per community per timer) writes three or
 * more messages each, and delivering them on the same CPU made the stream itself seconds late (issue 14's
 * benchmark: p99 6.7 s at 111 breaches/s). Deadlines are the promise; messages wait in the outbox, written with
 * their effects, and go out as soon as the drain has caught up (decision 041). The maintenance sweeps wait too: the
 * rollups' refresh (every 5 s) recomputes the days every breach marks stale, in every community the stream touches,
 * on the same two cores; dashboards may lag by the drain's length, a deadline may not.
 */
export const LAG_PAUSES_DELIVERY_AT_MS = 1000;

/**
 * The drain's fresh lane: when a read finds more due than it takes and the earliest is older than this (ms), a
 * backlog is draining (the holiday burst, due at one instant), and the latest due deadlines are served first, up to
 * half of what the runners write at once per read, while the backlog takes the rest. Earliest-first alone put the
 * steady stream behind the whole burst and then behind the stream that fell due during it: after a 10-second drain
 * the stream ran 2-3 s late for another 10 s (issue 14's benchmark, p99 2,049-2,670 ms). The backlog is not
 * starved: every read adds its earliest-first batches behind the front ones.
 */
export const FRESH_LANE_MS = 1500;

/** How far ahead the reconcile sweep sets timers, and the timers' resolution (one timer per 250 ms instant). */
/** The worker's jobs act as the system (nobody signed in): one caller for the hot paths (relay, delivery). */
const SYSTEM = anonymousCaller();

const HORIZON_MS = 10 * 60 * 1000;
export const TICK_MS = 250;

/**
 * Timers this process has set that are still ahead (ms instants). The reconcile sweep (every 15 s) finds the same
 * ~2,400 instants of its 10-minute horizon each time; adding them all again changed nothing in Redis but cost a
 * Lua call each, 2,400 at once, on the Redis the running timers and the drain wait on (issue 14: the stream's
 * lateness spiked every sweep). Only instants not set before are added now. Forgotten when the Redis connection is
 * (re)established or the schedulers are found missing (Redis may have lost its data, timers with it): the next sweep
 * then sets them all again. A timer lost otherwise costs at most one sweep interval, as before (the sweep drains).
 */
const setTicks = new Set<number>();

/** Forgets which timers were set, so the next sweep sets every upcoming one again (see setTicks). */
export function forgetWakeTicks() {
  setTicks.clear();
}

/**
 * Timers for deadline wake-ups: one delayed job per wake-up instant (rounded up to TICK_MS), id `deadline-tick.<ms>`,
 * so adding one that exists changes nothing and 100,000 pending deadlines need only as many timers as distinct
 * instants. A timer carries no deadline ids: it wakes the drain, which reads PostgreSQL. Instants this process set
 * before are skipped (setTicks). Input: instants in epoch ms; output: the jobs added.
 */
export async function scheduleWakeTicks(queue: Queue, ticks: number[], now = Date.now()) {
  for (const at of setTicks) if (at <= now) setTicks.delete(at);
  const fresh = ticks.filter((at) => !setTicks.has(at));
  if (!fresh.length) return [];
  const added = await addBulkThroughReshard(
    queue,
    fresh.map((at) => ({
      name: JOBS.deadlineTick.name,
      data: { at },
      opts: { jobId: jobId('deadline-tick', at), delay: Math.max(0, at - now), removeOnComplete: true, removeOnFail: 100, attempts: 3, backoff: { type: 'exponential', delay: 1000 } },
    })),
  );
  for (const at of fresh) setTicks.add(at);
  return added;
}

let draining: Promise<{ woken: number; busy: number; failed: number }> | null = null;
let drainAgain = false;

type Chunk = { communityId: string; ids: string[]; wakeAt: Map<string, Date> };

/**
 * Wakes everything due, in batches of up to `batch` deadlines of one community per transaction, `parallel`
 * transactions at once, until nothing is due (the holiday-morning burst drains here). One drain per process at a
 * time: a timer or sweep arriving meanwhile makes the running drain look again, and waits for it.
 *
 * Pipelined, without rounds: the `parallel` runners take batches from one queue, and the queue is read again from
 * PostgreSQL (earliest first) as soon as it runs low, while batches are still being written. With rounds (read
 * 6,400, write them all, read again), what fell due during a round waited for the round's slowest batch: after the
 * holiday burst the stream behind it ran 1-3 s late (issue 14's benchmark). A deadline queued or being written is
 * not read twice (`held`); one that came back busy (its subject held elsewhere) or failed is left to the next timer
 * or sweep (`skipped`) instead of being spun on. Input: `batch` (deadlines per transaction), `parallel`
 * (transactions at once); output: counts of deadlines woken (reminded or breached), busy and failed.
 */
export function drainDueDeadlines(ctx: Pick<HandlerContext, 'db' | 'log' | 'background'>, options: { batch: number; parallel: number }) {
  if (draining) {
    drainAgain = true;
    return draining;
  }
  draining = (async () => {
    const total = { woken: 0, busy: 0, failed: 0 };
    const until = Date.now() + 60_000;
    let backgroundPaused = false;
    const queue: Chunk[] = [];
    const held = new Set<string>();
    const skipped = new Set<string>();
    let reading: Promise<number> | null = null;

    /** Groups deadlines into chunks of up to `batch` deadlines of one community, marking each held. */
    const toChunks = (list: { id: string; communityId: string; wakeAt: Date }[]) => {
      const open = new Map<string, Chunk>();
      const chunks: Chunk[] = [];
      for (const d of list) {
        let chunk = open.get(d.communityId);
        if (!chunk || chunk.ids.length >= options.batch) {
          chunk = { communityId: d.communityId, ids: [], wakeAt: new Map() };
          open.set(d.communityId, chunk);
          chunks.push(chunk);
        }
        chunk.ids.push(d.id);
        chunk.wakeAt.set(d.id, d.wakeAt);
        held.add(d.id);
      }
      return chunks;
    };

    /** Reads what is due and not yet held or skipped into the queue; resolves to how many deadlines it added. */
    const read = () =>
      (reading ??= (async () => {
        try {
          const started = Date.now();
          const now = new Date();
          const limit = options.batch * options.parallel * 2 + held.size + skipped.size;
          const due = await dueDeadlines(ctx.db, now, limit);
          const free = (d: { id: string }) => !held.has(d.id) && !skipped.has(d.id);
          let fresh = due.filter(free);
          if (!fresh.length) return 0;
          const lagMs = Date.now() - fresh[0]!.wakeAt.getTime(); // earliest first
          if (!backgroundPaused && ctx.background && (fresh.length >= BURST_PAUSES_DELIVERY_AT || lagMs >= LAG_PAUSES_DELIVERY_AT_MS)) {
            backgroundPaused = true;
            await ctx.background.pause();
            ctx.log[fresh.length >= BURST_PAUSES_DELIVERY_AT ? 'info' : 'debug']({ due: fresh.length, lagMs }, 'deadlines are due in a burst or late: message delivery and maintenance wait until they have drained');
          }
          // The fresh lane: behind a backlog (this read is full and its earliest is older than FRESH_LANE_MS), the
          // latest due go to the front of the queue, up to half of what the runners write at once, so the steady
          // stream keeps its time while the backlog drains behind them (see FRESH_LANE_MS). Newest first, not "due
          // within a window": what fell due just after a burst's instant is the burst's neighbour in time and would
          // otherwise wait for all of it. The stream is spread over many communities (one or two due in each), so the
          // lane is bounded by deadlines, not batches.
          let front: Chunk[] = [];
          if (due.length === limit && now.getTime() - due[0]!.wakeAt.getTime() > FRESH_LANE_MS) {
            const latest = (await latestDueDeadlines(ctx.db, now, Math.max(1, Math.floor((options.batch * options.parallel) / 2)))).filter(free).reverse();
            const ids = new Set(latest.map((d) => d.id));
            fresh = fresh.filter((d) => !ids.has(d.id));
            front = toChunks(latest);
          }
          const chunks = toChunks(fresh);
          queue.unshift(...front);
          queue.push(...chunks);
          topUp();
          ctx.log.debug({ due: fresh.length, front: front.length, chunks: chunks.length, readMs: Date.now() - started, lagMs, queued: queue.length }, 'drain read');
          return fresh.length + front.reduce((n, c) => n + c.ids.length, 0);
        } finally {
          reading = null;
        }
      })());

    // Runners: up to `parallel` at once, each taking batches until nothing is left that is not already held. One
    // that finds nothing ends; a read that finds more starts runners again (topUp), so a burst arriving while the
    // stream trickles gets every runner, not the one still awake.
    let active = 0;
    let passDone: (() => void) | null = null;
    const failures: unknown[] = [];
    const runner = async () => {
      for (;;) {
        if (Date.now() > until) return;
        if (!queue.length) {
          await read();
          if (!queue.length) return; // nothing due that is not already being written: this runner is done
        } else if (queue.length < options.parallel && !reading) {
          // Read ahead while batches are written, so the runners never wait for a read they could have overlapped.
          read().catch((err) => ctx.log.error({ err }, 'reading due deadlines failed; the next timer or sweep retries'));
        }
        const chunk = queue.shift();
        if (!chunk) continue;
        try {
          const { outcomes, errors } = await wakeDeadlineBatch(ctx.db, chunk.communityId, chunk.ids, new Date());
          const at = Date.now();
          for (const o of outcomes) {
            if (o.result === 'reminded' || o.result === 'breached') {
              total.woken++;
              deadlineStats.record(at - (o.wakeAt ?? chunk.wakeAt.get(o.id)!).getTime(), o.result);
            } else if (o.result === 'busy') {
              total.busy++;
              skipped.add(o.id);
            }
          }
          for (const e of errors) {
            total.failed++;
            skipped.add(e.id);
            ctx.log.error({ err: e.error, deadlineId: e.id, tenantId: chunk.communityId }, 'waking a deadline failed; the next sweep retries');
          }
        } finally {
          for (const id of chunk.ids) held.delete(id);
        }
      }
    };
    const start = () => {
      active++;
      runner()
        .catch((err) => failures.push(err))
        .finally(() => {
          if (--active === 0) passDone?.();
        });
    };
    function topUp() {
      while (passDone && active < options.parallel && active < queue.length) start();
    }

    try {
      do {
        drainAgain = false;
        await new Promise<void>((resolve) => {
          passDone = resolve;
          start();
        });
        passDone = null;
        if (failures.length) throw failures[0];
      } while (drainAgain && Date.now() < until);
    } finally {
      if (backgroundPaused) await ctx.background!.resume();
    }
    return total;
  })().finally(() => {
    draining = null;
  });
  return draining;
}

type Handler = (job: Job, ctx: HandlerContext) => Promise<unknown>;

/** Job name → handler. Each handler validates its payload and calls one use case. */
export const HANDLERS: Record<string, Handler> = {
  // Staff sessions, links and reset codes in the session-purge scope; then residents' codes and sessions (decision
  // 035), tenant tables that admit no system scope, community by community (as the sweeps below). A failure in one
  // community does not stop the others.
  [JOBS.purgeExpiredSessions.name]: async (job, { db, log }) => {
    JOBS.purgeExpiredSessions.payload.parse(job.data ?? {});
    const staff = await withSystem(db, SYSTEM_SCOPES.sessionPurge, 'purgeExpiredSessions', (tx) => purgeExpiredSessions(tx, anonymousCaller()));
    const ids = await withScope(db, {}, (tx) => listActiveCommunityIds(tx, anonymousCaller()));
    const residents = { codes: 0, sessions: 0 };
    let failed = 0;
    for (const tenantId of ids) {
      try {
        const purged = await withTenant(db, tenantId, (tx) => purgeExpiredResidentAccess(tx, anonymousCaller(), { tenantId }));
        residents.codes += purged.codes;
        residents.sessions += purged.sessions;
      } catch (err) {
        failed++;
        log.error({ err, tenantId }, 'purging residents’ sign-in codes and sessions failed for a community');
      }
    }
    if (failed) throw new Error(`${failed} communities failed; will retry`);
    return { ...staff, residentCodes: residents.codes, residentSessions: residents.sessions };
  },
  // A sweep across tenants without bypassing RLS: list active communities from the hierarchy (a reference table: an
  // empty scope reads it and nothing private), then work inside each one's own tenant context. A failure in one
  // community does not stop the others.
  [JOBS.closeUnratedCases.name]: async (job, { db, log }) => {
    JOBS.closeUnratedCases.payload.parse(job.data ?? {});
    const ids = await withScope(db, {}, (tx) => listActiveCommunityIds(tx, anonymousCaller()));
    const communities = ids.map((id) => ({ id }));
    let closed = 0;
    let failed = 0;
    for (const { id } of communities) {
      try {
        closed += (await withTenant(db, id, (tx) => closeUnratedCases(tx, anonymousCaller(), { tenantId: id }))).closed;
      } catch (err) {
        failed++;
        log.error({ err, tenantId: id }, 'closing unrated cases failed for a community');
      }
    }
    if (failed) throw new Error(`${failed} communities failed; will retry`);
    return { communities: communities.length, closed };
  },
  // Visiting care (decision 039): each community's roster follows its register and opens the current routine
  // windows with their timers; the same sweep shape as above (one community's failure does not stop the others).
  [JOBS.syncCareRosters.name]: async (job, { db, log }) => {
    JOBS.syncCareRosters.payload.parse(job.data ?? {});
    const ids = await withScope(db, {}, (tx) => listActiveCommunityIds(tx, anonymousCaller()));
    let windows = 0;
    let failed = 0;
    for (const id of ids) {
      try {
        windows += (await withTenant(db, id, (tx) => syncCareRoster(tx, anonymousCaller(), { tenantId: id }))).windows;
      } catch (err) {
        failed++;
        log.error({ err, tenantId: id }, 'syncing the care roster failed for a community');
      }
    }
    if (failed) throw new Error(`${failed} communities failed; will retry`);
    return { communities: ids.length, windows };
  },
  // A timer: everything due by now is woken (not only what this timer was set for).
  [JOBS.deadlineTick.name]: async (job, ctx) => {
    JOBS.deadlineTick.payload.parse(job.data ?? {});
    return drainDueDeadlines(ctx, ctx.deadlineBatch);
  },
  // Jobs from before timers were per instant: one deadline each.
  [JOBS.deadlineWake.name]: async (job, { db }) => {
    const { deadlineId, version, communityId } = JOBS.deadlineWake.payload.parse(job.data ?? {});
    const started = Date.now();
    const result = await wakeDeadline(db, deadlineId, version, new Date(), communityId);
    if (result === 'reminded' || result === 'breached') deadlineStats.record(started - (job.timestamp + (job.opts.delay ?? 0)), result);
    return result;
  },
  // The safety net: everything due is woken from PostgreSQL (a lost timer costs at most one sweep interval), then
  // upcoming wake-ups get their timers.
  [JOBS.reconcileDeadlines.name]: async (job, ctx) => {
    JOBS.reconcileDeadlines.payload.parse(job.data ?? {});
    const drained = await drainDueDeadlines(ctx, ctx.deadlineBatch);
    const ticks = await upcomingWakeTicks(ctx.db, new Date(), HORIZON_MS, TICK_MS);
    await scheduleWakeTicks(ctx.queues.deadlines, ticks);
    return { ...drained, timers: ticks.length };
  },
  [JOBS.recomputeDeadlines.name]: async (job, { db, queues }) => {
    const { year } = JOBS.recomputeDeadlines.payload.parse(job.data ?? {});
    forgetPolicyCaches();
    const changed = await recomputeDeadlines(db, year, async (communityId) => ({ calendar: await workingCalendar(db), policy: await communitySlaPolicy(db, communityId, null) }));
    // New versions need new timers; the next sweep would add them too, this is just sooner.
    await scheduleWakeTicks(queues.deadlines, await upcomingWakeTicks(db, new Date(), HORIZON_MS, TICK_MS));
    return { changed };
  },
  [JOBS.refreshRollups.name]: async (job, { db }) => {
    JOBS.refreshRollups.payload.parse(job.data ?? {});
    let refreshed = 0;
    // Drain what is stale now, in batches; the scheduler comes back in a few seconds for the rest.
    for (let i = 0; i < 20; i++) {
      const n = await refreshDirtyRollups(db, anonymousCaller(), { limit: 500 });
      refreshed += n;
      if (n < 500) break;
    }
    return { refreshed };
  },
  [JOBS.relayOutbox.name]: async (job, { db, queues }) => {
    JOBS.relayOutbox.payload.parse(job.data ?? {});
    const relayed = await relayOutbox(db, SYSTEM, {
      enqueue: async (rows) => {
        await addBulkThroughReshard(
          queues.notifications,
          rows.map(({ id: outboxId, tenantId }) => ({
            name: JOBS.deliverMessage.name,
            data: { outboxId, tenantId },
            opts: { jobId: jobId('deliver', outboxId), attempts: MAX_DELIVERY_ATTEMPTS, backoff: { type: 'exponential', delay: 10_000 }, removeOnComplete: true, removeOnFail: 1000 },
          })),
        );
      },
    });
    return { relayed };
  },
  [JOBS.deliverMessage.name]: async (job, { db, cipher, transports }) => {
    const { outboxId } = JOBS.deliverMessage.payload.parse(job.data ?? {});
    const outcome = await deliverMessage(db, SYSTEM, { transports, cipher, outboxId });
    // Retried by BullMQ with backoff; after the last attempt the row is left `failed` for operators. A row another
    // attempt holds is tried again later (its claim lapses if that attempt died).
    if (outcome.result === 'retry') throw outcome.error;
    if (outcome.result === 'busy') throw new Error('another delivery attempt holds this message; trying again later');
    return outcome.result;
  },
  // Bulk onboarding: resumable row by row (see runOnboardingImport), so a retry after a crash finishes the file.
  [JOBS.importCommunities.name]: async (job, { db, cipher }) => {
    const { importId } = JOBS.importCommunities.payload.parse(job.data ?? {});
    return runOnboardingImport(db, anonymousCaller(), { cipher, importId });
  },
};
