import { and, eq, inArray } from 'drizzle-orm';
import { COMMUNITY_STAFF_ROLES } from '@shequ/domain';
import { actionItems, consultationDecisions, memberships, orgUnits, partnerUnits, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { startSubjectDeadline } from '../deadlines/store.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { ACTION_ITEM_SUBJECT, planWorkingDays } from './action-item-subject.ts';
import { type AddActionItemFields, addActionItemInputSchema } from './consultation.schema.ts';
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
  // The fields and the rule across them (the owner of the kind chosen is named) in one refusal.
  const p = parseInput(addActionItemInputSchema, input);
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
