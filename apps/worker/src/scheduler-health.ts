/** What the last check of the job schedulers found (process.ts keeps one per worker process). */
export type SchedulerState = { recreated: number; lastCheck: number; missing: string[]; error: string | null };

/** How often the schedulers are checked: every 5 s, or every deadline reconcile when that is shorter. */
export function schedulerCheckEvery(deadlineReconcileMs: number): number {
  return Math.min(5000, deadlineReconcileMs);
}

/**
 * Readiness of the job schedulers at `now` (epoch ms): 'ok' when a check found them (or recreated the missing ones)
 * within three check intervals and two seconds; otherwise why not — the last check failed (Redis refused or lost
 * them and they could not be set again), or no check has succeeded recently (never since boot, or the checks stopped).
 */
export function schedulersHealth(state: Pick<SchedulerState, 'lastCheck' | 'error'>, checkEveryMs: number, now = Date.now()): string {
  if (state.error) return `scheduler check failed: ${state.error}`;
  if (now - state.lastCheck > 3 * checkEveryMs + 2000) return 'schedulers not checked recently';
  return 'ok';
}

/** A job scheduler as the worker sets it in Redis: its queue (the two BullMQ calls used), name, interval and job options. */
export type ScheduledJob = {
  name: string;
  every: number;
  opts: Record<string, unknown>;
  queue: {
    getJobScheduler(name: string): Promise<unknown>;
    upsertJobScheduler(name: string, repeat: { every: number }, template: { name: string; data: Record<string, never>; opts: Record<string, unknown> }): Promise<unknown>;
  };
};

/**
 * One check of the job schedulers: those missing in Redis (a fresh Redis, or one that lost its data) are set again,
 * and `state` records the outcome the readiness answer reads (schedulersHealth): `lastCheck` at `now` when every
 * scheduler is there or set again, `error` when Redis refused. Output: the names found missing (and set again);
 * `[]` also after a failure (see `state.error`). A repair after boot is counted in `state.recreated`.
 */
export async function checkSchedulers(schedulers: readonly ScheduledJob[], state: SchedulerState, now: () => number = Date.now): Promise<string[]> {
  try {
    const missing: string[] = [];
    for (const s of schedulers) if (!(await s.queue.getJobScheduler(s.name))) missing.push(s.name);
    for (const s of schedulers.filter((x) => missing.includes(x.name))) await s.queue.upsertJobScheduler(s.name, { every: s.every }, { name: s.name, data: {}, opts: s.opts });
    if (missing.length && state.lastCheck) state.recreated += missing.length;
    state.missing = [];
    state.error = null;
    state.lastCheck = now();
    return missing;
  } catch (e) {
    state.error = (e as Error).message;
    return [];
  }
}
