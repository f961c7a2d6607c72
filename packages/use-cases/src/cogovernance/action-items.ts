import { and, asc, eq, inArray } from 'drizzle-orm';
import { clampPercent, COMMUNITY_STAFF_ROLES, weightedProgress } from '@shequ/domain';
import { actionItems, actionItemUpdates, agendaItems, consultationDecisions, consultationMatterWishes, memberships, orgUnits, partnerUnits, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { settleDeadlines, startSubjectDeadline } from '../deadlines/store.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { ACTION_ITEM_SUBJECT, planWorkingDays } from './action-item-subject.ts';
import { type AddActionItemFields, addActionItemSchema, type ReportActionProgressFields, reportActionProgressSchema } from './consultation.schema.ts';
import { recordWishEvents } from './trace.ts';
import { consultationScope } from './shared.ts';

async function decisionOf(tx: Tx, tenantId: string, decisionId: string) {
  const [d] = await tx.select().from(consultationDecisions).where(and(eq(consultationDecisions.tenantId, tenantId), eq(consultationDecisions.id, decisionId)));
  if (!d) throw new UseCaseError('consultation.notFound');
  return d;
}

/**
 * Turns a decision into an action item (行动项), or adds a sub-item to one (`parentId`, one level, with its `weight`
 * in the parent's progress). Owner: a staff member of the community, a team (its name), a partner unit of the
 * community, or a department (an org unit of kind department). `dueWorkingDays`: due that many working days from
 * now on the official calendar the deadlines use (decision 026, subject type 'action_item'): reminded before,
 * reported overdue to its owners, and to the street if still not done ACTION_REPORT_GRACE_DAYS working days later.
 * Implementing decisions is what 中办发〔2015〕41号 asks (adopted, implemented, fed back; POLICY.md).
 * Input: the fields of addActionItemSchema, `now`. Output: `{ id, dueAt }`.
 * Refuses: consultation.notFound (decision or parent); consultation.owner.invalid (owner missing or not of this
 * community); consultation.title.required; forbidden.
 */
export async function addActionItem(tx: Tx, caller: StaffCaller, input: AddActionItemFields & { now?: Date }) {
  const tenantId = consultationScope(caller, 'update');
  const p = parseInput(addActionItemSchema, input);
  const now = input.now ?? new Date();
  const decision = await decisionOf(tx, tenantId, p.decisionId);
  if (p.parentId) {
    const [parent] = await tx.select().from(actionItems).where(and(eq(actionItems.tenantId, tenantId), eq(actionItems.id, p.parentId), eq(actionItems.decisionId, decision.id)));
    if (!parent || parent.parentId) throw new UseCaseError('consultation.notFound', { field: 'parentId' });
  }
  const owner = { ownerUserId: null as string | null, ownerPartnerUnitId: null as string | null, ownerOrgUnitId: null as string | null, ownerTeam: null as string | null };
  const bad = () => new UseCaseError('consultation.owner.invalid', { field: 'ownerKind' });
  if (p.ownerKind === 'staff') {
    const [m] = p.ownerUserId
      ? await tx.select({ id: memberships.userId }).from(memberships).where(and(eq(memberships.orgUnitId, tenantId), eq(memberships.userId, p.ownerUserId), inArray(memberships.role, [...COMMUNITY_STAFF_ROLES])))
      : [];
    if (!m) throw bad();
    owner.ownerUserId = m.id;
  } else if (p.ownerKind === 'partner_unit') {
    const [u] = p.ownerPartnerUnitId ? await tx.select({ id: partnerUnits.id }).from(partnerUnits).where(and(eq(partnerUnits.tenantId, tenantId), eq(partnerUnits.id, p.ownerPartnerUnitId))) : [];
    if (!u) throw bad();
    owner.ownerPartnerUnitId = u.id;
  } else if (p.ownerKind === 'department') {
    const [u] = p.ownerOrgUnitId ? await tx.select({ id: orgUnits.id }).from(orgUnits).where(and(eq(orgUnits.id, p.ownerOrgUnitId), eq(orgUnits.kind, 'department'))) : [];
    if (!u) throw bad();
    owner.ownerOrgUnitId = u.id;
  } else {
    if (!p.ownerTeam) throw bad();
    owner.ownerTeam = p.ownerTeam;
  }
  const planned = p.dueWorkingDays ? await planWorkingDays(tx, tenantId, now, p.dueWorkingDays) : null;
  const [row] = await tx
    .insert(actionItems)
    .values({ tenantId, decisionId: decision.id, parentId: p.parentId || null, title: p.title, ownerKind: p.ownerKind, ...owner, weight: p.weight, dueWorkingDays: p.dueWorkingDays, dueAt: planned?.plan.dueAt ?? null, createdBy: caller.actor.userId, createdAt: now })
    .returning({ id: actionItems.id, dueAt: actionItems.dueAt });
  if (planned) await startSubjectDeadline(tx, { subject: { tenantId, type: ACTION_ITEM_SUBJECT, id: row!.id }, kind: 'due', holderOrgUnitId: tenantId, now, allowedMs: planned.allowedMs, plan: planned.plan });
  if (decision.status === 'notice' && now.getTime() >= decision.noticeEndsAt.getTime())
    await tx.update(consultationDecisions).set({ status: 'in_progress' }).where(and(eq(consultationDecisions.tenantId, tenantId), eq(consultationDecisions.id, decision.id)));
  return { id: row!.id, dueAt: row!.dueAt };
}

/**
 * Reports an action item's progress (percent and a note; photos are optional evidence, never required: POLICY.md,
 * 减负). An item with sub-items takes its progress from them (weighted) and is not reported directly. At 100 the
 * item is done and its deadlines are met; when every top-level item of the decision is done, the decision is done,
 * its `result` (if given) published (实施结果公开), and the wishes behind it get the result on their tracking page and
 * by message (反馈, 中办发〔2015〕41号) — once.
 * All the decision's items are locked in id order before any deadline row (one lock order, decision 026).
 * Input: `actionItemId`, `progress` (0–100), `note`, `result` (the decision's result, for the last report), `now`.
 * Output: `{ progress, decisionProgress, decisionDone }`.
 * Refuses: consultation.notFound; consultation.progress.invalid (an item with sub-items); forbidden.
 */
export async function reportActionProgress(tx: Tx, caller: StaffCaller, input: ReportActionProgressFields & { now?: Date }) {
  const tenantId = consultationScope(caller, 'update');
  const p = parseInput(reportActionProgressSchema, input);
  const now = input.now ?? new Date();
  const [found] = await tx.select({ decisionId: actionItems.decisionId }).from(actionItems).where(and(eq(actionItems.tenantId, tenantId), eq(actionItems.id, p.actionItemId)));
  if (!found) throw new UseCaseError('consultation.notFound');
  const [decision] = await tx.select().from(consultationDecisions).where(and(eq(consultationDecisions.tenantId, tenantId), eq(consultationDecisions.id, found.decisionId))).for('update');
  const items = await tx.select().from(actionItems).where(and(eq(actionItems.tenantId, tenantId), eq(actionItems.decisionId, found.decisionId))).orderBy(asc(actionItems.id)).for('update');
  const item = items.find((i) => i.id === p.actionItemId)!;
  if (items.some((i) => i.parentId === item.id)) throw new UseCaseError('consultation.progress.invalid', { field: 'progress' });

  const progress = clampPercent(p.progress);
  await tx.insert(actionItemUpdates).values({ tenantId, actionItemId: item.id, progress, note: p.note ?? null, createdBy: caller.actor.userId, createdAt: now });
  const setProgress = async (target: typeof item, value: number) => {
    const done = value >= 100;
    await tx
      .update(actionItems)
      .set({ progress: value, completedAt: done ? (target.completedAt ?? now) : null })
      .where(and(eq(actionItems.tenantId, tenantId), eq(actionItems.id, target.id)));
    if (done && !target.completedAt) await settleDeadlines(tx, { tenantId, type: ACTION_ITEM_SUBJECT, id: target.id }, ['due', 'report'], 'met', now);
    target.progress = value;
    target.completedAt = done ? (target.completedAt ?? now) : null;
  };
  await setProgress(item, progress);
  if (item.parentId) {
    const parent = items.find((i) => i.id === item.parentId)!;
    await setProgress(parent, weightedProgress(parent.progress, items.filter((i) => i.parentId === parent.id)));
  }
  const top = items.filter((i) => !i.parentId);
  const decisionProgress = top.length ? Math.floor(top.reduce((s, i) => s + i.progress, 0) / top.length) : 0;
  const decisionDone = top.length > 0 && top.every((i) => i.completedAt);
  if (decisionDone && decision!.status !== 'done') {
    await tx
      .update(consultationDecisions)
      .set({ status: 'done', completedAt: now, result: p.result ?? decision!.result })
      .where(and(eq(consultationDecisions.tenantId, tenantId), eq(consultationDecisions.id, decision!.id)));
    const [agenda] = await tx.select({ matterId: agendaItems.matterId }).from(agendaItems).where(and(eq(agendaItems.tenantId, tenantId), eq(agendaItems.id, decision!.agendaItemId)));
    const wishes = await tx.select({ caseId: consultationMatterWishes.caseId }).from(consultationMatterWishes).where(and(eq(consultationMatterWishes.tenantId, tenantId), eq(consultationMatterWishes.matterId, agenda!.matterId)));
    await recordWishEvents(tx, tenantId, wishes.map((w) => w.caseId), {
      type: 'consultation_result',
      data: { title: decision!.title, token: decision!.publicToken, ...(p.result ? { text: p.result } : {}) },
      now,
      actorUserId: caller.actor.userId,
      message: 'wish_result',
    });
  } else if (decision!.status === 'notice' && now.getTime() >= decision!.noticeEndsAt.getTime()) {
    await tx.update(consultationDecisions).set({ status: 'in_progress' }).where(and(eq(consultationDecisions.tenantId, tenantId), eq(consultationDecisions.id, decision!.id)));
  }
  return { progress, decisionProgress, decisionDone };
}
