/**
 * The life of a case (微心愿 and other requests), as one pure state machine.
 * Every use case asks `decide` first; the server refuses whatever it refuses, whatever the UI showed.
 */
export const CASE_STATUSES = ['submitted', 'accepted', 'resolved', 'closed', 'rejected', 'merged'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_ACTIONS = [
  'accept',
  'assign',
  'note',
  'reply',
  'resolve',
  'close',
  'reject',
  'merge',
  'hidePhoto',
  'rate',
  'reopen',
  'followUp',
  'closeUnrated',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** Who acts on a case: a resident (by tracking code), community office roles, or the worker. */
export const CASE_ACTORS = ['resident', 'community_admin', 'community_staff', 'grid_worker', 'system'] as const;
export type CaseActor = (typeof CASE_ACTORS)[number];

export const REJECT_REASONS = ['spam', 'duplicate', 'out_of_remit'] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export type CaseFacts = {
  status: CaseStatus;
  /** Whether the acting grid worker is this case's assignee or its grid's worker (ignored for other actors). */
  actorIsResponsible?: boolean;
  reopenCount: number;
};

export type Refusal =
  | 'wrong_status'
  | 'not_allowed_for_role'
  | 'not_responsible'
  | 'reopen_used';

export type Decision = { ok: true; next: CaseStatus } | { ok: false; reason: Refusal };

const OFFICE: readonly CaseActor[] = ['community_admin', 'community_staff'];
const HANDLERS: readonly CaseActor[] = ['community_admin', 'community_staff', 'grid_worker'];

type Rule = { from: readonly CaseStatus[]; by: readonly CaseActor[]; to?: CaseStatus; gridWorkerMustBeResponsible?: boolean };

const OPEN: readonly CaseStatus[] = ['submitted', 'accepted'];
const ANY: readonly CaseStatus[] = CASE_STATUSES;

/** The table of what may happen. `to` omitted: the status stays. */
export const RULES: Record<CaseAction, Rule> = {
  accept: { from: ['submitted'], by: HANDLERS, to: 'accepted', gridWorkerMustBeResponsible: true },
  assign: { from: OPEN, by: OFFICE },
  note: { from: ANY, by: HANDLERS, gridWorkerMustBeResponsible: true },
  reply: { from: ['submitted', 'accepted', 'resolved'], by: HANDLERS, gridWorkerMustBeResponsible: true },
  resolve: { from: ['accepted'], by: HANDLERS, to: 'resolved', gridWorkerMustBeResponsible: true },
  close: { from: ['resolved'], by: OFFICE, to: 'closed' },
  reject: { from: OPEN, by: OFFICE, to: 'rejected' },
  merge: { from: OPEN, by: OFFICE, to: 'merged' },
  hidePhoto: { from: ANY, by: OFFICE },
  rate: { from: ['resolved'], by: ['resident'], to: 'closed' },
  reopen: { from: ['resolved'], by: ['resident'], to: 'accepted' },
  followUp: { from: ['resolved'], by: OFFICE.concat('grid_worker'), to: 'closed', gridWorkerMustBeResponsible: true },
  closeUnrated: { from: ['resolved'], by: ['system'], to: 'closed' },
};

export function decide(action: CaseAction, actor: CaseActor, facts: CaseFacts): Decision {
  const rule = RULES[action];
  if (!rule.by.includes(actor)) return { ok: false, reason: 'not_allowed_for_role' };
  if (!rule.from.includes(facts.status)) return { ok: false, reason: 'wrong_status' };
  if (actor === 'grid_worker' && rule.gridWorkerMustBeResponsible && !facts.actorIsResponsible) return { ok: false, reason: 'not_responsible' };
  if (action === 'reopen' && facts.reopenCount >= 1) return { ok: false, reason: 'reopen_used' };
  return { ok: true, next: rule.to ?? facts.status };
}

/** Statuses the office still works on; the rest are finished (for counts and filters). */
export const OPEN_STATUSES: readonly CaseStatus[] = ['submitted', 'accepted'];
export const FINISHED_STATUSES: readonly CaseStatus[] = ['closed', 'rejected', 'merged'];

/** How a closed case was closed: the figures count unrated closes separately. */
export const CLOSE_KINDS = ['rated', 'follow_up', 'staff', 'unrated'] as const;
export type CloseKind = (typeof CLOSE_KINDS)[number];

/** Orders the inbox offers. */
export const CASE_SORTS = ['created_desc', 'created_asc', 'updated_desc'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];
