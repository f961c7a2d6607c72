import { and, eq, sql } from 'drizzle-orm';
import { agendaItems, consultationMeetings, decisionObjections, type Tx } from '@shequ/db';
import type { Caller } from '../caller.ts';
import { decisionByToken, itemsOf, progressOf, publicOwner } from './decision-rows.ts';
import { effectiveStatus } from './effective-status.ts';

/**
 * A published decision as anyone may read it, signed in or not (决议公开 and 实施结果公开, 四议两公开: POLICY.md):
 * title, text, meeting date, 应到 / 实到 and the vote as recorded, the notice period, each action item's title, owner
 * (a unit's, department's or team's name; staff unnamed), progress and due date, the overall progress and the result.
 * No personal data: no names of people, no notes (which staff write freely), no contacts.
 * Input: `tenantId` (the community of the page's slug), `token`, `now`. Refuses: consultation.notFound.
 */
export async function getPublicDecision(tx: Tx, _caller: Caller, input: { tenantId: string; token: string; now?: Date }) {
  const now = input.now ?? new Date();
  const d = await decisionByToken(tx, input.tenantId, input.token);
  const [item] = await tx
    .select({ expected: agendaItems.expectedAtVote, attending: agendaItems.attendingAtVote, votesFor: agendaItems.votesFor, votesAgainst: agendaItems.votesAgainst, votesAbstain: agendaItems.votesAbstain, voteMode: agendaItems.voteMode, topic: consultationMeetings.topic, startsAt: consultationMeetings.startsAt })
    .from(agendaItems)
    .innerJoin(consultationMeetings, and(eq(consultationMeetings.tenantId, agendaItems.tenantId), eq(consultationMeetings.id, agendaItems.meetingId)))
    .where(and(eq(agendaItems.tenantId, input.tenantId), eq(agendaItems.id, d.agendaItemId)));
  const items = await itemsOf(tx, input.tenantId, [d.id]);
  const [objections] = await tx.select({ n: sql<number>`count(*)::int` }).from(decisionObjections).where(and(eq(decisionObjections.tenantId, input.tenantId), eq(decisionObjections.decisionId, d.id)));
  return {
    title: d.title,
    body: d.body,
    status: effectiveStatus(d, now),
    publishedAt: d.publishedAt,
    noticeEndsAt: d.noticeEndsAt,
    inNotice: now.getTime() < d.noticeEndsAt.getTime(),
    completedAt: d.completedAt,
    result: d.result,
    meeting: item ? { topic: item.topic, startsAt: item.startsAt } : null,
    vote: item ? { expected: item.expected, attending: item.attending, for: item.votesFor, against: item.votesAgainst, abstain: item.votesAbstain, mode: item.voteMode } : null,
    progress: progressOf(items),
    items: items.map((i) => ({ id: i.id, parentId: i.parentId, title: i.title, owner: publicOwner(i), progress: i.progress, dueAt: i.dueAt, completedAt: i.completedAt })),
    objections: objections?.n ?? 0,
  };
}
