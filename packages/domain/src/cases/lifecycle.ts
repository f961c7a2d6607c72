/**
 * The life of a case (微心愿 and other requests), as one pure state machine.
 * Every use case asks `decide` first; the server refuses whatever it refuses, whatever the UI showed.
 */
export const CASE_STATUSES = ['submitted', 'accepted', 'escalated', 'forwarded', 'review', 'resolved', 'closed', 'rejected', 'merged'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_ACTIONS = [
  'accept',
  'assign',
  'note',
  'reply',
  'resolve',
  'approve',
  'sendBack',
  'escalate',
  'forward',
  'return',
  'requestInfo',
  'supplyInfo',
  'supervise',
  'remind',
  'close',
  'reject',
  'merge',
  'hidePhoto',
  'rate',
  'rateMerged',
  'reopen',
  'followUp',
  'closeUnrated',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/**
 * Who acts on a case: a resident (by tracking code), the community office, the street (街道) and department
 * (职能部门) officers holding an escalated case, a district officer supervising (督办), or the worker.
 */
export const CASE_ACTORS = [
  'resident',
  'community_admin',
  'community_staff',
  'grid_worker',
  'street_officer',
  'department_handler',
  'district_officer',
  'system',
] as const;
export type CaseActor = (typeof CASE_ACTORS)[number];

export const REJECT_REASONS = ['spam', 'duplicate', 'out_of_remit'] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

/** Who holds a case in each status: the community, its street, or a department. Finished cases are held by no one. */
export const CASE_HOLDER: Record<CaseStatus, 'community' | 'street' | 'department' | null> = {
  submitted: 'community',
  accepted: 'community',
  escalated: 'street',
  forwarded: 'department',
  review: 'street',
  resolved: 'community',
  closed: null,
  rejected: null,
  merged: null,
};

export type CaseFacts = {
  status: CaseStatus;
  /** Whether the acting grid worker is this case's assignee or its grid's worker (ignored for other actors). */
  actorIsResponsible?: boolean;
  reopenCount: number;
  /** Whether the holder asked the resident for more information and is waiting for it (deadlines paused). */
  awaitingResident?: boolean;
  /** A merged wish: whether the case it was merged into (and follows) is resolved or closed. */
  followedCaseFinished?: boolean;
  /** Whether the case already carries its reporter's rating. */
  rated?: boolean;
};

export type Refusal = 'wrong_status' | 'not_allowed_for_role' | 'not_responsible' | 'reopen_used' | 'not_awaiting' | 'already_awaiting' | 'not_finished' | 'already_rated';

export type Decision = { ok: true; next: CaseStatus } | { ok: false; reason: Refusal };

type From = readonly CaseStatus[];
/**
 * A rule: which actor may take the action from which statuses, and where it leads (`to` omitted: the status stays;
 * a map: it depends on the status it starts from).
 */
type Rule = { by: Partial<Record<CaseActor, From>>; to?: CaseStatus | Partial<Record<CaseStatus, CaseStatus>>; gridWorkerMustBeResponsible?: boolean };

const OPEN: From = ['submitted', 'accepted'];
const ANY: From = CASE_STATUSES;
/** Everything not finished or resolved: where deadlines run and supervision applies. */
const IN_HAND: From = ['submitted', 'accepted', 'escalated', 'forwarded', 'review'];
const office = (from: From) => ({ community_admin: from, community_staff: from });
const handlers = (from: From) => ({ ...office(from), grid_worker: from });

/** The table of what may happen, per actor. */
export const RULES: Record<CaseAction, Rule> = {
  accept: { by: handlers(['submitted']), to: 'accepted', gridWorkerMustBeResponsible: true },
  assign: { by: office(OPEN) },
  note: { by: { ...handlers(ANY), street_officer: ANY, department_handler: ANY }, gridWorkerMustBeResponsible: true },
  reply: {
    by: { ...handlers(['submitted', 'accepted', 'escalated', 'forwarded', 'review', 'resolved']), street_officer: ['escalated', 'review', 'resolved'], department_handler: ['forwarded'] },
    gridWorkerMustBeResponsible: true,
  },
  // The community resolves what it holds; a street may handle an escalated case itself; a department's resolution
  // goes to its street for review (审核) before it counts as resolved.
  resolve: { by: { ...handlers(['accepted']), street_officer: ['escalated'], department_handler: ['forwarded'] }, to: { accepted: 'resolved', escalated: 'resolved', forwarded: 'review' }, gridWorkerMustBeResponsible: true },
  approve: { by: { street_officer: ['review'] }, to: 'resolved' },
  sendBack: { by: { street_officer: ['review'] }, to: 'forwarded' },
  escalate: { by: { ...handlers(OPEN), system: OPEN }, to: 'escalated', gridWorkerMustBeResponsible: true },
  forward: { by: { street_officer: ['escalated'] }, to: 'forwarded' },
  return: { by: { street_officer: ['escalated'], department_handler: ['forwarded'] }, to: { escalated: 'accepted', forwarded: 'escalated' } },
  requestInfo: { by: { ...handlers(['accepted']), street_officer: ['escalated'], department_handler: ['forwarded'] }, gridWorkerMustBeResponsible: true },
  supplyInfo: { by: { resident: ['accepted', 'escalated', 'forwarded'] } },
  supervise: { by: { district_officer: IN_HAND, system: IN_HAND } },
  remind: { by: { system: IN_HAND } },
  close: { by: office(['resolved']), to: 'closed' },
  reject: { by: office(OPEN), to: 'rejected' },
  merge: { by: office(OPEN), to: 'merged' },
  hidePhoto: { by: office(ANY) },
  rate: { by: { resident: ['resolved'] }, to: 'closed' },
  // The reporter of a wish merged into another follows that case and rates its outcome once it is resolved; their
  // wish stays merged (it counts nowhere as a request of its own, see the metric definitions).
  rateMerged: { by: { resident: ['merged'] } },
  reopen: { by: { resident: ['resolved'] }, to: 'accepted' },
  followUp: { by: handlers(['resolved']), to: 'closed', gridWorkerMustBeResponsible: true },
  closeUnrated: { by: { system: ['resolved'] }, to: 'closed' },
};

export function decide(action: CaseAction, actor: CaseActor, facts: CaseFacts): Decision {
  const rule = RULES[action];
  const from = rule.by[actor];
  if (!from) return { ok: false, reason: 'not_allowed_for_role' };
  if (!from.includes(facts.status)) return { ok: false, reason: 'wrong_status' };
  if (actor === 'grid_worker' && rule.gridWorkerMustBeResponsible && !facts.actorIsResponsible) return { ok: false, reason: 'not_responsible' };
  if (action === 'reopen' && facts.reopenCount >= 1) return { ok: false, reason: 'reopen_used' };
  if (action === 'supplyInfo' && !facts.awaitingResident) return { ok: false, reason: 'not_awaiting' };
  if (action === 'requestInfo' && facts.awaitingResident) return { ok: false, reason: 'already_awaiting' };
  if (action === 'rateMerged' && !facts.followedCaseFinished) return { ok: false, reason: 'not_finished' };
  if (action === 'rateMerged' && facts.rated) return { ok: false, reason: 'already_rated' };
  const to = typeof rule.to === 'string' ? rule.to : (rule.to?.[facts.status] ?? facts.status);
  return { ok: true, next: to };
}

/** Statuses the office still works on; the rest are finished (for counts and filters). */
export const OPEN_STATUSES: readonly CaseStatus[] = ['submitted', 'accepted', 'escalated', 'forwarded', 'review'];
export const FINISHED_STATUSES: readonly CaseStatus[] = ['closed', 'rejected', 'merged'];

/** How a closed case was closed: the figures count unrated closes separately. */
export const CLOSE_KINDS = ['rated', 'follow_up', 'staff', 'unrated'] as const;
export type CloseKind = (typeof CLOSE_KINDS)[number];

/** Orders the inbox offers. */
export const CASE_SORTS = ['created_desc', 'created_asc', 'updated_desc'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];
