import { and, eq, sql } from 'drizzle-orm';
import { type CaseAction, decide } from '@shequ/domain';
import { caseEvents, cases, type Tx } from '@shequ/db';
import { type Action, type AppAbility, ForbiddenError } from '@shequ/permissions';
import { UseCaseError } from '../errors.ts';
import type { CaseActorRef } from './case-actor.ts';
import { caseSubject, type CaseRow, loadCaseRow } from './load-case-row.ts';
import { afterTransition } from '../escalation/after-transition.ts';

/** Which CASL actions guard each lifecycle action (any one of them suffices). */
export const CASL_ACTION: Record<CaseAction, Action[]> = {
  accept: ['accept'],
  assign: ['assign'],
  note: ['handle', 'contribute'],
  reply: ['handle'],
  resolve: ['handle'],
  approve: ['handle'],
  sendBack: ['handle'],
  escalate: ['escalate'],
  forward: ['forward'],
  return: ['return'],
  requestInfo: ['handle'],
  supplyInfo: ['read'],
  supervise: ['supervise'],
  remind: ['read'],
  hidePhoto: ['handle'],
  followUp: ['handle'],
  close: ['close'],
  reject: ['close'],
  merge: ['close'],
  rate: ['read'],
  reopen: ['read'],
  closeUnrated: ['read'],
};

/** Whether an ability grants any of the CASL actions that guard a lifecycle action on this case. */
export function caslAllows(ability: AppAbility, action: CaseAction, target: ReturnType<typeof caseSubject>) {
  return CASL_ACTION[action].some((a) => ability.can(a, target));
}

export type TransitionInput = {
  tenantId: string;
  caseId: string;
  action: CaseAction;
  actor: CaseActorRef;
  /** The acting staff member's ability (required for staff; residents and the system are checked by the lifecycle). */
  ability?: AppAbility;
  /** Column changes beyond the status (resolution text, assignee, rating…). */
  patch?: (row: CaseRow) => Partial<Omit<CaseRow, 'tenantId' | 'id' | 'version' | 'status'>>;
  event: { type?: string; public: boolean; body?: string | null; data?: Record<string, unknown> };
  now?: Date;
};

/**
 * The one way a case changes: lock it, ask CASL (may this person touch it?) and the lifecycle (may this happen
 * now?), apply the change only if the row is still the version we read, and append the event in the same
 * transaction. Run twice, the second run is refused instead of applied twice.
 */
export async function transitionCase(tx: Tx, input: TransitionInput): Promise<CaseRow> {
  const { row, gridWorkerId } = await loadCaseRow(tx, input.tenantId, input.caseId, input.actor.kind === 'staff' ? (input.ability ?? null) : null, true);
  const actor = input.actor;
  if (actor.kind === 'staff') {
    if (!input.ability) throw new Error('staff transitions need an ability');
    if (!caslAllows(input.ability, input.action, caseSubject(row, gridWorkerId))) throw new ForbiddenError(CASL_ACTION[input.action][0]!, 'Case');
    if (actor.role === 'outsider') throw new ForbiddenError(CASL_ACTION[input.action][0]!, 'Case');
  }
  const lifecycleActor = actor.kind === 'staff' ? (actor.role as Exclude<typeof actor.role, 'outsider'>) : actor.kind;
  const responsible = actor.kind === 'staff' && (row.assigneeId === actor.userId || gridWorkerId === actor.userId);
  const decision = decide(input.action, lifecycleActor, { status: row.status, reopenCount: row.reopenCount, actorIsResponsible: responsible, awaitingResident: Boolean(row.awaitingResidentSince) });
  if (!decision.ok) throw new UseCaseError(`case.refused.${decision.reason}`);

  const now = input.now ?? new Date();
  const [updated] = await tx
    .update(cases)
    .set({ ...(input.patch?.(row) ?? {}), status: decision.next, version: sql`${cases.version} + 1`, updatedAt: now })
    .where(and(eq(cases.tenantId, row.tenantId), eq(cases.id, row.id), eq(cases.version, row.version)))
    .returning();
  if (!updated) throw new UseCaseError('case.conflict');

  await tx.insert(caseEvents).values({
    tenantId: row.tenantId,
    caseId: row.id,
    at: now,
    actorKind: actor.kind,
    actorUserId: actor.kind === 'staff' ? actor.userId : null,
    type: input.event.type ?? input.action,
    public: input.event.public,
    body: input.event.body ?? null,
    data: { from: row.status, to: decision.next, ...(input.event.data ?? {}) },
  });
  await afterTransition(tx, { before: row, after: updated, action: input.action, actorUserId: actor.kind === 'staff' ? actor.userId : null, now, reason: input.event.body ?? null });
  return updated;
}
