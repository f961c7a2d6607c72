import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { ACTION_REPORT_GRACE_DAYS, planDeadline, workingDayMs } from '@shequ/domain';
import { actionItems, orgUnits, type Tx } from '@shequ/db';
import { orgUnitName, slaPolicy, workingCalendar } from '../deadlines/policy.ts';
import { startSubjectDeadline, type DeadlineRow } from '../deadlines/store.ts';
import { registerDeadlineSubject } from '../deadlines/subjects.ts';
import { notifyUsers, usersWithRole } from '../notifications/notify.ts';
import { chinaTime } from './shared.ts';

/** The deadline subject type of action items (decision 026): kinds 'due' (the item's own) and 'report' (the grace after it). */
export const ACTION_ITEM_SUBJECT = 'action_item';

/**
 * Plans a deadline `days` working days from `now` on the official calendar the cases use (statutory holidays and
 * 调休), within the community's working hours, with its reminder points (decision 026); `reminders: false` plans none.
 */
export async function planWorkingDays(tx: Tx, tenantId: string, now: Date, days: number, reminders = true) {
  const calendar = await workingCalendar(tx);
  const base = await slaPolicy(tx, tenantId, null);
  const policy = reminders ? base : { ...base, reminderFractions: [] };
  const allowedMs = days * workingDayMs(policy.hours);
  return { allowedMs, plan: planDeadline(calendar, policy, now, allowedMs) };
}

/** Who hears of an item: its staff owner, else the community's admins and staff (who act for units and teams). */
async function ownersOf(tx: Tx, item: typeof actionItems.$inferSelect): Promise<string[]> {
  if (item.ownerKind === 'staff' && item.ownerUserId) return [item.ownerUserId];
  return usersWithRole(tx, item.tenantId, ['community_admin', 'community_staff']);
}

async function itemOf(tx: Tx, d: DeadlineRow) {
  const [row] = await tx.select().from(actionItems).where(and(eq(actionItems.tenantId, d.tenantId), eq(actionItems.id, d.subjectId)));
  return row ?? null;
}

/**
 * Action items as deadline subjects: the item's row is the lock. 'due': reminded before (催办, the community's
 * reminder fractions), and on breach marked overdue, its owners told, and a 'report' deadline started
 * (ACTION_REPORT_GRACE_DAYS working days). 'report': if still not done, the community's street is told once
 * (reportedAt). The engine acts on a running row at its version only, so each effect happens exactly once.
 */
registerDeadlineSubject({
  type: ACTION_ITEM_SUBJECT,
  async lock(tx, tenantId, ids, { skipLocked }) {
    const q = tx.select({ id: actionItems.id }).from(actionItems).where(and(eq(actionItems.tenantId, tenantId), inArray(actionItems.id, ids))).orderBy(asc(actionItems.id));
    return (await (skipLocked ? q.for('update', { skipLocked: true }) : q.for('update'))).map((r) => r.id);
  },
  async remind(tx, _id, d) {
    const item = await itemOf(tx, d);
    if (!item || item.completedAt) return;
    await notifyUsers(tx, { kind: 'action_reminder', userIds: await ownersOf(tx, item), communityId: d.tenantId, subject: { type: ACTION_ITEM_SUBJECT, id: item.id }, data: { title: item.title, community: await orgUnitName(tx, d.tenantId), due: chinaTime(d.dueAt) } });
  },
  async breach(tx, _id, d, now) {
    const item = await itemOf(tx, d);
    if (!item || item.completedAt) return;
    const data = { title: item.title, community: await orgUnitName(tx, d.tenantId), due: chinaTime(item.dueAt ?? d.dueAt) };
    if (d.kind === 'due') {
      await tx.update(actionItems).set({ overdueAt: item.overdueAt ?? now }).where(and(eq(actionItems.tenantId, item.tenantId), eq(actionItems.id, item.id)));
      await notifyUsers(tx, { kind: 'action_overdue', userIds: await ownersOf(tx, item), communityId: d.tenantId, subject: { type: ACTION_ITEM_SUBJECT, id: item.id }, data });
      const { allowedMs, plan } = await planWorkingDays(tx, d.tenantId, now, ACTION_REPORT_GRACE_DAYS, false);
      await startSubjectDeadline(tx, { subject: { tenantId: d.tenantId, type: ACTION_ITEM_SUBJECT, id: item.id }, kind: 'report', holderOrgUnitId: d.tenantId, now, allowedMs, plan });
    } else if (d.kind === 'report') {
      const marked = await tx
        .update(actionItems)
        .set({ reportedAt: now })
        .where(and(eq(actionItems.tenantId, item.tenantId), eq(actionItems.id, item.id), isNull(actionItems.reportedAt)))
        .returning({ id: actionItems.id });
      if (!marked.length) return;
      const [unit] = await tx.select({ streetId: orgUnits.streetId }).from(orgUnits).where(eq(orgUnits.id, d.tenantId));
      const street = unit?.streetId ? await usersWithRole(tx, unit.streetId, ['street_officer']) : [];
      await notifyUsers(tx, { kind: 'action_reported', userIds: street, communityId: d.tenantId, subject: { type: ACTION_ITEM_SUBJECT, id: item.id }, data });
    }
  },
});
