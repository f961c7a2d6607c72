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
