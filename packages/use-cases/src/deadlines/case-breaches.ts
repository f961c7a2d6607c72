import { and, eq, inArray, sql } from 'drizzle-orm';
import { allowedWorkingMs, chinaDate, cleanText, decide, formatTrackingCode, planDeadline } from '@shequ/domain';
import { caseEvents, caseHoldings, cases, categories, deadlines, notifications, notificationSettings, orgUnits, outbox, type Tx, users } from '@shequ/db';
import { orgUnitName, slaPolicy, workingCalendar } from './policy.ts';
import type { DeadlineRow } from './store.ts';
import { markRollupsDirty } from '../dashboards/rollups.ts';
import { type NotifyData, notificationText, usersWithRole } from '../notifications/notify.ts';

/** The escalation note of an automatic breach (the same words as the one-by-one path). */
export const BREACH_ESCALATION_REASON = '超过办理时限，系统自动上报';
const chinaTime = (d: Date) => new Date(d.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 16).replace('T', ' ');

type CaseRow = typeof cases.$inferSelect;
type Item = { subjectId: string; deadline: DeadlineRow };
type Notice = { kind: string; caseId: string; userIds: string[]; data: NotifyData };

/**
 * Breaches of many cases of one community in one go (decision 031): the holiday-morning burst's common case — an
 * accept or resolve limit passed while the community still holds the case — written with one statement per kind
 * of effect for the whole set, instead of ~30 statements per case. The effect on each case is the one-by-one
 * path's (case-subject.ts `breach` → escalateCase → transitionCase → afterTransition), row for row:
 * - the holders (office staff and the assignee) get a `breach` notice (in-app and their outside channels);
 * - the case is escalated to its community's street, marked overdue, its version bumped, an `escalate` event
 *   (public, automatic, with the reason) appended;
 * - its accept and resolve limits still running are cancelled, the street's limit starts (from the community's
 *   policy for the case's category, on the working calendar);
 * - the street's list entry (case_holdings) is written, the street officers get `case_escalated`;
 * - the dashboard days it counts on are marked stale.
 * Every case must be locked by the caller (the wake-up's lock order, decision 026) and given with its one deadline
 * of this batch, already marked breached. Cases this cannot write together (another status, another kind, a
 * community without a street, a refused transition) are handed to `one` (the one-by-one breach), unchanged.
 * A case whose version moved between the read and the write fails the whole transaction (the caller's batch then
 * falls back to one transaction per deadline).
 */
export async function breachCasesTogether(tx: Tx, tenantId: string, items: Item[], now: Date, one: (item: Item) => Promise<void>) {
  const rows = await tx.select().from(cases).where(and(eq(cases.tenantId, tenantId), inArray(cases.id, items.map((i) => i.subjectId))));
  const byId = new Map(rows.map((r) => [r.id, r]));
  // Read fresh, as escalateCase does: the community may have moved to another street.
  const [community] = await tx.select({ streetId: orgUnits.streetId, districtId: orgUnits.districtId }).from(orgUnits).where(eq(orgUnits.id, tenantId));
  const streetId = community?.streetId ?? null;
  const together: { row: CaseRow; deadline: DeadlineRow }[] = [];
  for (const item of items) {
    const row = byId.get(item.subjectId);
    const kind = item.deadline.kind;
    const plain =
      row &&
      streetId &&
      (kind === 'accept' || kind === 'resolve') &&
      (row.status === 'submitted' || row.status === 'accepted') &&
      !row.mergedIntoId &&
      decide('escalate', 'system', { status: row.status, reopenCount: row.reopenCount, actorIsResponsible: false, awaitingResident: Boolean(row.awaitingResidentSince), rated: row.rating !== null }).ok;
    if (plain) together.push({ row, deadline: item.deadline });
    else await one(item);
  }
  if (!together.length || !streetId) return;
  const districtId = community?.districtId ?? null;
  const ids = together.map((t) => t.row.id);

  // What every message and row needs, read once for the set.
  const communityName = await orgUnitName(tx, tenantId);
  const streetName = await orgUnitName(tx, streetId);
  const office = await usersWithRole(tx, tenantId, ['community_admin', 'community_staff']);
  const streetOfficers = await usersWithRole(tx, streetId, ['street_officer']);
  const categoryIds = [...new Set(together.map((t) => t.row.categoryId))];
  const categoryNames = new Map((await tx.select({ id: categories.id, name: categories.name }).from(categories).where(and(eq(categories.tenantId, tenantId), inArray(categories.id, categoryIds)))).map((c) => [c.id, c.name]));
  const resolveDue = new Map(
    (await tx.select({ caseId: deadlines.subjectId, dueAt: deadlines.dueAt }).from(deadlines).where(and(eq(deadlines.tenantId, tenantId), eq(deadlines.subjectType, 'case'), inArray(deadlines.subjectId, ids), eq(deadlines.kind, 'resolve')))).map((d) => [d.caseId, d.dueAt]),
  );
  const calendar = await workingCalendar(tx);
  const reason = cleanText(BREACH_ESCALATION_REASON);

  // 1. The holders hear of the breach; the street officers of the escalation (in that order, as one by one).
  const notices: Notice[] = [];
  for (const { row, deadline } of together) {
    const data = { code: formatTrackingCode(row.trackingCode), community: communityName, due: chinaTime(deadline.dueAt), reason: '' };
    notices.push({ kind: 'breach', caseId: row.id, userIds: row.assigneeId ? [...office, row.assigneeId] : office, data: { ...data, escalated: '1', supervised: '' } });
  }
  for (const { row } of together) {
    notices.push({ kind: 'case_escalated', caseId: row.id, userIds: streetOfficers, data: { code: formatTrackingCode(row.trackingCode), community: communityName, by: '', reason } });
  }
  await notifyMany(tx, tenantId, notices);

  // 2. The escalation itself: each case at the version read, to the street, overdue (one statement).
  const updated = await tx
    .update(cases)
    .set({
      status: 'escalated',
      holderOrgUnitId: streetId,
      streetId,
      districtId,
      escalatedAt: sql`coalesce(${cases.escalatedAt}, ${now.toISOString()}::timestamptz)`,
      overdueAt: sql`coalesce(${cases.overdueAt}, ${now.toISOString()}::timestamptz)`,
      version: sql`${cases.version} + 1`,
      updatedAt: now,
    })
    .where(and(eq(cases.tenantId, tenantId), inArray(cases.id, ids)))
    .returning();
  const after = new Map(updated.map((r) => [r.id, r]));
  for (const { row } of together) if (after.get(row.id)?.version !== row.version + 1) throw new Error(`case ${row.id} changed during its breach`);
  await tx.insert(caseEvents).values(
    together.map(({ row }) => ({
      tenantId,
      caseId: row.id,
      at: now,
      actorKind: 'system',
      actorUserId: null,
      type: 'escalate',
      public: true,
      body: null,
      data: { from: row.status, to: 'escalated', byLevel: 'system', byName: '', toName: streetName, note: reason, automatic: true },
    })),
  );

  // 3. Deadlines: the community's limits end, the street's starts.
  await tx
    .update(deadlines)
    .set({ state: 'cancelled', metAt: null, version: sql`${deadlines.version} + 1` })
    .where(and(eq(deadlines.tenantId, tenantId), eq(deadlines.subjectType, 'case'), inArray(deadlines.subjectId, ids), inArray(deadlines.kind, ['accept', 'resolve']), inArray(deadlines.state, ['running', 'paused'])));
  const streetRows = [];
  for (const { row } of together) {
    const policy = await slaPolicy(tx, tenantId, categoryNames.get(row.categoryId) ?? '');
    const allowedMs = allowedWorkingMs(policy, 'street');
    const plan = planDeadline(calendar, policy, now, allowedMs);
    streetRows.push({
      tenantId,
      subjectType: 'case',
      subjectId: row.id,
      kind: 'street',
      holderOrgUnitId: streetId,
      state: 'running' as const,
      startedAt: now,
      allowedMs,
      remainingMs: null,
      dueAt: plan.dueAt,
      remindAt: plan.remindAt.map((d) => d.toISOString()),
      wakeAt: plan.remindAt[0] ?? plan.dueAt,
      provisional: plan.provisional,
      pausedAt: null,
      metAt: null,
      breachedAt: null,
    });
  }
  const started = await tx
    .insert(deadlines)
    .values(streetRows)
    .onConflictDoUpdate({
      target: [deadlines.tenantId, deadlines.subjectType, deadlines.subjectId, deadlines.kind],
      set: {
        holderOrgUnitId: sql`excluded.holder_org_unit_id`,
        state: sql`excluded.state`,
        startedAt: sql`excluded.started_at`,
        allowedMs: sql`excluded.allowed_ms`,
        remainingMs: sql`excluded.remaining_ms`,
        dueAt: sql`excluded.due_at`,
        remindAt: sql`excluded.remind_at`,
        wakeAt: sql`excluded.wake_at`,
        provisional: sql`excluded.provisional`,
        pausedAt: sql`excluded.paused_at`,
        metAt: sql`excluded.met_at`,
        breachedAt: sql`excluded.breached_at`,
        version: sql`${deadlines.version} + 1`,
      },
    })
    .returning({ caseId: deadlines.subjectId, dueAt: deadlines.dueAt });
  const streetDue = new Map(started.map((s) => [s.caseId, s.dueAt]));

  // 4. The street's list entry.
  const holdings = together.map(({ row }) => {
    const a = after.get(row.id)!;
    return {
      tenantId,
      caseId: a.id,
      streetId: a.streetId,
      districtId: a.districtId,
      holderOrgUnitId: a.holderOrgUnitId,
      coHolderIds: [] as string[],
      status: a.status,
      trackingCode: a.trackingCode,
      categoryName: categoryNames.get(a.categoryId) ?? '',
      summary: Array.from(a.content).slice(0, 100).join(''),
      escalatedAt: a.escalatedAt!,
      dueAt: streetDue.get(a.id) ?? null,
      overdue: Boolean(a.overdueAt),
    };
  });
  await tx
    .insert(caseHoldings)
    .values(holdings)
    .onConflictDoUpdate({
      target: [caseHoldings.tenantId, caseHoldings.caseId],
      set: {
        streetId: sql`excluded.street_id`,
        districtId: sql`excluded.district_id`,
        holderOrgUnitId: sql`excluded.holder_org_unit_id`,
        coHolderIds: sql`excluded.co_holder_ids`,
        status: sql`excluded.status`,
        trackingCode: sql`excluded.tracking_code`,
        categoryName: sql`excluded.category_name`,
        summary: sql`excluded.summary`,
        escalatedAt: sql`excluded.escalated_at`,
        dueAt: sql`excluded.due_at`,
        overdue: sql`excluded.overdue`,
      },
    });

  // 5. The dashboards' days these cases count on (received, resolve due) are stale.
  const days = together.flatMap(({ row }) => {
    const due = resolveDue.get(row.id);
    return [chinaDate(row.createdAt), due ? chinaDate(due) : null];
  });
  await markRollupsDirty(tx, tenantId, days);
}

/**
 * notifyUsers for many notices of one community at once: one insert of in-app notifications, one read of the
 * recipients' channels, one insert of outbox messages (same rows as notifyUsers writes, notice by notice).
 */
async function notifyMany(tx: Tx, tenantId: string, notices: Notice[]) {
  const lists = notices.map((n) => [...new Set(n.userIds)]).map((u, i) => ({ notice: notices[i]!, userIds: u })).filter((n) => n.userIds.length);
  if (!lists.length) return;
  const inApp = lists.flatMap(({ notice, userIds }) => userIds.map((userId) => ({ userId, kind: notice.kind, communityId: tenantId, subjectType: 'case', subjectId: notice.caseId, data: notice.data })));
  // Large sets are written in slices (PostgreSQL takes at most 65,535 parameters in one statement).
  for (let i = 0; i < inApp.length; i += 5000) await tx.insert(notifications).values(inApp.slice(i, i + 5000));
  const everyone = [...new Set(lists.flatMap((l) => l.userIds))];
  const people = await tx
    .select({ id: users.id, email: users.email, mobile: users.mobile, channels: notificationSettings.channels })
    .from(users)
    .leftJoin(notificationSettings, eq(notificationSettings.userId, users.id))
    .where(inArray(users.id, everyone));
  const byUser = new Map(people.map((p) => [p.id, p]));
  const messages: (typeof outbox.$inferInsert)[] = [];
  for (const { notice, userIds } of lists) {
    const { subject, body } = notificationText(notice.kind, notice.data);
    for (const id of userIds) {
      const p = byUser.get(id);
      if (!p) continue;
      const channels = p.channels ?? ['email'];
      if (channels.includes('email') && p.email) messages.push({ tenantId, channel: 'email', kind: notice.kind, userId: p.id, recipient: p.email, subject, body });
      if (channels.includes('sms') && p.mobile) messages.push({ tenantId, channel: 'sms', kind: notice.kind, userId: p.id, recipient: p.mobile, subject, body });
      if (channels.includes('wechat')) messages.push({ tenantId, channel: 'wechat', kind: notice.kind, userId: p.id, recipient: `user:${p.id}`, subject, body });
    }
  }
  for (let i = 0; i < messages.length; i += 4000) await tx.insert(outbox).values(messages.slice(i, i + 4000));
}
