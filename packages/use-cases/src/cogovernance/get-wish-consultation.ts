import { and, asc, eq } from 'drizzle-orm';
import { agendaItems, consultationDecisions, consultationMatters, consultationMatterWishes, consultationMeetings, type Tx } from '@shequ/db';
import type { Caller } from '../caller.ts';
import { itemsOf, progressOf } from './decision-rows.ts';
import { effectiveStatus } from './effective-status.ts';

/**
 * What a resident's wish led to, for its tracking page: each decision on a matter the wish is linked to (title,
 * status, progress, result, public token for the link). Input: `tenantId`, `caseId`, `now`.
 */
export async function getWishConsultation(tx: Tx, _caller: Caller, input: { tenantId: string; caseId: string; now?: Date }) {
  const now = input.now ?? new Date();
  const rows = await tx
    .select({ decision: consultationDecisions, outcome: agendaItems.outcome, topic: consultationMeetings.topic, startsAt: consultationMeetings.startsAt, matter: consultationMatters.title })
    .from(consultationMatterWishes)
    .innerJoin(consultationMatters, and(eq(consultationMatters.tenantId, consultationMatterWishes.tenantId), eq(consultationMatters.id, consultationMatterWishes.matterId)))
    .innerJoin(agendaItems, and(eq(agendaItems.tenantId, consultationMatterWishes.tenantId), eq(agendaItems.matterId, consultationMatterWishes.matterId)))
    .innerJoin(consultationMeetings, and(eq(consultationMeetings.tenantId, agendaItems.tenantId), eq(consultationMeetings.id, agendaItems.meetingId)))
    .leftJoin(consultationDecisions, and(eq(consultationDecisions.tenantId, agendaItems.tenantId), eq(consultationDecisions.agendaItemId, agendaItems.id)))
    .where(and(eq(consultationMatterWishes.tenantId, input.tenantId), eq(consultationMatterWishes.caseId, input.caseId)))
    .orderBy(asc(consultationMeetings.startsAt));
  const items = await itemsOf(tx, input.tenantId, rows.flatMap((r) => (r.decision ? [r.decision.id] : [])));
  return rows.map((r) => ({
    matter: r.matter,
    meeting: { topic: r.topic, startsAt: r.startsAt },
    outcome: r.outcome,
    decision: r.decision
      ? { token: r.decision.publicToken, title: r.decision.title, status: effectiveStatus(r.decision, now), result: r.decision.result, progress: progressOf(items.filter((i) => i.decisionId === r.decision!.id)) }
      : null,
  }));
}
