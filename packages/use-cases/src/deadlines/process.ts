import { and, asc, desc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import { type Db, deadlines, SYSTEM_SCOPES, type Tx, withSystem, withTenant } from '@shequ/db';
import { deadlineSubjectType } from './subjects.ts';
import type { DeadlineRow } from './store.ts';
import './case-subject.ts';
import '../care/visit-subject.ts';
import '../volunteers/shift-subject.ts';
import { deferRollupMarks, flushRollupMarks } from '../dashboards/rollups.ts';

export type WakeResult = 'reminded' | 'breached' | 'stale' | 'early' | 'gone' | 'busy';
/** `together`: the breach was written with others, set-based (decision 031). */
export type WakeOutcome = { id: string; result: WakeResult; dueAt?: Date; wakeAt?: Date; together?: boolean };

/**
 * Wakes deadlines of one community in this transaction, exactly once each however often it is called. The one lock
 * order (decision 026): first the subjects (by type name, then id), then the deadline rows (by id); so wake-ups of
 * one subject are serialised, and no web action (which locks its case, then its deadlines) can deadlock with them.
 * Each row is re-read under its lock and acted on only while still running, due, and (when `expected` names one)
 * at the version the caller saw; the effect (a reminder's notices, or a breach's escalation and messages) moves
 * the version in the same transaction. With `skipLocked`, subjects someone else holds are left for later ('busy').
 */
async function wakeInTransaction(tx: Tx, tenantId: string, ids: string[], expected: Map<string, number | null>, now: Date, skipLocked: boolean, setBased: boolean): Promise<WakeOutcome[]> {
  if (setBased) deferRollupMarks(tx);
  const outcomes = await wakeLocked(tx, tenantId, ids, expected, now, skipLocked, setBased);
  if (setBased) await flushRollupMarks(tx);
  return outcomes;
}

/**
 * `setBased`: breaches go to their type's `breachMany` (decision 031) — the drain's batches, even of one deadline:
 * a steady stream spread over many communities brings one due row per community per timer, and one by one each
 * breach of a case costs about 30 statements instead of 3 (decision 041).
 */
async function wakeLocked(tx: Tx, tenantId: string, ids: string[], expected: Map<string, number | null>, now: Date, skipLocked: boolean, setBased: boolean): Promise<WakeOutcome[]> {
  const seen = await tx.select({ id: deadlines.id, subjectType: deadlines.subjectType, subjectId: deadlines.subjectId }).from(deadlines).where(and(eq(deadlines.tenantId, tenantId), inArray(deadlines.id, ids)));
  const byType = new Map<string, string[]>();
  for (const d of seen) byType.set(d.subjectType, [...(byType.get(d.subjectType) ?? []), d.subjectId]);
  const held = new Set<string>();
  for (const type of [...byType.keys()].sort()) {
    const subjectIds = [...new Set(byType.get(type))].sort();
    for (const id of await deadlineSubjectType(type).lock(tx, tenantId, subjectIds, { skipLocked })) held.add(`${type}:${id}`);
  }
  const outcomes: WakeOutcome[] = ids.filter((id) => !seen.some((d) => d.id === id)).map((id) => ({ id, result: 'gone' as const }));
  const ordered = [...seen].sort((a, b) => (a.id < b.id ? -1 : 1));
  if (!ordered.length) return outcomes;
  const heldRows = ordered.filter((d) => held.has(`${d.subjectType}:${d.subjectId}`));
  // Then the deadline rows, in id order; read as they are under the lock.
  const locked = heldRows.length
    ? await tx.select().from(deadlines).where(and(eq(deadlines.tenantId, tenantId), inArray(deadlines.id, heldRows.map((d) => d.id)))).orderBy(asc(deadlines.id)).for('update')
    : [];
  // Breaches written together (decision 031): a subject with only this one row in the batch, of a type that can
  // breach several subjects with one statement per effect. Rows sharing a subject go one by one in id order below
  // (an earlier effect may settle a later row), exactly as before.
  const perSubject = new Map<string, number>();
  for (const d of heldRows) perSubject.set(`${d.subjectType}:${d.subjectId}`, (perSubject.get(`${d.subjectType}:${d.subjectId}`) ?? 0) + 1);
  const together = new Map<string, DeadlineRow[]>();
  const oneByOne: typeof ordered = [];
  for (const s of ordered) {
    if (!held.has(`${s.subjectType}:${s.subjectId}`)) {
      outcomes.push({ id: s.id, result: skipLocked ? 'busy' : 'gone' });
      continue;
    }
    const d = locked.find((r) => r.id === s.id);
    const want = expected.get(s.id) ?? null;
    if (!d || d.state !== 'running' || (want !== null && d.version !== want)) outcomes.push({ id: s.id, result: 'stale' });
    else if (d.wakeAt > now) outcomes.push({ id: s.id, result: 'early' });
    else if (setBased && d.dueAt <= now && perSubject.get(`${s.subjectType}:${s.subjectId}`) === 1 && deadlineSubjectType(d.subjectType).breachMany) {
      together.set(d.subjectType, [...(together.get(d.subjectType) ?? []), d]);
    } else oneByOne.push(s);
  }
  for (const [type, rows] of [...together].sort(([a], [b]) => (a < b ? -1 : 1))) {
    // 超期, for all of them: each row moves to breached (one statement), then the subject type acts on them all.
    const moved = await tx
      .update(deadlines)
      .set({ state: 'breached', breachedAt: now, version: sql`${deadlines.version} + 1` })
      .where(and(eq(deadlines.tenantId, tenantId), inArray(deadlines.id, rows.map((r) => r.id)), eq(deadlines.state, 'running')))
      .returning();
    if (moved.length !== rows.length) throw new Error(`deadline batch: ${rows.length - moved.length} locked rows changed under the lock`);
    moved.sort((a, b) => (a.id < b.id ? -1 : 1));
    await deadlineSubjectType(type).breachMany!(tx, tenantId, moved.map((deadline) => ({ subjectId: deadline.subjectId, deadline })), now);
    for (const d of rows) outcomes.push({ id: d.id, result: 'breached', dueAt: d.dueAt, wakeAt: d.wakeAt, together: true });
  }
  for (const s of oneByOne) {
    // Re-read: an earlier effect in this batch may have settled or moved this row (a breach cancels its siblings).
    const [d] = await tx.select().from(deadlines).where(and(eq(deadlines.tenantId, tenantId), eq(deadlines.id, s.id)));
    const want = expected.get(s.id) ?? null;
    if (!d || d.state !== 'running' || (want !== null && d.version !== want)) outcomes.push({ id: s.id, result: 'stale' });
    else if (d.wakeAt > now) outcomes.push({ id: s.id, result: 'early' });
    else outcomes.push({ id: s.id, result: await applyWake(tx, d, now), dueAt: d.dueAt, wakeAt: d.wakeAt });
  }
  return outcomes;
}

/** The effect of one due wake-up: the row moves on (next reminder, or breached), then the subject type acts. */
async function applyWake(tx: Tx, d: DeadlineRow, now: Date): Promise<'reminded' | 'breached'> {
  const subjectType = deadlineSubjectType(d.subjectType);
  const where = and(eq(deadlines.tenantId, d.tenantId), eq(deadlines.id, d.id));
  if (d.dueAt > now) {
    // 催办: the next reminder point has come.
    const remindAt = d.remindAt.filter((r) => new Date(r) > now);
    const [moved] = await tx.update(deadlines).set({ remindAt, wakeAt: remindAt[0] ? new Date(remindAt[0]) : d.dueAt, version: sql`${deadlines.version} + 1` }).where(where).returning();
    await subjectType.remind(tx, d.subjectId, moved!, now);
    return 'reminded';
  }
  // 超期.
  const [moved] = await tx.update(deadlines).set({ state: 'breached', breachedAt: now, version: sql`${deadlines.version} + 1` }).where(where).returning();
  await subjectType.breach(tx, d.subjectId, moved!, now);
  return 'breached';
}

/**
 * A deadline's wake-up (a job's, or a test's): exactly once however often it is called (see wakeInTransaction).
 * `expectedVersion` null acts on whatever version is running (the sweep). Waits for a subject someone holds.
 */
export async function wakeDeadline(db: Db, deadlineId: string, expectedVersion: number | null, now = new Date(), knownCommunityId?: string): Promise<WakeResult> {
  // Jobs and the sweep know the community; older jobs look it up.
  const communityId = knownCommunityId ?? (await withSystem(db, SYSTEM_SCOPES.deadlineSweep, 'wakeDeadline: community of an old job', (tx) => tx.select({ tenantId: deadlines.tenantId }).from(deadlines).where(eq(deadlines.id, deadlineId))))[0]?.tenantId;
  if (!communityId) return 'gone';
  const [outcome] = await withTenant(db, communityId, (tx) => wakeInTransaction(tx, communityId, [deadlineId], new Map([[deadlineId, expectedVersion]]), now, false, false));
  return outcome?.result ?? 'gone';
}

/**
 * Wakes a batch of due deadlines of one community in one transaction (the holiday-morning burst: several subjects
 * per transaction instead of one each). Subjects held by someone else are skipped ('busy'; the next round takes
 * them). If any effect fails, the batch is rolled back and each deadline is woken on its own, so one bad subject
 * does not hold up the rest; its own error is returned for the log.
 */
export async function wakeDeadlineBatch(db: Db, tenantId: string, ids: string[], now = new Date()): Promise<{ outcomes: WakeOutcome[]; errors: { id: string; error: unknown }[] }> {
  try {
    const outcomes = await withTenant(db, tenantId, (tx) => wakeInTransaction(tx, tenantId, ids, new Map(), now, true, true));
    return { outcomes, errors: [] };
  } catch {
    const outcomes: WakeOutcome[] = [];
    const errors: { id: string; error: unknown }[] = [];
    for (const id of ids) {
      try {
        outcomes.push(...(await withTenant(db, tenantId, (tx) => wakeInTransaction(tx, tenantId, [id], new Map(), now, true, false))));
      } catch (error) {
        errors.push({ id, error });
      }
    }
    return { outcomes, errors };
  }
}

/** What the sweep and the drain read of a deadline: its ids, subject, version and wake-up time. */
const DEADLINE_ROW = { id: deadlines.id, communityId: deadlines.tenantId, subjectType: deadlines.subjectType, subjectId: deadlines.subjectId, kind: deadlines.kind, version: deadlines.version, wakeAt: deadlines.wakeAt };

/** Deadlines whose wake-up time has come (for the sweep), earliest first. A cross-community read of ids and times. */
export function dueDeadlines(db: Db, now: Date, limit: number) {
  return withSystem(db, SYSTEM_SCOPES.deadlineSweep, 'dueDeadlines', (tx) =>
    tx
      .select(DEADLINE_ROW)
      .from(deadlines)
      .where(and(eq(deadlines.state, 'running'), lte(deadlines.wakeAt, now)))
      // Earliest first; a burst due at one instant comes community by community, so batches are full.
      .orderBy(asc(deadlines.wakeAt), asc(deadlines.tenantId))
      .limit(limit),
  );
}

/**
 * The latest deadlines whose wake-up time has come, newest first (for the drain's fresh lane: while a backlog drains,
 * what fell due last is served beside it, so the steady stream stays on time behind a holiday burst). A
 * cross-community read of ids and times. Input: now, limit; output: the same rows as dueDeadlines.
 */
export function latestDueDeadlines(db: Db, now: Date, limit: number) {
  return withSystem(db, SYSTEM_SCOPES.deadlineSweep, 'latestDueDeadlines', (tx) =>
    tx
      .select(DEADLINE_ROW)
      .from(deadlines)
      .where(and(eq(deadlines.state, 'running'), lte(deadlines.wakeAt, now)))
      .orderBy(desc(deadlines.wakeAt), asc(deadlines.tenantId))
      .limit(limit),
  );
}

/** Deadlines that wake within the horizon: the worker makes sure each has its delayed job. */
export function upcomingDeadlines(db: Db, now: Date, horizonMs: number, limit: number) {
  return withSystem(db, SYSTEM_SCOPES.deadlineSweep, 'upcomingDeadlines', (tx) =>
    tx
      .select(DEADLINE_ROW)
      .from(deadlines)
      .where(and(eq(deadlines.state, 'running'), gt(deadlines.wakeAt, now), lte(deadlines.wakeAt, new Date(now.getTime() + horizonMs))))
      .orderBy(asc(deadlines.wakeAt))
      .limit(limit),
  );
}

/**
 * The distinct wake-up instants within the horizon, rounded up to `tickMs` (ms since the epoch): one timer per
 * instant wakes everything due by then, however many deadlines share it (100,000 pending need a few thousand
 * timers, not 100,000 jobs).
 */
export async function upcomingWakeTicks(db: Db, now: Date, horizonMs: number, tickMs: number): Promise<number[]> {
  const rows = await withSystem(db, SYSTEM_SCOPES.deadlineSweep, 'upcomingWakeTicks', (tx) =>
    tx.execute(sql`
      select distinct ceil(extract(epoch from ${deadlines.wakeAt}) * 1000 / ${tickMs}::int)::bigint * ${tickMs}::int as tick
      from ${deadlines}
      where ${deadlines.state} = 'running' and ${deadlines.wakeAt} > ${now.toISOString()}::timestamptz
        and ${deadlines.wakeAt} <= ${new Date(now.getTime() + horizonMs).toISOString()}::timestamptz
      order by 1`),
  );
  return (rows as unknown as { tick: string | number }[]).map((r) => Number(r.tick));
}
