import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { formatTrackingCode } from '@shequ/domain';
import { cases, type Tx } from '@shequ/db';
import { orgUnitName } from './policy.ts';
import { registerDeadlineSubject } from './subjects.ts';
import { breachCasesTogether } from './case-breaches.ts';
import type { DeadlineRow } from './store.ts';
import { anonymousCaller } from '../caller.ts';
import { escalateCase } from '../escalation/escalate-case.ts';
import { superviseCase } from '../escalation/supervise-case.ts';
import { holders } from '../escalation/after-transition.ts';
import { notifyUsers, usersWithRole } from '../notifications/notify.ts';
import { transitionCase } from '../cases/transition-case.ts';

/** The worker acts on a breach as the system: nobody signed in (the case's lifecycle checks what the system may do). */
const SYSTEM = anonymousCaller();
const SYSTEM_ACTOR = { kind: 'system' } as const;
const chinaTime = (d: Date) => new Date(d.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 16).replace('T', ' ');

async function caseFacts(tx: Tx, d: DeadlineRow) {
  const [row] = await tx.select().from(cases).where(and(eq(cases.tenantId, d.tenantId), eq(cases.id, d.subjectId)));
  if (!row) throw new Error(`case ${d.subjectId} of a running deadline is gone`);
  const data = { code: formatTrackingCode(row.trackingCode), community: await orgUnitName(tx, d.tenantId), due: chinaTime(d.dueAt), reason: '' };
  return { row, data, base: { communityId: d.tenantId, caseId: d.subjectId } };
}

/**
 * Cases as deadline subjects (decision 014's behaviour, unchanged): the case row is the subject's lock. A reminder
 * (催办) notifies the holders; a breach (超期) marks the case overdue and escalates it one level (community →
 * street; street or department → district supervision), with its messages.
 */
const caseSubjectType = registerDeadlineSubject({
  type: 'case',
  async lock(tx, tenantId, ids, { skipLocked }) {
    const q = tx.select({ id: cases.id }).from(cases).where(and(eq(cases.tenantId, tenantId), inArray(cases.id, ids))).orderBy(asc(cases.id));
    return (await (skipLocked ? q.for('update', { skipLocked: true }) : q.for('update'))).map((r) => r.id);
  },
  async remind(tx, _caseId, d, now) {
    const { row, data, base } = await caseFacts(tx, d);
    await transitionCase(tx, { tenantId: d.tenantId, caseId: d.subjectId, action: 'remind', actor: SYSTEM_ACTOR, event: { public: false, data: { kind: d.kind, dueAt: d.dueAt.toISOString() } }, now });
    await notifyUsers(tx, { ...base, kind: 'reminder', userIds: await holders(tx, row), data });
  },
  async breach(tx, _caseId, d, now) {
    const { row, data, base } = await caseFacts(tx, d);
    // What the breach sets off, said in its notice: escalation to the street, or district supervision.
    const escalates = (d.kind === 'accept' || d.kind === 'resolve') && (row.status === 'submitted' || row.status === 'accepted');
    const supervises = !escalates && row.status !== 'resolved' && row.status !== 'closed' && row.status !== 'rejected' && row.status !== 'merged';
    const breachData = { ...data, escalated: escalates ? '1' : '', supervised: supervises ? '1' : '' };
    await notifyUsers(tx, { ...base, kind: 'breach', userIds: await holders(tx, row), data: breachData });
    // The case is marked overdue by the escalation (or supervision) it sets off, in the same update.
    if (escalates) {
      await escalateCase(tx, SYSTEM, { tenantId: row.tenantId, caseId: row.id, reason: '超过办理时限，系统自动上报', overdue: true }, now);
    } else if (supervises) {
      await superviseCase(tx, SYSTEM, { tenantId: row.tenantId, caseId: row.id, note: '超过办理时限，自动提请区级督办', overdue: true }, now);
      const district = row.districtId ? await usersWithRole(tx, row.districtId, ['district_officer']) : [];
      await notifyUsers(tx, { ...base, kind: 'breach', userIds: district, data: breachData });
    } else {
      await tx
        .update(cases)
        .set({ overdueAt: row.overdueAt ?? now, version: sql`${cases.version} + 1` })
        .where(and(eq(cases.tenantId, row.tenantId), eq(cases.id, row.id)));
    }
  },
  // The burst (decision 031): the common breach written for many cases at once; any other goes through `breach`.
  breachMany: (tx, tenantId, items, now) => breachCasesTogether(tx, tenantId, items, now, (item) => caseSubjectType.breach(tx, item.subjectId, item.deadline, now)),
});
