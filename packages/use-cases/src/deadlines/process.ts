import { and, asc, eq, gt, lte, sql } from 'drizzle-orm';
import { formatTrackingCode } from '@shequ/domain';
import { cases, type Db, deadlines, withoutTenant, withTenant } from '@shequ/db';
import { orgUnitName } from './policy.ts';
import { escalateCase, superviseCase } from '../escalation/escalation-actions.ts';
import { holders } from '../escalation/after-transition.ts';
import { notifyUsers, usersWithRole } from '../notifications/notify.ts';
import { transitionCase } from '../cases/transition-case.ts';

export type WakeResult = 'reminded' | 'breached' | 'stale' | 'early' | 'gone';

const SYSTEM = { kind: 'system' } as const;
const chinaTime = (d: Date) => new Date(d.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 16).replace('T', ' ');

/**
 * A deadline's wake-up, done exactly once however often it is called: the deadline row is locked and must still be
 * running (and, for a job, at the version the job was made for). A reminder (催办) notifies the holders; a breach
 * (超期) marks the case overdue and escalates it one level (community → street; street or department → district
 * supervision), with its messages, all in this one transaction. A second run finds the version moved on.
 */
export async function wakeDeadline(db: Db, deadlineId: string, expectedVersion: number | null, now = new Date(), knownCommunityId?: string): Promise<WakeResult> {
  // The sweep and new jobs know the community already; older jobs look it up.
  const communityId = knownCommunityId ?? (await withoutTenant(db, (tx) => tx.select({ communityId: deadlines.communityId }).from(deadlines).where(eq(deadlines.id, deadlineId))))[0]?.communityId;
  if (!communityId) return 'gone';
  return withTenant(db, communityId, async (tx) => {
    // Whoever holds the row is already doing this (a job and the sweep can reach it together): skip, do not wait.
    const [d] = await tx.select().from(deadlines).where(eq(deadlines.id, deadlineId)).for('update', { skipLocked: true });
    if (!d || d.communityId !== communityId || d.state !== 'running' || (expectedVersion !== null && d.version !== expectedVersion)) return 'stale';
    if (d.wakeAt > now) return 'early';
    const [row] = await tx.select().from(cases).where(and(eq(cases.tenantId, d.communityId), eq(cases.id, d.caseId))).for('update');
    if (!row) return 'gone';
    const data = { code: formatTrackingCode(row.trackingCode), community: await orgUnitName(tx, d.communityId), due: chinaTime(d.dueAt), reason: '' };
    const base = { communityId: d.communityId, caseId: d.caseId };

    if (d.dueAt > now) {
      // 催办: the next reminder point has come.
      const remindAt = d.remindAt.filter((r) => new Date(r) > now);
      await tx
        .update(deadlines)
        .set({ remindAt, wakeAt: remindAt[0] ? new Date(remindAt[0]) : d.dueAt, version: sql`${deadlines.version} + 1` })
        .where(eq(deadlines.id, d.id));
      await transitionCase(tx, { tenantId: d.communityId, caseId: d.caseId, action: 'remind', actor: SYSTEM, event: { public: false, data: { kind: d.kind, dueAt: d.dueAt.toISOString() } }, now });
      await notifyUsers(tx, { ...base, kind: 'reminder', userIds: await holders(tx, row), data });
      return 'reminded';
    }

    // 超期.
    await tx.update(deadlines).set({ state: 'breached', breachedAt: now, version: sql`${deadlines.version} + 1` }).where(eq(deadlines.id, d.id));
    // What the breach sets off, said in its notice: escalation to the street, or district supervision.
    const escalates = (d.kind === 'accept' || d.kind === 'resolve') && (row.status === 'submitted' || row.status === 'accepted');
    const supervises = !escalates && row.status !== 'resolved' && row.status !== 'closed' && row.status !== 'rejected' && row.status !== 'merged';
    const breachData = { ...data, escalated: escalates ? '1' : '', supervised: supervises ? '1' : '' };
    await notifyUsers(tx, { ...base, kind: 'breach', userIds: await holders(tx, row), data: breachData });
    // The case is marked overdue by the escalation (or supervision) it sets off, in the same update.
    if (escalates) {
      await escalateCase(tx, { tenantId: row.tenantId, caseId: row.id, actor: SYSTEM, reason: '超过办理时限，系统自动上报', overdue: true, now });
    } else if (supervises) {
      await superviseCase(tx, { tenantId: row.tenantId, caseId: row.id, actor: SYSTEM, note: '超过办理时限，自动提请区级督办', overdue: true, now });
      const district = row.districtId ? await usersWithRole(tx, row.districtId, ['district_officer']) : [];
      await notifyUsers(tx, { ...base, kind: 'breach', userIds: district, data: breachData });
    } else {
      await tx
        .update(cases)
        .set({ overdueAt: row.overdueAt ?? now, version: sql`${cases.version} + 1` })
        .where(and(eq(cases.tenantId, row.tenantId), eq(cases.id, row.id)));
    }
    return 'breached';
  });
}

/** Deadlines whose wake-up time has come (for the reconcile sweep), earliest first. */
export function dueDeadlines(db: Db, now: Date, limit: number) {
  return withoutTenant(db, (tx) =>
    tx
      .select({ id: deadlines.id, communityId: deadlines.communityId, caseId: deadlines.caseId, kind: deadlines.kind, version: deadlines.version })
      .from(deadlines)
      .where(and(eq(deadlines.state, 'running'), lte(deadlines.wakeAt, now)))
      .orderBy(asc(deadlines.wakeAt))
      .limit(limit),
  );
}

/** Deadlines that wake within the horizon: the worker makes sure each has its delayed job. */
export function upcomingDeadlines(db: Db, now: Date, horizonMs: number, limit: number) {
  return withoutTenant(db, (tx) =>
    tx
      .select({ id: deadlines.id, communityId: deadlines.communityId, caseId: deadlines.caseId, kind: deadlines.kind, version: deadlines.version, wakeAt: deadlines.wakeAt })
      .from(deadlines)
      .where(and(eq(deadlines.state, 'running'), gt(deadlines.wakeAt, now), lte(deadlines.wakeAt, new Date(now.getTime() + horizonMs))))
      .orderBy(asc(deadlines.wakeAt))
      .limit(limit),
  );
}
