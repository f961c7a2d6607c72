import type { Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { staffActor } from './case-actor.ts';
import type { CaseRef } from './case-action-parts.ts';
import { transitionCase } from './transition-case.ts';

/**
 * 受理. Whoever accepts a case nobody was assigned to becomes its handler (经办人), so the list and the case page
 * name the person doing the work (a grid worker accepting a wish of their grid) instead of "—". Input: the case.
 * Refuses as every lifecycle action does (transitionCase): case.notFound, ForbiddenError, case.refused.*, case.conflict.
 */
export function acceptCase(tx: Tx, caller: StaffCaller, input: CaseRef, now = new Date()) {
  const actor = staffActor(caller.actor);
  const claim = actor.kind === 'staff' ? actor.userId : null;
  return transitionCase(tx, {
    ...input,
    actor,
    ability: caller.ability,
    action: 'accept',
    patch: (row) => ({ acceptedAt: now, ...(row.assigneeId || !claim ? {} : { assigneeId: claim }) }),
    event: { public: true },
    now,
  });
}
