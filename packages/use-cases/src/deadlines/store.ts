import { and, eq, gte, inArray, isNotNull, lt, notExists, or, sql } from 'drizzle-orm';
import { allowedWorkingMs, type DeadlineKind, planDeadline, type SlaPolicy, type WorkingCalendar, workingTimeBetween } from '@shequ/domain';
import { cases, type Db, deadlines, type Tx, withoutTenant, withTenant } from '@shequ/db';

export type DeadlineRow = typeof deadlines.$inferSelect;

/**
 * A running deadline counts `remainingMs` (null: the whole allowance) of working time from `startedAt`. Pausing
 * stores what is left; resuming restarts the count from then. So the due time can always be recomputed, e.g. when
 * a calendar is loaded or corrected.
 */
export type DeadlineContext = { calendar: WorkingCalendar; policy: SlaPolicy };

const wakeOf = (dueAt: Date, remindAt: Date[]) => remindAt[0] ?? dueAt;

/**
 * Starts (or restarts) a case's deadline of a kind from `now` with the full allowance: one row per (case, kind),
 * its version bumped so any job scheduled for the previous run of it does nothing.
 */
export async function startDeadline(
  tx: Tx,
  ctx: DeadlineContext,
  input: { communityId: string; caseId: string; kind: DeadlineKind; holderOrgUnitId: string | null; now: Date },
): Promise<DeadlineRow> {
  const allowedMs = allowedWorkingMs(ctx.policy, input.kind);
  const plan = planDeadline(ctx.calendar, ctx.policy, input.now, allowedMs);
  const values = {
    communityId: input.communityId,
    caseId: input.caseId,
    kind: input.kind,
    holderOrgUnitId: input.holderOrgUnitId,
    state: 'running' as const,
    startedAt: input.now,
    allowedMs,
    remainingMs: null,
    dueAt: plan.dueAt,
    remindAt: plan.remindAt.map((d) => d.toISOString()),
    wakeAt: wakeOf(plan.dueAt, plan.remindAt),
    provisional: plan.provisional,
    pausedAt: null,
    metAt: null,
    breachedAt: null,
  };
  const [row] = await tx
    .insert(deadlines)
    .values(values)
    .onConflictDoUpdate({ target: [deadlines.caseId, deadlines.kind], set: { ...values, version: sql`${deadlines.version} + 1` } })
    .returning();
  return row!;
}

/** Ends a case's running or paused deadlines of the given kinds (met in time or not; or no longer relevant). */
export async function settleDeadlines(tx: Tx, caseId: string, kinds: DeadlineKind[], outcome: 'met' | 'cancelled', now: Date) {
  if (!kinds.length) return [];
  return tx
    .update(deadlines)
    .set({ state: outcome, metAt: outcome === 'met' ? now : null, version: sql`${deadlines.version} + 1` })
    .where(and(eq(deadlines.caseId, caseId), inArray(deadlines.kind, kinds), inArray(deadlines.state, ['running', 'paused'])))
    .returning();
}

/** Pauses a case's running deadlines, keeping the working time that was left. */
export async function pauseDeadlines(tx: Tx, ctx: DeadlineContext, where: { caseId: string } | { communityId: string }, now: Date) {
  const running = await tx
    .select()
    .from(deadlines)
    .where(and('caseId' in where ? eq(deadlines.caseId, where.caseId) : eq(deadlines.communityId, where.communityId), eq(deadlines.state, 'running')))
    .for('update');
  const out: DeadlineRow[] = [];
  for (const d of running) {
    const left = workingTimeBetween(ctx.calendar, ctx.policy.hours, now, d.dueAt).ms;
    const [row] = await tx
      .update(deadlines)
      .set({ state: 'paused', pausedAt: now, remainingMs: left, version: sql`${deadlines.version} + 1` })
      .where(eq(deadlines.id, d.id))
      .returning();
    out.push(row!);
  }
  return out;
}

/**
 * Resumes paused deadlines with the working time they had left; reminders still ahead are kept. A community's
 * reactivation leaves alone the cases still waiting for their resident (those resume when the resident answers).
 */
export async function resumeDeadlines(tx: Tx, ctx: DeadlineContext, where: { caseId: string } | { communityId: string }, now: Date) {
  const paused = await tx
    .select()
    .from(deadlines)
    .where(
      and(
        'caseId' in where
          ? eq(deadlines.caseId, where.caseId)
          : and(
              eq(deadlines.communityId, where.communityId),
              notExists(tx.select({ one: sql`1` }).from(cases).where(and(eq(cases.tenantId, deadlines.communityId), eq(cases.id, deadlines.caseId), isNotNull(cases.awaitingResidentSince)))),
            ),
        eq(deadlines.state, 'paused'),
      ),
    )
    .for('update');
  const out: DeadlineRow[] = [];
  for (const d of paused) {
    const plan = planDeadline(ctx.calendar, ctx.policy, now, d.allowedMs, d.remainingMs ?? d.allowedMs);
    const [row] = await tx
      .update(deadlines)
      .set({
        state: 'running',
        pausedAt: null,
        // Counting restarts now with what was left: (startedAt, remainingMs) is enough to recompute the due time.
        startedAt: now,
        remainingMs: d.remainingMs ?? d.allowedMs,
        dueAt: plan.dueAt,
        remindAt: plan.remindAt.map((r) => r.toISOString()),
        wakeAt: wakeOf(plan.dueAt, plan.remindAt),
        provisional: plan.provisional,
        version: sql`${deadlines.version} + 1`,
      })
      .where(eq(deadlines.id, d.id))
      .returning();
    out.push(row!);
  }
  return out;
}

/**
 * Recomputes running deadlines after a calendar change: those that were provisional, or whose counting touches the
 * changed year. Each gets a new version (its old wake-up job is void), in one transaction per community.
 */
export async function recomputeDeadlines(
  db: Db,
  year: number,
  load: (communityId: string) => Promise<DeadlineContext>,
): Promise<number> {
  const yearStart = new Date(Date.UTC(year, 0, 1) - 8 * 3600 * 1000);
  const yearEnd = new Date(Date.UTC(year + 1, 0, 1) - 8 * 3600 * 1000);
  const touched = await withoutTenant(db, (tx) =>
    tx
      .selectDistinct({ communityId: deadlines.communityId })
      .from(deadlines)
      .where(and(eq(deadlines.state, 'running'), or(eq(deadlines.provisional, true), and(lt(deadlines.startedAt, yearEnd), gte(deadlines.dueAt, yearStart))))),
  );
  let changed = 0;
  for (const { communityId } of touched) {
    const ctx = await load(communityId);
    changed += await withTenant(db, communityId, async (tx) => {
      const rows = await tx
        .select()
        .from(deadlines)
        .where(and(eq(deadlines.communityId, communityId), eq(deadlines.state, 'running'), or(eq(deadlines.provisional, true), and(lt(deadlines.startedAt, yearEnd), gte(deadlines.dueAt, yearStart)))))
        .for('update');
      for (const d of rows) {
        const plan = planDeadline(ctx.calendar, ctx.policy, d.startedAt, d.allowedMs, d.remainingMs ?? d.allowedMs);
        const remindAt = plan.remindAt.filter((r) => r.getTime() > Date.now()); // reminders already due were sent or are moot
        await tx
          .update(deadlines)
          .set({ dueAt: plan.dueAt, remindAt: remindAt.map((r) => r.toISOString()), wakeAt: remindAt[0] ?? plan.dueAt, provisional: plan.provisional, version: sql`${deadlines.version} + 1` })
          .where(eq(deadlines.id, d.id));
      }
      return rows.length;
    });
  }
  return changed;
}
