import { and, eq, inArray, isNotNull, notExists, sql } from 'drizzle-orm';
import { allowedWorkingMs, type DeadlineKind, planDeadline, type SlaPolicy, type WorkingCalendar, workingTimeBetween } from '@shequ/domain';
import { cases, deadlines, type Tx } from '@shequ/db';

export type DeadlineRow = typeof deadlines.$inferSelect;
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
        remainingMs: null,
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
