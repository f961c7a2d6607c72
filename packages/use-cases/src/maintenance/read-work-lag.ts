import { and, eq, sql } from 'drizzle-orm';
import { type Db, deadlines, outbox, SYSTEM_SCOPES, withSystem } from '@shequ/db';
import type { AnonymousCaller } from '../caller.ts';

/** How long work has waited, in milliseconds (null when nothing waits). */
export type WorkLag = { outboxMs: number | null; deadlineMs: number | null };

/**
 * How long the oldest pending outbox message and the oldest due, still running deadline have waited, by the
 * database's clock, for the worker's readiness probe (work must be happening, not just possible).
 *
 * Input: `db` (not a transaction: each age is read in its own system scope, the sweeps' own, as row-level security
 * hides other communities' rows from any other), the system caller (`anonymousCaller()`), and `{ label }` for the
 * scope's log line (default 'readiness').
 * Output: `{ outboxMs, deadlineMs }` in milliseconds, each null when nothing waits.
 * Refusals: none; a database error is thrown to the probe, which reports it.
 */
export async function readWorkLag(db: Db, _caller: AnonymousCaller, input: { label?: string } = {}): Promise<WorkLag> {
  const label = input.label ?? 'readiness';
  const ms = (column: typeof outbox.createdAt | typeof deadlines.wakeAt) => sql<string | null>`extract(epoch from now() - min(${column})) * 1000`;
  const toNumber = (v: string | number | null | undefined) => (v == null ? null : Number(v));
  const [outboxMs, deadlineMs] = await Promise.all([
    withSystem(db, SYSTEM_SCOPES.outboxRelay, label, async (tx) => {
      const [row] = await tx.select({ ms: ms(outbox.createdAt) }).from(outbox).where(eq(outbox.state, 'pending'));
      return toNumber(row?.ms);
    }),
    withSystem(db, SYSTEM_SCOPES.deadlineSweep, label, async (tx) => {
      const [row] = await tx
        .select({ ms: ms(deadlines.wakeAt) })
        .from(deadlines)
        .where(and(eq(deadlines.state, 'running'), sql`${deadlines.wakeAt} <= now()`));
      return toNumber(row?.ms);
    }),
  ]);
  return { outboxMs, deadlineMs };
}
