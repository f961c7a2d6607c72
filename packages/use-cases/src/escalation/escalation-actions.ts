import { and, eq, inArray, or } from 'drizzle-orm';
import { cleanText } from '@shequ/domain';
import { cases, isUuid, orgUnits, type Tx } from '@shequ/db';
import type { AppAbility } from '@shequ/permissions';
import { UseCaseError } from '../errors.ts';
import { orgUnitName } from '../deadlines/policy.ts';
import type { CaseActorRef } from '../cases/case-actor.ts';
import { transitionCase } from '../cases/transition-case.ts';

// Escalation (上报 → 转办 → 办理 → 审核) and the holder's other moves. Each is one lifecycle action through
// transitionCase; holder columns change with the status, and the timeline names the unit, never a person.

// The ability is required for staff (transitionCase checks it); the worker acts as the system without one.
type Call = { tenantId: string; caseId: string; actor: CaseActorRef; ability?: AppAbility; now?: Date };

function required(value: string | null | undefined, code: 'case.escalateReason' | 'case.returnReason' | 'case.resolution' | 'case.question' | 'case.supervision', max = 1000): string {
  const cleaned = cleanText(value ?? '');
  if (!cleaned) throw new UseCaseError(`${code}.required`, { field: 'body' });
  if (Array.from(cleaned).length > max) throw new UseCaseError(`${code}.tooLong`, { field: 'body', max });
  return cleaned;
}

async function unit(tx: Tx, id: string | null) {
  if (!id) return null;
  const [u] = await tx.select({ id: orgUnits.id, name: orgUnits.name, kind: orgUnits.kind, parentId: orgUnits.parentId, streetId: orgUnits.streetId, districtId: orgUnits.districtId }).from(orgUnits).where(eq(orgUnits.id, id));
  return u ?? null;
}

/** 上报: the community (or the worker, on a breach) hands the case to its street, with a reason. */
export async function escalateCase(tx: Tx, call: Call & { reason: string; overdue?: boolean }) {
  const reason = required(call.reason, 'case.escalateReason', 500);
  // Read fresh: the community may have moved to another street.
  const community = await unit(tx, call.tenantId);
  if (!community?.streetId) throw new UseCaseError('case.escalate.noStreet');
  const streetName = await orgUnitName(tx, community.streetId);
  const now = call.now ?? new Date();
  return transitionCase(tx, {
    ...call,
    action: 'escalate',
    patch: (row) => ({
      holderOrgUnitId: community.streetId,
      streetId: community.streetId,
      districtId: community.districtId,
      escalatedAt: row.escalatedAt ?? now,
      ...(call.overdue ? { overdueAt: row.overdueAt ?? now } : {}),
    }),
    // The resident sees where it went; the reason is between the levels (`note`, shown to staff and in the street's notice).
    event: { public: true, data: { toName: streetName, note: reason, automatic: call.actor.kind === 'system' } },
    now,
  });
}

/**
 * 转办: the street passes the case to a lead department (主办) and optional co-handling ones (协办), each a
 * department of that street or of its district.
 */
export async function forwardCase(tx: Tx, call: Call & { leadDepartmentId: string; coDepartmentIds?: string[]; note?: string | null }) {
  const ids = [call.leadDepartmentId, ...(call.coDepartmentIds ?? [])];
  if (!ids.every((id) => isUuid(id))) throw new UseCaseError('case.department.invalid', { field: 'leadDepartmentId' });
  const co = [...new Set(call.coDepartmentIds ?? [])].filter((d) => d !== call.leadDepartmentId);
  // Only the case's level matters here; transitionCase locks and re-reads it.
  const [level] = await tx.select({ streetId: cases.streetId, districtId: cases.districtId }).from(cases).where(and(eq(cases.tenantId, call.tenantId), eq(cases.id, call.caseId)));
  if (!level) throw new UseCaseError('case.notFound');
  const { streetId, districtId } = level;
  const allowed = await tx
    .select({ id: orgUnits.id, name: orgUnits.name })
    .from(orgUnits)
    .where(and(inArray(orgUnits.id, [call.leadDepartmentId, ...co]), eq(orgUnits.kind, 'department'), eq(orgUnits.status, 'active'), or(...[streetId, districtId].filter((x): x is string => Boolean(x)).map((p) => eq(orgUnits.parentId, p)))));
  const lead = allowed.find((d) => d.id === call.leadDepartmentId);
  if (!lead || allowed.length !== 1 + co.length) throw new UseCaseError('case.department.invalid', { field: 'leadDepartmentId' });
  const note = cleanText(call.note ?? '') || null;
  return transitionCase(tx, {
    ...call,
    action: 'forward',
    patch: () => ({ holderOrgUnitId: lead.id, leadDepartmentId: lead.id, coDepartmentIds: co }),
    event: { public: true, data: { toName: lead.name, co: allowed.filter((d) => d.id !== lead.id).map((d) => d.name), note } },
  });
}

/** 退回: the street back to the community, or a department back to the street, with instructions. */
export async function returnCase(tx: Tx, call: Call & { reason: string }) {
  const reason = required(call.reason, 'case.returnReason', 500);
  const [level] = await tx.select({ status: cases.status, streetId: cases.streetId }).from(cases).where(and(eq(cases.tenantId, call.tenantId), eq(cases.id, call.caseId)));
  if (!level) throw new UseCaseError('case.notFound');
  const to = await unit(tx, level.status === 'escalated' ? call.tenantId : level.streetId);
  return transitionCase(tx, {
    ...call,
    action: 'return',
    patch: (row) => (row.status === 'escalated' ? { holderOrgUnitId: null } : { holderOrgUnitId: row.streetId, leadDepartmentId: null, coDepartmentIds: [] }),
    // The resident sees where it went; the instructions are between the levels.
    event: { public: true, data: { toName: to?.name ?? '', note: reason } },
  });
}

/** Resolution by a street (final) or by a department (to its street for review). */
export async function resolveEscalatedCase(tx: Tx, call: Call & { resolution: string }) {
  const resolution = required(call.resolution, 'case.resolution', 2000);
  const now = call.now ?? new Date();
  const [level] = await tx.select({ status: cases.status, streetId: cases.streetId }).from(cases).where(and(eq(cases.tenantId, call.tenantId), eq(cases.id, call.caseId)));
  if (!level) throw new UseCaseError('case.notFound');
  // A department's resolution waits for the street's review before the resident reads it: the resident sees the
  // step (区住建局已办结，提交金源街道审核), the words go to the street as `note` until it approves them.
  if (level.status === 'forwarded') {
    const streetName = await orgUnitName(tx, level.streetId);
    return transitionCase(tx, {
      ...call,
      action: 'resolve',
      patch: (row) => ({ resolution, holderOrgUnitId: row.streetId }),
      event: { public: true, body: null, data: { toName: streetName, note: resolution } },
      now,
    });
  }
  return transitionCase(tx, { ...call, action: 'resolve', patch: () => ({ resolution, resolvedAt: now, holderOrgUnitId: null }), event: { public: true, body: resolution }, now });
}

/** 审核通过: the street accepts the department's resolution; the case is resolved for the resident, who now sees it. */
export async function approveResolution(tx: Tx, call: Call) {
  const now = call.now ?? new Date();
  const [row] = await tx.select({ resolution: cases.resolution, streetId: cases.streetId }).from(cases).where(and(eq(cases.tenantId, call.tenantId), eq(cases.id, call.caseId)));
  if (!row) throw new UseCaseError('case.notFound');
  const street = await unit(tx, row.streetId);
  return transitionCase(tx, { ...call, action: 'approve', patch: () => ({ resolvedAt: now, holderOrgUnitId: null }), event: { public: true, body: row.resolution, data: { toName: street?.name ?? '' } }, now });
}

/** 审核退回: the street sends the department's resolution back to be redone. */
export async function sendBackResolution(tx: Tx, call: Call & { reason: string }) {
  const reason = required(call.reason, 'case.returnReason', 500);
  const [row] = await tx.select({ leadDepartmentId: cases.leadDepartmentId }).from(cases).where(and(eq(cases.tenantId, call.tenantId), eq(cases.id, call.caseId)));
  const department = await unit(tx, row?.leadDepartmentId ?? null);
  // The resident sees that the work goes on (金源街道审核后退回区住建局重新办理); the reason is for the department.
  return transitionCase(tx, { ...call, action: 'sendBack', patch: (r) => ({ holderOrgUnitId: r.leadDepartmentId, resolution: null }), event: { public: true, body: null, data: { toName: department?.name ?? '', note: reason } } });
}

/** The holder asks the resident for more information: the running time limit pauses until they answer. */
export async function requestResidentInfo(tx: Tx, call: Call & { question: string }) {
  const question = required(call.question, 'case.question', 500);
  const now = call.now ?? new Date();
  return transitionCase(tx, { ...call, action: 'requestInfo', patch: () => ({ awaitingResidentSince: now }), event: { public: true, body: question }, now });
}

/** 督办: a district officer's supervision notice to whoever holds the case. */
export async function superviseCase(tx: Tx, call: Call & { note: string; overdue?: boolean }) {
  const note = required(call.note, 'case.supervision', 500);
  const now = call.now ?? new Date();
  return transitionCase(tx, {
    ...call,
    action: 'supervise',
    patch: (row) => ({ supervisedAt: now, ...(call.overdue ? { overdueAt: row.overdueAt ?? now } : {}) }),
    event: { public: false, body: note },
    now,
  });
}
