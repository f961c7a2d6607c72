import { and, desc, eq, inArray } from 'drizzle-orm';
import { formatTrackingCode } from '@shequ/domain';
import { actionItemUpdates, agendaItems, cases, consultationDecisions, consultationMatterWishes, consultationMeetings, decisionObjections, type Tx, users } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { consultationScope } from './shared.ts';
import { itemsOf, progressOf, publicOwner } from './decision-rows.ts';
import { effectiveStatus } from './effective-status.ts';

/**
 * One page per decision, the whole line (issue 18): the wishes behind it (tracking code, status, rating) → the
 * meeting (topic, 应到/实到, vote) → the decision → action items with their updates → result → residents'
 * satisfaction (the wishes' ratings). Input: `decisionId`, `now`. Refuses: consultation.notFound.
 */
export async function getDecision(tx: Tx, caller: StaffCaller, input: { decisionId: string; now?: Date }) {
  const tenantId = consultationScope(caller, 'read');
  const now = input.now ?? new Date();
  const [d] = await tx.select().from(consultationDecisions).where(and(eq(consultationDecisions.tenantId, tenantId), eq(consultationDecisions.id, input.decisionId)));
  if (!d) throw new UseCaseError('consultation.notFound');
  const [agenda] = await tx
    .select({ item: agendaItems, meeting: consultationMeetings })
    .from(agendaItems)
    .innerJoin(consultationMeetings, and(eq(consultationMeetings.tenantId, agendaItems.tenantId), eq(consultationMeetings.id, agendaItems.meetingId)))
    .where(and(eq(agendaItems.tenantId, tenantId), eq(agendaItems.id, d.agendaItemId)));
  const wishes = await tx
    .select({ id: cases.id, trackingCode: cases.trackingCode, status: cases.status, rating: cases.rating, content: cases.content })
    .from(consultationMatterWishes)
    .innerJoin(cases, and(eq(cases.tenantId, consultationMatterWishes.tenantId), eq(cases.id, consultationMatterWishes.caseId)))
    .where(and(eq(consultationMatterWishes.tenantId, tenantId), eq(consultationMatterWishes.matterId, agenda!.item.matterId)));
  const items = await itemsOf(tx, tenantId, [d.id]);
  const updates = items.length
    ? await tx
        .select({ update: actionItemUpdates, by: users.displayName })
        .from(actionItemUpdates)
        .leftJoin(users, eq(users.id, actionItemUpdates.createdBy))
        .where(and(eq(actionItemUpdates.tenantId, tenantId), inArray(actionItemUpdates.actionItemId, items.map((i) => i.id))))
        .orderBy(desc(actionItemUpdates.createdAt))
    : [];
  const objections = await tx.select().from(decisionObjections).where(and(eq(decisionObjections.tenantId, tenantId), eq(decisionObjections.decisionId, d.id))).orderBy(desc(decisionObjections.createdAt));
  const ratings = wishes.map((w) => w.rating).filter((r): r is number => typeof r === 'number');
  return {
    decision: { ...d, status: effectiveStatus(d, now) },
    meeting: agenda!.meeting,
    vote: agenda!.item,
    wishes: wishes.map((w) => ({ ...w, code: formatTrackingCode(w.trackingCode) })),
    items: items.map((i) => ({
      ...i,
      owner: publicOwner(i),
      updates: updates.filter((u) => u.update.actionItemId === i.id).map(({ update: { photoKey, ...update }, by }) => ({ ...update, hasPhoto: Boolean(photoKey), by })),
    })),
    progress: progressOf(items),
    objections,
    satisfaction: ratings.length ? { rated: ratings.length, average: Math.round((ratings.reduce((s, r) => s + r, 0) / ratings.length) * 10) / 10 } : null,
  };
}
