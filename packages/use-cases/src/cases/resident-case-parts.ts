import { and, eq } from 'drizzle-orm';
import { normalizeTrackingCode } from '@shequ/domain';
import { cases, type Tx } from '@shequ/db';
import { UseCaseError } from '../errors.ts';

// What a resident does with a tracking code (look, rate, reopen, answer, see a photo): what those use cases share
// (not exported from the package root). Wrong code and someone else's code get the same answer ('case.notFound'):
// the code is the only key, and lookups are rate-limited by the caller.

/** A case of the community by its tracking code; a wrong code and someone else's alike: 'case.notFound'. */
export async function caseIdByCode(tx: Tx, tenantId: string, code: string): Promise<string> {
  const normalized = normalizeTrackingCode(code);
  if (!normalized) throw new UseCaseError('case.notFound');
  const [row] = await tx.select({ id: cases.id }).from(cases).where(and(eq(cases.tenantId, tenantId), eq(cases.trackingCode, normalized)));
  if (!row) throw new UseCaseError('case.notFound');
  return row.id;
}

/**
 * Entries of the case a merged wish follows that its reporter sees: the office's steps, replies and outcome. The
 * other reporter's own words and exchanges (their text, answers, rating, reopening, questions put to them) stay
 * theirs.
 */
export const NOT_FOR_FOLLOWERS = new Set(['submitted', 'supplyInfo', 'requestInfo', 'rate', 'reopen', 'followUp', 'closeUnrated', 'merged_in']);

/** The case a merged wish follows (merges are kept one level deep: see mergeCase), or null. */
export async function followedCase(tx: Tx, tenantId: string, mergedIntoId: string | null) {
  if (!mergedIntoId) return null;
  const [row] = await tx
    .select({ id: cases.id, status: cases.status, streetId: cases.streetId, leadDepartmentId: cases.leadDepartmentId, createdAt: cases.createdAt })
    .from(cases)
    .where(and(eq(cases.tenantId, tenantId), eq(cases.id, mergedIntoId)));
  return row ?? null;
}

export const FINISHED_FOR_RATING = ['resolved', 'closed'];
