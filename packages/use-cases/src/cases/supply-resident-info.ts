import { cleanText } from '@shequ/domain';
import type { Tx } from '@shequ/db';
import type { Caller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { caseIdByCode } from './resident-case-parts.ts';
import { transitionCase } from './transition-case.ts';

/**
 * The resident answers the holder's question: the paused time limit resumes. Input: the community, the tracking
 * `code` and the `text`. Refuses: case.supply.required/tooLong (beside `text`), case.notFound, and as transitionCase.
 */
export async function supplyResidentInfo(tx: Tx, _caller: Caller, input: { tenantId: string; code: string; text: string }, now = new Date()) {
  const text = cleanText(input.text ?? '');
  if (!text) throw new UseCaseError('case.supply.required', { field: 'text' });
  if (Array.from(text).length > 1000) throw new UseCaseError('case.supply.tooLong', { field: 'text', max: 1000 });
  const caseId = await caseIdByCode(tx, input.tenantId, input.code);
  return transitionCase(tx, {
    tenantId: input.tenantId,
    caseId,
    action: 'supplyInfo',
    actor: { kind: 'resident' },
    patch: () => ({ awaitingResidentSince: null }),
    event: { public: true, body: text },
    now,
  });
}
