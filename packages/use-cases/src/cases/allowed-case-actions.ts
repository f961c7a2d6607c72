import { CASE_ACTIONS, type CaseAction, decide } from '@shequ/domain';
import type { AppAbility } from '@shequ/permissions';
import type { CaseActorRef } from './case-actor.ts';
import { caseSubject, type CaseRow } from './load-case-row.ts';
import { caslAllows } from './transition-case.ts';

/** The actions the UI should offer: exactly those transitionCase would accept right now. */
type Facts = Pick<CaseRow, 'tenantId' | 'assigneeId' | 'status' | 'reopenCount' | 'awaitingResidentSince' | 'holderOrgUnitId' | 'streetId' | 'districtId' | 'escalatedAt' | 'overdueAt' | 'coDepartmentIds'>;

export function allowedCaseActions(actor: CaseActorRef, ability: AppAbility, row: Facts, gridWorkerId: string | null): CaseAction[] {
  if (actor.kind !== 'staff' || actor.role === 'outsider') return [];
  const role = actor.role;
  const responsible = row.assigneeId === actor.userId || gridWorkerId === actor.userId;
  return CASE_ACTIONS.filter(
    (action) =>
      caslAllows(ability, action, caseSubject(row, gridWorkerId)) &&
      decide(action, role, { status: row.status, reopenCount: row.reopenCount, actorIsResponsible: responsible, awaitingResident: Boolean(row.awaitingResidentSince) }).ok,
  );
}
