import { and, eq } from 'drizzle-orm';
import { cases, type Tx } from '@shequ/db';
import { ForbiddenError } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { acceptCase } from './accept-case.ts';
import type { CaseRef } from './case-action-parts.ts';
import { resolveCase } from './resolve-case.ts';

// A wish answered by other work of the community (a volunteer activity organised for it, a matter taken to the
// co-governance committee): the work takes the wish up (受理) and, when done, resolves it (办结), so that its
// resident sees one consistent state on the tracking page and can rate the answer. Each step runs in a savepoint: a
// caller who may not act on cases (a team leader, a partner unit's account) or a wish the community no longer holds
// (escalated, finished) leaves the wish as it was, and the work goes on. A building block, not exported from the root.

/** The wish's lifecycle status, or null when it is not a case of the community. */
export async function wishStatus(tx: Tx, ref: CaseRef) {
  const [row] = await tx.select({ status: cases.status }).from(cases).where(and(eq(cases.tenantId, ref.tenantId), eq(cases.id, ref.caseId)));
  return row?.status ?? null;
}

/** Runs one lifecycle step in a savepoint; false when the lifecycle or the caller's permissions refused it. */
async function tryStep(tx: Tx, step: (sp: Tx) => Promise<unknown>) {
  try {
    await tx.transaction(step);
    return true;
  } catch (error) {
    if (error instanceof ForbiddenError || error instanceof UseCaseError) return false;
    throw error;
  }
}

/** 受理 in the caller's name when the wish is still submitted. Output: true when it is accepted now or already was. */
export async function takeUpWish(tx: Tx, caller: StaffCaller, ref: CaseRef, now: Date) {
  const status = await wishStatus(tx, ref);
  if (status === 'accepted') return true;
  return status === 'submitted' && tryStep(tx, (sp) => acceptCase(sp, caller, ref, now));
}

/**
 * Accepts (when still submitted) and resolves the wish with `resolution` (the public answer its resident reads), in
 * the caller's name. Output: true when the wish is resolved now; false when it was left as it was.
 */
export async function resolveWishWith(tx: Tx, caller: StaffCaller, ref: CaseRef, resolution: string, now: Date) {
  return tryStep(tx, async (sp) => {
    if ((await wishStatus(sp, ref)) === 'submitted') await acceptCase(sp, caller, ref, now);
    await resolveCase(sp, caller, { ...ref, resolution }, now);
  });
}
