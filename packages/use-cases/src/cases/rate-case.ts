import { and, eq } from 'drizzle-orm';
import { cleanText } from '@shequ/domain';
import { caseEvents, cases, type Tx } from '@shequ/db';
import type { Caller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { caseIdByCode, FINISHED_FOR_RATING, followedCase } from './resident-case-parts.ts';
import { RATING_COMMENT_MAX } from './resident-actions.schema.ts';
import { transitionCase } from './transition-case.ts';

/**
 * The resident rates the outcome (1–5, optional comment up to 500 characters). A resolved case closes with it; the
 * reporter of a merged wish rates the case it follows once that is resolved or closed, once, and their wish stays
 * merged ('case.refused.not_finished' before, 'case.refused.already_rated' a second time). Input: the community, the
 * tracking `code`, `rating` and `comment`. Refuses: case.residentRating.invalid (beside `rating`),
 * case.ratingComment.tooLong (beside `comment`, over RATING_COMMENT_MAX characters), case.notFound, and as transitionCase.
 */
export async function rateCase(tx: Tx, _caller: Caller, input: { tenantId: string; code: string; rating: number; comment?: string | null }, now = new Date()) {
  if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5) throw new UseCaseError('case.residentRating.invalid', { field: 'rating' });
  const comment = cleanText(input.comment ?? '') || null;
  // Refused, never cut short: a cut at 500 UTF-16 units split an emoji and the staff notice's JSON failed (a 500; t37).
  if (comment && Array.from(comment).length > RATING_COMMENT_MAX) throw new UseCaseError('case.ratingComment.tooLong', { field: 'comment', max: RATING_COMMENT_MAX });
  const caseId = await caseIdByCode(tx, input.tenantId, input.code);
  const [row] = await tx.select({ status: cases.status, mergedIntoId: cases.mergedIntoId }).from(cases).where(and(eq(cases.tenantId, input.tenantId), eq(cases.id, caseId)));
  if (row?.status === 'merged') {
    const followed = await followedCase(tx, input.tenantId, row.mergedIntoId);
    const rated = await transitionCase(tx, {
      tenantId: input.tenantId,
      caseId,
      action: 'rateMerged',
      actor: { kind: 'resident' },
      facts: { followedCaseFinished: Boolean(followed && FINISHED_FOR_RATING.includes(followed.status)) },
      patch: () => ({ rating: input.rating, ratingComment: comment }),
      event: { public: true, type: 'rate', body: comment, data: { rating: input.rating } },
      now,
    });
    // Staff read it on the case they handled too (internal: the other reporter does not see it).
    await tx.insert(caseEvents).values({ tenantId: input.tenantId, caseId: followed!.id, at: now, actorKind: 'resident', type: 'merged_rated', public: false, body: comment, data: { code: rated.trackingCode, rating: input.rating } });
    return rated;
  }
  return transitionCase(tx, {
    tenantId: input.tenantId,
    caseId,
    action: 'rate',
    actor: { kind: 'resident' },
    patch: () => ({ rating: input.rating, ratingComment: comment, closedAt: now, closeKind: 'rated' }),
    event: { public: true, body: comment, data: { rating: input.rating } },
    now,
  });
}
