import { and, eq } from 'drizzle-orm';
import { cleanText, REJECT_REASONS, type RejectReason } from '@shequ/domain';
import { cases, isUuid, memberships, type Tx, users } from '@shequ/db';
import { orgUnitName } from '../deadlines/policy.ts';
import type { AppAbility } from '@shequ/permissions';
import { UseCaseError } from '../errors.ts';
import type { CaseActorRef } from './case-actor.ts';
import { transitionCase } from './transition-case.ts';

// The office's actions on a case. Each is one lifecycle action through transitionCase (CASL + lifecycle +
// conditional update + timeline event in one transaction).

type StaffCall = { tenantId: string; caseId: string; actor: CaseActorRef; ability: AppAbility; now?: Date };

function text(value: string | null | undefined, code: 'case.note' | 'case.reply' | 'case.resolution', max = 2000): string {
  const cleaned = cleanText(value ?? '');
  if (!cleaned) throw new UseCaseError(`${code}.required`, { field: 'body' });
  if (Array.from(cleaned).length > max) throw new UseCaseError(`${code}.tooLong`, { field: 'body', max });
  return cleaned;
}

/**
 * 受理. Whoever accepts a case nobody was assigned to becomes its handler (经办人), so the list and the case page
 * name the person doing the work (a grid worker accepting a wish of their grid) instead of "—".
 */
export function acceptCase(tx: Tx, call: StaffCall) {
  const now = call.now ?? new Date();
  const claim = call.actor.kind === 'staff' ? call.actor.userId : null;
  return transitionCase(tx, { ...call, action: 'accept', patch: (row) => ({ acceptedAt: now, ...(row.assigneeId || !claim ? {} : { assigneeId: claim }) }), event: { public: true }, now });
}

/** Assigns to a staff member or grid worker of the same community (or unassigns with null). */
export async function assignCase(tx: Tx, call: StaffCall & { assigneeId: string | null }) {
  // The case first: another community's case id is 'case.notFound' whatever the assignee (not a form error).
  const [exists] = await tx.select({ id: cases.id }).from(cases).where(and(eq(cases.tenantId, call.tenantId), eq(cases.id, call.caseId)));
  if (!exists) throw new UseCaseError('case.notFound');
  let assigneeName: string | null = null;
  if (call.assigneeId) {
    if (!isUuid(call.assigneeId)) throw new UseCaseError('case.assignee.invalid', { field: 'assigneeId' });
    const [member] = await tx
      .select({ id: memberships.id, name: users.displayName })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.userId, call.assigneeId), eq(memberships.orgUnitId, call.tenantId)));
    if (!member) throw new UseCaseError('case.assignee.invalid', { field: 'assigneeId' });
    assigneeName = member.name;
  }
  // The timeline says to whom (分派给刘伟), as it was at the time.
  return transitionCase(tx, { ...call, action: 'assign', patch: () => ({ assigneeId: call.assigneeId }), event: { public: false, data: { assigneeId: call.assigneeId, assigneeName } } });
}

export function addCaseNote(tx: Tx, call: StaffCall & { body: string }) {
  return transitionCase(tx, { ...call, action: 'note', event: { public: false, body: text(call.body, 'case.note') } });
}

/**
 * A public reply: the resident sees it on the tracking page, without the staff member's name but with the unit
 * that answered when it is a street or department holding the case.
 */
export async function replyToResident(tx: Tx, call: StaffCall & { body: string }) {
  const body = text(call.body, 'case.reply');
  const [row] = await tx.select({ holder: cases.holderOrgUnitId }).from(cases).where(and(eq(cases.tenantId, call.tenantId), eq(cases.id, call.caseId)));
  const fromName = row?.holder ? await orgUnitName(tx, row.holder) : '';
  return transitionCase(tx, { ...call, action: 'reply', event: { public: true, body, data: fromName ? { fromName } : {} } });
}

export function resolveCase(tx: Tx, call: StaffCall & { resolution: string }) {
  const resolution = text(call.resolution, 'case.resolution');
  const now = call.now ?? new Date();
  return transitionCase(tx, { ...call, action: 'resolve', patch: () => ({ resolution, resolvedAt: now }), event: { public: true, body: resolution }, now });
}

export function closeCase(tx: Tx, call: StaffCall) {
  const now = call.now ?? new Date();
  return transitionCase(tx, { ...call, action: 'close', patch: () => ({ closedAt: now, closeKind: 'staff' }), event: { public: true }, now });
}

export function rejectCase(tx: Tx, call: StaffCall & { reason: string; note?: string | null }) {
  if (!(REJECT_REASONS as readonly string[]).includes(call.reason)) throw new UseCaseError('case.rejectReason.invalid', { field: 'reason' });
  const note = cleanText(call.note ?? '') || null;
  const now = call.now ?? new Date();
  return transitionCase(tx, {
    ...call,
    action: 'reject',
    patch: () => ({ rejectReason: call.reason as RejectReason, rejectNote: note, closedAt: now }),
    event: { public: true, body: note, data: { reason: call.reason } },
    now,
  });
}

/** A phone follow-up (回访): staff record the resident's answer and close the case. */
export function recordFollowUp(tx: Tx, call: StaffCall & { rating: number; comment?: string | null }) {
  if (!Number.isInteger(call.rating) || call.rating < 1 || call.rating > 5) throw new UseCaseError('case.rating.invalid', { field: 'rating' });
  const comment = cleanText(call.comment ?? '') || null;
  const now = call.now ?? new Date();
  return transitionCase(tx, {
    ...call,
    action: 'followUp',
    patch: () => ({ rating: call.rating, ratingComment: comment, closedAt: now, closeKind: 'follow_up' }),
    event: { public: true, body: comment, data: { rating: call.rating } },
    now,
  });
}
