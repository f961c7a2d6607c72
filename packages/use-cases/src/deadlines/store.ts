import { and, eq, gte, inArray, isNotNull, lt, notExists, or, sql } from 'drizzle-orm';
import { allowedWorkingMs, type DeadlineKind, planDeadline, type DeadlinePlan, type SlaPolicy, type WorkingCalendar, workingTimeBetween } from '@shequ/domain';
import { cases, type Db, deadlines, SYSTEM_SCOPES, type Tx, withSystem, withTenant } from '@shequ/db';

export type DeadlineRow = typeof deadlines.$inferSelect;

/**
 * A running deadline counts `remainingMs` (null: the whole allowance) of working time from `startedAt`. Pausing
 * stores what is left; resuming restarts the count from then. So the due time can always be recomputed, e.g. when
 * a calendar is loaded or corrected.
 */
export type DeadlineContext = { calendar: WorkingCalendar; policy: SlaPolicy };

const wakeOf = (dueAt: Date, remindAt: Date[]) => remindAt[0] ?? dueAt;
const MAX_ALLOWED_MS = 2_147_483_647;

/** What a deadline is about: a registered subject type (decision 026), its id, and the community it belongs to. */
export type SubjectRef = { tenantId: string; type: string; id: string };

/** The rows of one subject's deadlines (every key leads with the community). */
export const ofSubject = (s: SubjectRef) => and(eq(deadlines.tenantId, s.tenantId), eq(deadlines.subjectType, s.type), eq(deadlines.subjectId, s.id))!;

/**
 * Starts (or restarts) a subject's deadline of a kind from `now`: one row per (subject, kind), its version bumped so
 * any job scheduled for the previous run of it does nothing. `plan` is the due time and reminders in working (or
 * calendar) time, computed by the caller's rules; `allowedMs` the allowance it was planned from (ms).
 */
export async function startSubjectDeadline(
  tx: Tx,
  input: { subject: SubjectRef; kind: string; holderOrgUnitId: string | null; now: Date; allowedMs: number; plan: DeadlinePlan },
): Promise<DeadlineRow> {
  const { plan } = input;
  // allowed_ms is an int column (up to 2^31 − 1 ms, about 24.8 days). A wall-clock subject's allowance can be longer
  // (a shift published two months ahead: its automatic check-out); it is recorded capped, since its due time is
  // what wakes it and only cases' limits are ever re-planned from the allowance.
  const allowedMs = Math.min(input.allowedMs, MAX_ALLOWED_MS);
  const values = {
    tenantId: input.subject.tenantId,
    subjectType: input.subject.type,
    subjectId: input.subject.id,
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
    .onConflictDoUpdate({ target: [deadlines.tenantId, deadlines.subjectType, deadlines.subjectId, deadlines.kind], set: { ...values, version: sql`${deadlines.version} + 1` } })
    .returning();
  return row!;
}

/** Starts (or restarts) a case's deadline of a kind from `now` with the full allowance of its community's policy. */
export async function startDeadline(
  tx: Tx,
  ctx: DeadlineContext,
  input: { communityId: string; caseId: string; kind: DeadlineKind; holderOrgUnitId: string | null; now: Date },
): Promise<DeadlineRow> {
  const allowedMs = allowedWorkingMs(ctx.policy, input.kind);
  const plan = planDeadline(ctx.calendar, ctx.policy, input.now, allowedMs);
  return startSubjectDeadline(tx, { subject: { tenantId: input.communityId, type: 'case', id: input.caseId }, kind: input.kind, holderOrgUnitId: input.holderOrgUnitId, now: input.now, allowedMs, plan });
}

/** Ends a subject's running or paused deadlines of the given kinds (met in time or not; or no longer relevant). */
export async function settleDeadlines(tx: Tx, subject: SubjectRef, kinds: string[], outcome: 'met' | 'cancelled', now: Date) {
  if (!kinds.length) return [];
  return tx
    .update(deadlines)
    .set({ state: outcome, metAt: outcome === 'met' ? now : null, version: sql`${deadlines.version} + 1` })
    .where(and(ofSubject(subject), inArray(deadlines.kind, kinds), inArray(deadlines.state, ['running', 'paused'])))
    .returning();
}

/** Pauses a subject's (or a whole community's) running deadlines, keeping the working time that was left. */
export async function pauseDeadlines(tx: Tx, ctx: DeadlineContext, where: { subject: SubjectRef } | { communityId: string }, now: Date) {
  const running = await tx
    .select()
    .from(deadlines)
    .where(and('subject' in where ? ofSubject(where.subject) : eq(deadlines.tenantId, where.communityId), eq(deadlines.state, 'running')))
    .orderBy(deadlines.id)
    .for('update');
  const out: DeadlineRow[] = [];
  for (const d of running) {
    const left = workingTimeBetween(ctx.calendar, ctx.policy.hours, now, d.dueAt).ms;
    const [row] = await tx
      .update(deadlines)
      .set({ state: 'paused', pausedAt: now, remainingMs: left, version: sql`${deadlines.version} + 1` })
      .where(and(eq(deadlines.tenantId, d.tenantId), eq(deadlines.id, d.id)))
      .returning();
    out.push(row!);
  }
  return out;
}

/**
 * Resumes paused deadlines with the working time they had left; reminders still ahead are kept. A community's
 * reactivation leaves alone the cases still waiting for their resident (those resume when the resident answers).
 */
export async function resumeDeadlines(tx: Tx, ctx: DeadlineContext, where: { subject: SubjectRef } | { communityId: string }, now: Date) {
  const paused = await tx
    .select()
    .from(deadlines)
    .where(
      and(
        'subject' in where
          ? ofSubject(where.subject)
          : and(
              eq(deadlines.tenantId, where.communityId),
              notExists(tx.select({ one: sql`1` }).from(cases).where(and(eq(cases.tenantId, deadlines.tenantId), eq(cases.id, deadlines.caseId), isNotNull(cases.awaitingResidentSince)))),
            ),
        eq(deadlines.state, 'paused'),
      ),
    )
    .orderBy(deadlines.id)
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
      .where(and(eq(deadlines.tenantId, d.tenantId), eq(deadlines.id, d.id)))
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
  const touched = await withSystem(db, SYSTEM_SCOPES.deadlineSweep, 'recomputeDeadlines', (tx) =>
    tx
      .selectDistinct({ communityId: deadlines.tenantId })
      .from(deadlines)
      // Only cases' limits are planned from the community's policy; other subject types plan their own.
      .where(and(eq(deadlines.subjectType, 'case'), eq(deadlines.state, 'running'), or(eq(deadlines.provisional, true), and(lt(deadlines.startedAt, yearEnd), gte(deadlines.dueAt, yearStart))))),
  );
  let changed = 0;
  for (const { communityId } of touched) {
    const ctx = await load(communityId);
    changed += await withTenant(db, communityId, async (tx) => {
      const rows = await tx
        .select()
        .from(deadlines)
        .where(and(eq(deadlines.tenantId, communityId), eq(deadlines.subjectType, 'case'), eq(deadlines.state, 'running'), or(eq(deadlines.provisional, true), and(lt(deadlines.startedAt, yearEnd), gte(deadlines.dueAt, yearStart)))))
        .orderBy(deadlines.id)
        .for('update');
      for (const d of rows) {
        const plan = planDeadline(ctx.calendar, ctx.policy, d.startedAt, d.allowedMs, d.remainingMs ?? d.allowedMs);
        const remindAt = plan.remindAt.filter((r) => r.getTime() > Date.now()); // reminders already due were sent or are moot
        await tx
          .update(deadlines)
          .set({ dueAt: plan.dueAt, remindAt: remindAt.map((r) => r.toISOString()), wakeAt: remindAt[0] ?? plan.dueAt, provisional: plan.provisional, version: sql`${deadlines.version} + 1` })
          .where(and(eq(deadlines.tenantId, d.tenantId), eq(deadlines.id, d.id)));
      }
      return rows.length;
    });
  }
  return changed;
}
