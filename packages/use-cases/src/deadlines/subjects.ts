import { sql } from 'drizzle-orm';
import type { Tx } from '@shequ/db';
import type { DeadlineRow, SubjectRef } from './store.ts';

/**
 * What a kind of subject (a case, a meeting's action item, a home visit, a booking cut-off…) does when one of its
 * deadlines wakes (decision 026). The engine keeps the rules common to all: the row is acted on only while running
 * at the expected version, the version moves with the effect, and the effect and its messages share one
 * transaction. A subject type brings three things:
 * - `lock`: lock the subjects (ids of one community, given in ascending order); returns the ids it holds (an id
 *   that no longer exists is not held: its deadlines are 'gone').
 *   This is the first lock any wake-up takes, before the deadline rows (the one lock order, decision 026), so
 *   wake-ups of one subject are serialised with each other and with the subject's own actions. With `skipLocked`,
 *   subjects someone else holds are left out instead of waited for (the batch sweep takes them next round).
 * - `remind`: 催办, a reminder point has come (the deadline row, given as it is after the move, is already moved on).
 * - `breach`: 超期, the due time has passed (the row is already marked breached).
 * Both run in the wake-up's transaction, in the community's tenant context, with the subject locked; they read the
 * subject afresh (an earlier effect in the same batch may have changed it).
 * - `breachMany` (optional, decision 031): the breaches of several subjects of one community at once, with the same
 *   effect as `breach` on each, written with one statement per kind of effect instead of a few per subject (the
 *   holiday-morning burst). Each subject is locked and has exactly one deadline in `items` (already marked
 *   breached); items come in deadline id order. It may hand any subject it cannot write together to `breach`.
 */
export type DeadlineSubjectType = {
  type: string;
  lock(tx: Tx, tenantId: string, ids: string[], options: { skipLocked: boolean }): Promise<string[]>;
  remind(tx: Tx, subjectId: string, deadline: DeadlineRow, now: Date): Promise<void>;
  breach(tx: Tx, subjectId: string, deadline: DeadlineRow, now: Date): Promise<void>;
  breachMany?(tx: Tx, tenantId: string, items: { subjectId: string; deadline: DeadlineRow }[], now: Date): Promise<void>;
};

const registry = new Map<string, DeadlineSubjectType>();

/** Registers (or replaces) a subject type; features call this once at import time. Names: lower-case, `_`. */
export function registerDeadlineSubject(subjectType: DeadlineSubjectType): DeadlineSubjectType {
  if (!/^[a-z][a-z0-9_]*$/.test(subjectType.type)) throw new Error(`subject type names are lower-case words: ${subjectType.type}`);
  registry.set(subjectType.type, subjectType);
  return subjectType;
}

/** The registered subject type of that name; throws for an unknown one (its deadlines wait, and the error is logged). */
export function deadlineSubjectType(type: string): DeadlineSubjectType {
  const t = registry.get(type);
  if (!t) throw new Error(`no deadline subject type registered as '${type}'`);
  return t;
}

/**
 * A lock for subjects that have no row of their own to lock (or whose row lives elsewhere): a transaction-scoped
 * advisory lock on (community, type, id), taken in the caller's order. Returns the ids it holds.
 */
export async function lockSubjectKeys(tx: Tx, ref: Omit<SubjectRef, 'id'>, ids: string[], skipLocked: boolean): Promise<string[]> {
  const held: string[] = [];
  for (const id of ids) {
    const key = `${ref.tenantId}:${ref.type}:${id}`;
    if (skipLocked) {
      const [row] = (await tx.execute(sql`select pg_try_advisory_xact_lock(hashtextextended(${key}, 0)) as ok`)) as unknown as { ok: boolean }[];
      if (row?.ok) held.push(id);
    } else {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
      held.push(id);
    }
  }
  return held;
}
