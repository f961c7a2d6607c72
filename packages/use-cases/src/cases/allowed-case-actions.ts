import { CASE_ACTIONS, type CaseAction, decide } from '@shequ/domain';
import type { AppAbility } from '@shequ/permissions';
import type { CaseActorRef } from './case-actor.ts';
import { caseSubject, type CaseRow } from './load-case-row.ts';
import { CASL_ACTION } from './transition-case.ts';

/** The actions the UI should offer: exactly those transitionCase would accept right now. */
export function allowedCaseActions(actor: CaseActorRef, ability: AppAbility, row: Pick<CaseRow, 'tenantId' | 'assigneeId' | 'status' | 'reopenCount'>, gridWorkerId: string | null): CaseAction[] {
  if (actor.kind !== 'staff' || actor.role === 'outsider') return [];
  const role = actor.role;
  const responsible = row.assigneeId === actor.userId || gridWorkerId === actor.userId;
  return CASE_ACTIONS.filter(
    (action) => ability.can(CASL_ACTION[action], caseSubject(row, gridWorkerId)) && decide(action, role, { status: row.status, reopenCount: row.reopenCount, actorIsResponsible: responsible }).ok,
  );
}
