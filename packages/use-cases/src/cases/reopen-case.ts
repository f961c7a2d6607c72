import { cleanText } from '@shequ/domain';
import type { Tx } from '@shequ/db';
import type { Caller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { caseIdByCode } from './resident-case-parts.ts';
import { transitionCase } from './transition-case.ts';

/**
 * Not satisfied: back to the office, once, with the resident's reason. Input: the community, the tracking `code` and
 * the `reason`. Refuses: case.reopenReason.required/tooLong (beside `reason`), case.notFound, and as transitionCase.
 */
export async function reopenCase(tx: Tx, _caller: Caller, input: { tenantId: string; code: string; reason: string }, now = new Date()) {
  const reason = cleanText(input.reason ?? '');
  if (!reason) throw new UseCaseError('case.reopenReason.required', { field: 'reason' });
  if (Array.from(reason).length > 500) throw new UseCaseError('case.reopenReason.tooLong', { field: 'reason', max: 500 });
  const caseId = await caseIdByCode(tx, input.tenantId, input.code);
  return transitionCase(tx, {
    tenantId: input.tenantId,
    caseId,
    action: 'reopen',
    actor: { kind: 'resident' },
    patch: (row) => ({ reopenCount: row.reopenCount + 1, resolvedAt: null }),
    event: { public: true, body: reason },
    now,
  });
}
