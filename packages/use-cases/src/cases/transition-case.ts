import { and, eq, sql } from 'drizzle-orm';
import { type ActorLevel, type CaseAction, type CaseFacts, decide } from '@shequ/domain';
import { caseEvents, cases, type Tx } from '@shequ/db';
import { type Action, type AppAbility, ForbiddenError } from '@shequ/permissions';
import { UseCaseError } from '../errors.ts';
import type { CaseActorRef } from './case-actor.ts';
import { caseSubject, type CaseRow, loadCaseRow } from './load-case-row.ts';
import { afterTransition } from '../escalation/after-transition.ts';
import { orgUnitName } from '../deadlines/policy.ts';

const LEVEL_OF_ROLE: Record<string, ActorLevel> = {
  community_admin: 'community',
  community_staff: 'community',
  grid_worker: 'community',
  street_officer: 'street',
  department_handler: 'department',
  district_officer: 'district',
};

/**
 * Who acted, as the timeline and the messages name them: the level and the unit (金元社区, 金源街道, 区住建局), never
 * only "社区". Staff act for the unit of their workspace; the unit is read from the case when the caller did not say.
 */
async function actingUnit(tx: Tx, actor: CaseActorRef, row: CaseRow): Promise<{ byLevel: ActorLevel; byName: string }> {
  if (actor.kind !== 'staff') return { byLevel: actor.kind, byName: '' };
  const byLevel = LEVEL_OF_ROLE[actor.role] ?? 'community';
  if (actor.unitName) return { byLevel, byName: actor.unitName };
  const unitId = byLevel === 'community' ? row.tenantId : byLevel === 'street' ? row.streetId : byLevel === 'department' ? (row.holderOrgUnitId ?? row.leadDepartmentId) : row.districtId;
  return { byLevel, byName: await orgUnitName(tx, unitId) };
}

/** The words a hand-off carries to whoever receives it: the note between the levels, else the event's text. */
function handOffWords(event: TransitionInput['event']): string {
  const note = event.data?.note;
  return (typeof note === 'string' && note) || event.body || '';
}

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
  rateMerged: ['read'],
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
  /** Facts the lifecycle needs that are not on the row itself (a merged wish: whether the case it follows is finished). */
  facts?: Pick<CaseFacts, 'followedCaseFinished'>;
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
  const decision = decide(input.action, lifecycleActor, {
    status: row.status,
    reopenCount: row.reopenCount,
    actorIsResponsible: responsible,
    awaitingResident: Boolean(row.awaitingResidentSince),
    rated: row.rating !== null,
    ...input.facts,
  });
  if (!decision.ok) throw new UseCaseError(`case.refused.${decision.reason}`);

  const now = input.now ?? new Date();
  const [updated] = await tx
    .update(cases)
    .set({ ...(input.patch?.(row) ?? {}), status: decision.next, version: sql`${cases.version} + 1`, updatedAt: now })
    .where(and(eq(cases.tenantId, row.tenantId), eq(cases.id, row.id), eq(cases.version, row.version)))
    .returning();
  if (!updated) throw new UseCaseError('case.conflict');

  const by = await actingUnit(tx, actor, row);
  await tx.insert(caseEvents).values({
    tenantId: row.tenantId,
    caseId: row.id,
    at: now,
    actorKind: actor.kind,
    actorUserId: actor.kind === 'staff' ? actor.userId : null,
    type: input.event.type ?? input.action,
    public: input.event.public,
    body: input.event.body ?? null,
    data: { from: row.status, to: decision.next, ...by, ...(input.event.data ?? {}) },
  });
  await afterTransition(tx, { before: row, after: updated, action: input.action, actorUserId: actor.kind === 'staff' ? actor.userId : null, now, words: handOffWords(input.event), byName: by.byName });
  return updated;
}
