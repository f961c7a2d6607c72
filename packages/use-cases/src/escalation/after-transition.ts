import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { type CaseAction, chinaDate, DEADLINE_KINDS, type DeadlineKind, deadlineKindFor, formatTrackingCode } from '@shequ/domain';
import { markRollupsDirty } from '../dashboards/rollups.ts';
import { categories, caseHoldings, cases, deadlines, type Tx } from '@shequ/db';
import { notifyResident, notifyUsers, REJECT_REASON_WORDS, usersWithRole } from '../notifications/notify.ts';
import { orgUnitName, slaPolicy, workingCalendar } from '../deadlines/policy.ts';
import { type DeadlineContext, ofSubject, pauseDeadlines, resumeDeadlines, settleDeadlines, startDeadline } from '../deadlines/store.ts';

type CaseRow = typeof cases.$inferSelect;
/**
 * A change as the follow-ups need it. `words`: what the hand-off says to its receiver (reason, note, resolution,
 * reply); `byName`: the unit that acted ('' for residents and the worker).
 */
export type TransitionFacts = { before: CaseRow; after: CaseRow; action: CaseAction; actorUserId: string | null; now: Date; words?: string | null; byName?: string | null };

const ALL_KINDS = [...DEADLINE_KINDS];

/** Loads what deadline arithmetic needs for a case: the calendar and its community's policy for its category. */
export async function deadlineContext(tx: Tx, row: Pick<CaseRow, 'tenantId' | 'categoryId'>): Promise<DeadlineContext & { categoryName: string }> {
  const [category] = await tx.select({ name: categories.name }).from(categories).where(and(eq(categories.tenantId, row.tenantId), eq(categories.id, row.categoryId)));
  const categoryName = category?.name ?? '';
  return { calendar: await workingCalendar(tx), policy: await slaPolicy(tx, row.tenantId, categoryName), categoryName };
}

/**
 * What a status change does to the case's deadlines: the level that hands a case on has met its time limit (or it
 * no longer applies), the level that receives it starts a fresh one; asking the resident pauses, their answer
 * resumes; finishing cancels whatever still runs.
 */
async function moveDeadlines(tx: Tx, ctx: DeadlineContext, f: TransitionFacts) {
  const { before, after, now } = f;
  const start = (kind: DeadlineKind, holder: string | null) => startDeadline(tx, ctx, { communityId: after.tenantId, caseId: after.id, kind, holderOrgUnitId: holder, now });
  const subject = { tenantId: after.tenantId, type: 'case', id: after.id };
  const settle = (kinds: DeadlineKind[], outcome: 'met' | 'cancelled') => settleDeadlines(tx, subject, kinds, outcome, now);
  switch (f.action) {
    case 'accept':
      return settle(['accept'], 'met');
    case 'escalate':
      await settle(['accept', 'resolve'], 'cancelled');
      return start('street', after.streetId);
    case 'forward':
      await settle(['street'], 'met');
      return start('department', after.leadDepartmentId);
    case 'return':
      if (after.status === 'accepted') {
        await settle(['street'], 'cancelled');
        return start('resolve', null);
      }
      await settle(['department'], 'cancelled');
      return start('street', after.streetId);
    case 'resolve':
      if (before.status === 'forwarded') {
        await settle(['department'], 'met');
        return start('street', after.streetId); // the street's review
      }
      return settle(['accept', 'resolve', 'street'], 'met');
    case 'approve':
      return settle(['street'], 'met');
    case 'sendBack':
      await settle(['street'], 'met');
      return start('department', after.leadDepartmentId);
    case 'reopen':
      return start('resolve', null);
    case 'requestInfo':
      return pauseDeadlines(tx, ctx, { subject }, now);
    case 'supplyInfo':
      return resumeDeadlines(tx, ctx, { subject }, now);
    default:
      if (['closed', 'rejected', 'merged'].includes(after.status) && after.status !== before.status) return settle(ALL_KINDS, 'cancelled');
  }
}

/** Keeps the higher levels' list entry of an escalated case in step with the case. */
async function syncHolding(tx: Tx, after: CaseRow, categoryName: string) {
  if (!after.escalatedAt) return;
  const kind = deadlineKindFor(after.status, Boolean(after.acceptedAt));
  const [running] = kind
    ? await tx.select({ dueAt: deadlines.dueAt }).from(deadlines).where(and(ofSubject({ tenantId: after.tenantId, type: 'case', id: after.id }), eq(deadlines.kind, kind), inArray(deadlines.state, ['running', 'paused'])))
    : [];
  const values = {
    streetId: after.streetId,
    districtId: after.districtId,
    holderOrgUnitId: after.holderOrgUnitId,
    coHolderIds: after.status === 'forwarded' ? after.coDepartmentIds : [],
    status: after.status,
    trackingCode: after.trackingCode,
    categoryName,
    summary: Array.from(after.content).slice(0, 100).join(''),
    escalatedAt: after.escalatedAt,
    dueAt: running?.dueAt ?? null,
    overdue: Boolean(after.overdueAt),
  };
  await tx.insert(caseHoldings).values({ tenantId: after.tenantId, caseId: after.id, ...values }).onConflictDoUpdate({ target: [caseHoldings.tenantId, caseHoldings.caseId], set: values });
}

const unitName = orgUnitName;

/**
 * Who hears of a change, in the same transaction, and what they are told: every hand-off carries its words (上报原因,
 * 转办说明, 退回说明, the resolution, the supervision note, the resident's reason) and the unit that acted (`by`) to
 * whoever holds the case next; a case the community escalated comes back to it with its outcome; residents hear of
 * replies and outcomes by SMS. Codes are shown as everywhere else (formatTrackingCode).
 */
async function notifyFor(tx: Tx, f: TransitionFacts) {
  const { before, after, action } = f;
  const data = { code: formatTrackingCode(after.trackingCode), community: await unitName(tx, after.tenantId), by: f.byName ?? '', reason: f.words ?? '' };
  const base = { communityId: after.tenantId, caseId: after.id, exceptUserId: f.actorUserId };
  const office = async () => [...(await usersWithRole(tx, after.tenantId, ['community_admin', 'community_staff'])), ...(after.assigneeId ? [after.assigneeId] : [])];
  const street = () => (after.streetId ? usersWithRole(tx, after.streetId, ['street_officer']) : Promise.resolve([]));
  const leadDepartment = () => (after.leadDepartmentId ? usersWithRole(tx, after.leadDepartmentId, ['department_handler']) : Promise.resolve([]));
  // Co-handling departments (协办) of a forwarded case: they hear when it reaches them and when the lead department ends it.
  const coDepartments = async (ids: string[]) => (await Promise.all(ids.map((d) => usersWithRole(tx, d, ['department_handler'])))).flat();
  // The reporter, and the reporters of wishes merged into this case (each told with their own code, which is what
  // they track it by).
  const resident = async (kind: 'case_replied' | 'case_closed' | 'case_rejected', extra: Record<string, string> = {}) => {
    await notifyResident(tx, { communityId: after.tenantId, kind, reporterMobileEnc: after.reporterMobileEnc, data: { ...extra, code: data.code } });
    for (const m of await mergedReporters(tx, after)) await notifyResident(tx, { communityId: after.tenantId, kind, reporterMobileEnc: m.reporterMobileEnc, data: { ...extra, code: formatTrackingCode(m.trackingCode) } });
  };
  switch (action) {
    case 'assign':
      if (after.assigneeId) await notifyUsers(tx, { ...base, kind: 'case_assigned', userIds: [after.assigneeId], data });
      return;
    case 'escalate':
      return void (await notifyUsers(tx, { ...base, kind: 'case_escalated', userIds: await street(), data }));
    case 'forward': {
      const streetName = await unitName(tx, after.streetId);
      await notifyUsers(tx, { ...base, kind: 'case_forwarded', userIds: await leadDepartment(), data: { ...data, street: streetName, role: '主办' } });
      return void (await notifyUsers(tx, { ...base, kind: 'case_forwarded', userIds: await coDepartments(after.coDepartmentIds), data: { ...data, street: streetName, role: '协办' } }));
    }
    case 'return':
      // A lead department returning a forwarded case ends its co-handlers' part too: they are told, with its words.
      if (before.status === 'forwarded') await notifyUsers(tx, { ...base, kind: 'case_lead_returned', userIds: await coDepartments(before.coDepartmentIds), data });
      if (after.status === 'accepted') return void (await notifyUsers(tx, { ...base, kind: 'case_returned', userIds: await office(), data }));
      return void (await notifyUsers(tx, { ...base, kind: 'case_returned', userIds: await street(), data }));
    case 'resolve':
      // A department's resolution goes to its street for review; the resident hears only of the approved outcome.
      if (after.status === 'review') {
        await notifyUsers(tx, { ...base, kind: 'case_lead_resolved', userIds: await coDepartments(before.coDepartmentIds), data });
        return void (await notifyUsers(tx, { ...base, kind: 'case_review', userIds: await street(), data }));
      }
      // A street resolving what the community escalated tells the community how it ended.
      if (before.status === 'escalated') await notifyUsers(tx, { ...base, kind: 'case_resolved', userIds: await office(), data });
      return void (await resident('case_closed'));
    case 'approve':
      await notifyUsers(tx, { ...base, kind: 'case_resolved', userIds: [...(await office()), ...(await leadDepartment())], data: { ...data, reason: after.resolution ?? '' } });
      return void (await resident('case_closed'));
    case 'sendBack':
      return void (await notifyUsers(tx, { ...base, kind: 'case_sent_back', userIds: await leadDepartment(), data }));
    case 'reply':
      return void (await resident('case_replied'));
    case 'requestInfo':
      // The resident is asked a question and the time limit waits for the answer: they must hear of it.
      return void (await notifyResident(tx, { communityId: after.tenantId, kind: 'case_question', reporterMobileEnc: after.reporterMobileEnc, data: { code: data.code, reason: data.reason } }));
    case 'reject':
      // A wish not accepted as a duplicate or out of remit is an outcome the resident should know (spam is not told).
      if (after.rejectReason && after.rejectReason !== 'spam') await resident('case_rejected', { label: REJECT_REASON_WORDS[after.rejectReason], reason: after.rejectNote ?? '' });
      return;
    case 'supplyInfo':
      return void (await notifyUsers(tx, { ...base, kind: 'resident_replied', userIds: await holders(tx, after), data }));
    case 'rate':
      return void (await notifyUsers(tx, { ...base, kind: 'resident_rated', userIds: after.assigneeId ? [after.assigneeId] : await office(), data: { ...data, rating: after.rating } }));
    case 'rateMerged': {
      // The reporter of a merged wish rated the case it follows: that case's handler hears of it, on that case.
      const followed = await followedRow(tx, after);
      if (!followed) return;
      const handlers = followed.assigneeId ? [followed.assigneeId] : await usersWithRole(tx, after.tenantId, ['community_admin', 'community_staff']);
      return void (await notifyUsers(tx, { ...base, caseId: followed.id, kind: 'resident_rated', userIds: handlers, data: { ...data, code: formatTrackingCode(followed.trackingCode), rating: after.rating } }));
    }
    case 'merge':
      return void (await notifyResident(tx, { communityId: after.tenantId, kind: 'case_merged', reporterMobileEnc: after.reporterMobileEnc, data: { code: data.code } }));
    case 'reopen':
      return void (await notifyUsers(tx, { ...base, kind: 'case_reopened', userIds: await office(), data }));
    case 'supervise':
      return void (await notifyUsers(tx, { ...base, kind: 'supervision', userIds: await holders(tx, after), data }));
  }
}

/** Wishes merged into this case whose reporters left a number. */
function mergedReporters(tx: Tx, row: CaseRow) {
  return tx
    .select({ trackingCode: cases.trackingCode, reporterMobileEnc: cases.reporterMobileEnc })
    .from(cases)
    .where(and(eq(cases.tenantId, row.tenantId), eq(cases.mergedIntoId, row.id), eq(cases.status, 'merged'), isNotNull(cases.reporterMobileEnc)));
}

/** The case a merged wish follows. */
async function followedRow(tx: Tx, row: CaseRow) {
  if (!row.mergedIntoId) return null;
  const [followed] = await tx.select().from(cases).where(and(eq(cases.tenantId, row.tenantId), eq(cases.id, row.mergedIntoId)));
  return followed ?? null;
}

/** The people who hold a case now: its community office (and assignee), its street, or its departments. */
export async function holders(tx: Tx, row: CaseRow): Promise<string[]> {
  if (row.status === 'forwarded') {
    const units = [row.leadDepartmentId, ...row.coDepartmentIds].filter((u): u is string => Boolean(u));
    return (await Promise.all(units.map((u) => usersWithRole(tx, u, ['department_handler'])))).flat();
  }
  if ((row.status === 'escalated' || row.status === 'review') && row.streetId) return usersWithRole(tx, row.streetId, ['street_officer']);
  const office = await usersWithRole(tx, row.tenantId, ['community_admin', 'community_staff']);
  return row.assigneeId ? [...office, row.assigneeId] : office;
}

/** Everything a case change sets off, in the transaction that changes it: deadlines, the holders' list, messages. */
export async function afterTransition(tx: Tx, facts: TransitionFacts) {
  const ctx = await deadlineContext(tx, facts.after);
  const dueBefore = await resolveDueDay(tx, facts.after);
  await moveDeadlines(tx, ctx, facts);
  await syncHolding(tx, facts.after, ctx.categoryName);
  await notifyFor(tx, facts);
  // The dashboards' rollups of the days this case counts on (received, due before and after) are now stale.
  // A merged wish counts in the figures of the case it follows (its reporter's rating): that case's day too.
  const followed = facts.after.mergedIntoId ? await followedRow(tx, facts.after) : null;
  await markRollupsDirty(tx, facts.after.tenantId, [chinaDate(facts.after.createdAt), dueBefore, await resolveDueDay(tx, facts.after), followed ? chinaDate(followed.createdAt) : null]);
}

async function resolveDueDay(tx: Tx, c: CaseRow) {
  const [row] = await tx.select({ dueAt: deadlines.dueAt }).from(deadlines).where(and(ofSubject({ tenantId: c.tenantId, type: 'case', id: c.id }), eq(deadlines.kind, 'resolve')));
  return row ? chinaDate(row.dueAt) : null;
}
