import type { Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { type CaseRef, caseText, staffOnCase } from './case-action-parts.ts';
import { transitionCase } from './transition-case.ts';

/** 办结 by the community: input the case and its `resolution`, which the resident reads. Refuses: case.resolution.required/tooLong, and as transitionCase. */
export function resolveCase(tx: Tx, caller: StaffCaller, input: CaseRef & { resolution: string }, now = new Date()) {
  const resolution = caseText(input.resolution, 'case.resolution');
  return transitionCase(tx, {
    ...staffOnCase(caller, input),
    action: 'resolve',
    patch: () => ({ resolution, resolvedAt: now }),
    event: { public: true, body: resolution },
    now,
  });
}
