import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import { agendaItems, cases, consultationMatterWishes, consultationMeetings, decisionObjections, meetingParticipants, partnerUnits, residents, type Tx } from '@shequ/db';
import type { Caller } from '../caller.ts';
import { decisionByToken, itemsOf, progressOf, publicOwner } from './decision-rows.ts';
import { effectiveStatus } from './effective-status.ts';

/**
 * Fewer residents' ratings than this are not shown publicly: with one or two wishes behind a decision, an average
 * would tell a neighbour how the person who asked rated it (decision 057). Staff see every rating on the decision's page.
 */
export const PUBLIC_SATISFACTION_MIN = 3;

/**
 * A published decision as anyone may read it, signed in or not (决议公开 and 实施结果公开, 四议两公开: POLICY.md):
 * title, text, meeting date, 应到 / 实到 and the vote as recorded, the notice period, each action item's title, owner
 * (a unit's, department's or team's name; staff unnamed), progress and due date, the overall progress and the result,
 * and the residents' satisfaction at the end of the line (how many of the wishes behind it were rated and the average
 * stars, only from PUBLIC_SATISFACTION_MIN ratings up), and who attended the meeting among those who agreed to be
 * shown (issue 18, "attendance shown only with consent": recordAttendance's consent): the units by name, residents'
 * representatives by their masked name hint; nobody who did not agree, and staff never.
 * No personal data: no names of people, no notes (which staff write freely), no contacts.
 * Input: `tenantId` (the community of the page's slug), `token`, `now`. Refuses: consultation.notFound.
 */
export async function getPublicDecision(tx: Tx, _caller: Caller, input: { tenantId: string; token: string; now?: Date }) {
  const now = input.now ?? new Date();
  const d = await decisionByToken(tx, input.tenantId, input.token);
  const [item] = await tx
    .select({ matterId: agendaItems.matterId, meetingId: agendaItems.meetingId, expected: agendaItems.expectedAtVote, attending: agendaItems.attendingAtVote, votesFor: agendaItems.votesFor, votesAgainst: agendaItems.votesAgainst, votesAbstain: agendaItems.votesAbstain, voteMode: agendaItems.voteMode, topic: consultationMeetings.topic, startsAt: consultationMeetings.startsAt })
    .from(agendaItems)
    .innerJoin(consultationMeetings, and(eq(consultationMeetings.tenantId, agendaItems.tenantId), eq(consultationMeetings.id, agendaItems.meetingId)))
    .where(and(eq(agendaItems.tenantId, input.tenantId), eq(agendaItems.id, d.agendaItemId)));
  const items = await itemsOf(tx, input.tenantId, [d.id]);
  const [rated] = item
    ? await tx
        .select({ n: sql<number>`count(${cases.rating})::int`, average: sql<number | null>`round(avg(${cases.rating})::numeric, 1)::float8` })
        .from(consultationMatterWishes)
        .innerJoin(cases, and(eq(cases.tenantId, consultationMatterWishes.tenantId), eq(cases.id, consultationMatterWishes.caseId)))
        .where(and(eq(consultationMatterWishes.tenantId, input.tenantId), eq(consultationMatterWishes.matterId, item.matterId)))
    : [];
  const attendees = item
    ? await tx
        .select({ kind: meetingParticipants.kind, unitName: partnerUnits.name, residentHint: residents.nameHint })
        .from(meetingParticipants)
        .leftJoin(partnerUnits, and(eq(partnerUnits.tenantId, meetingParticipants.tenantId), eq(partnerUnits.id, meetingParticipants.partnerUnitId)))
        .leftJoin(residents, and(eq(residents.tenantId, meetingParticipants.tenantId), eq(residents.id, meetingParticipants.residentId)))
        .where(and(eq(meetingParticipants.tenantId, input.tenantId), eq(meetingParticipants.meetingId, item.meetingId), isNotNull(meetingParticipants.attendedAt), eq(meetingParticipants.showAttendance, true)))
        .orderBy(asc(meetingParticipants.kind), asc(partnerUnits.name), asc(residents.nameHint))
    : [];
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
    attendees: {
      units: attendees.flatMap((a) => (a.kind === 'unit' && a.unitName ? [a.unitName] : [])),
      representatives: attendees.flatMap((a) => (a.kind === 'resident' && a.residentHint ? [a.residentHint] : [])),
    },
    objections: objections?.n ?? 0,
    satisfaction: rated && rated.n >= PUBLIC_SATISFACTION_MIN ? { rated: rated.n, average: Number(rated.average) } : null,
  };
}
