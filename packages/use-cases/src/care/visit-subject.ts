import { windowEndText } from '@shequ/domain';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { careRecipients, careWindows, residents, type Tx } from '@shequ/db';
import { registerDeadlineSubject } from '../deadlines/subjects.ts';
import type { DeadlineRow } from '../deadlines/store.ts';
import { orgUnitName } from '../deadlines/policy.ts';
import { notifyUsers, usersWithRole } from '../notifications/notify.ts';
import { CARE_WINDOW_SUBJECT } from './care-core.ts';

async function facts(tx: Tx, d: DeadlineRow) {
  const [row] = await tx
    .select({ window: careWindows, nameHint: residents.nameHint, worker: careRecipients.responsibleWorkerId })
    .from(careWindows)
    .innerJoin(residents, and(eq(residents.tenantId, careWindows.tenantId), eq(residents.id, careWindows.residentId)))
    .leftJoin(careRecipients, and(eq(careRecipients.tenantId, careWindows.tenantId), eq(careRecipients.residentId, careWindows.residentId)))
    .where(and(eq(careWindows.tenantId, d.tenantId), eq(careWindows.id, d.subjectId)));
  return row ?? null;
}

/**
 * Visit windows as deadline subjects (decision 026, registered once at import; the deadline engine imports this
 * file). The window row is the subject's lock (as a case's row is), so a wake-up and a visit meeting the window take
 * their locks in the same order (window, then its deadline). The worker's timers raise:
 * - `remind` (due soon: the window ends within the rules' dueSoonDays): a notice to the responsible grid worker;
 * - `breach` (overdue: the window ended without a counting visit): a notice to the responsible grid worker and the
 *   community's office (admins and 社工). A window met meanwhile does nothing (its deadline was settled).
 */
registerDeadlineSubject({
  type: CARE_WINDOW_SUBJECT,
  async lock(tx, tenantId, ids, { skipLocked }) {
    const q = tx.select({ id: careWindows.id }).from(careWindows).where(and(eq(careWindows.tenantId, tenantId), inArray(careWindows.id, ids))).orderBy(asc(careWindows.id));
    return (await (skipLocked ? q.for('update', { skipLocked: true }) : q.for('update'))).map((r) => r.id);
  },
  async remind(tx, windowId, d) {
    const f = await facts(tx, d);
    if (!f || f.window.visitId || !f.worker) return;
    await notifyUsers(tx, {
      kind: 'care_visit_due_soon',
      userIds: [f.worker],
      communityId: d.tenantId,
      subject: { type: CARE_WINDOW_SUBJECT, id: windowId },
      data: { who: f.nameHint, due: windowEndText(f.window.closesAt), community: await orgUnitName(tx, d.tenantId) },
    });
  },
  async breach(tx, windowId, d) {
    const f = await facts(tx, d);
    if (!f || f.window.visitId) return;
    const office = await usersWithRole(tx, d.tenantId, ['community_admin', 'community_staff']);
    await notifyUsers(tx, {
      kind: 'care_visit_overdue',
      userIds: [...(f.worker ? [f.worker] : []), ...office],
      communityId: d.tenantId,
      subject: { type: CARE_WINDOW_SUBJECT, id: windowId },
      data: { who: f.nameHint, due: windowEndText(f.window.closesAt), community: await orgUnitName(tx, d.tenantId) },
    });
  },
});
