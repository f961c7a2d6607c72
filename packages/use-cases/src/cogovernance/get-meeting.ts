import { and, asc, eq, inArray } from 'drizzle-orm';
import { quorumMet, quorumNeeded } from '@shequ/domain';
import { agendaItems, consultationDecisions, consultationMatters, consultationMatterWishes, consultationMeetings, meetingParticipants, partnerUnits, residents, type Tx, users } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { attendanceCounts } from './attendance-counts.ts';
import { consultationRules, consultationScope } from './shared.ts';

/**
 * A meeting as its page shows it: the meeting, invitees (unit names; residents by their masked name, `detail` their masked mobile; staff by
 * display name) with registration and attendance, 应到 / 实到 with the quorum the community's rules ask, the agenda
 * (matters, linked wishes' ids, vote and outcome, decision id). Input: `meetingId`. Refuses: consultation.notFound.
 */
export async function getMeeting(tx: Tx, caller: StaffCaller, input: { meetingId: string }) {
  const tenantId = consultationScope(caller, 'read');
  const [meeting] = await tx.select().from(consultationMeetings).where(and(eq(consultationMeetings.tenantId, tenantId), eq(consultationMeetings.id, input.meetingId)));
  if (!meeting) throw new UseCaseError('consultation.notFound');
  const people = await tx
    .select({
      id: meetingParticipants.id,
      kind: meetingParticipants.kind,
      voting: meetingParticipants.voting,
      registration: meetingParticipants.registration,
      registeredAt: meetingParticipants.registeredAt,
      attendedAt: meetingParticipants.attendedAt,
      attendedBy: meetingParticipants.attendedBy,
      showAttendance: meetingParticipants.showAttendance,
      unitName: partnerUnits.name,
      residentHint: residents.nameHint,
      residentMobileHint: residents.mobileHint,
      staffName: users.displayName,
    })
    .from(meetingParticipants)
    .leftJoin(partnerUnits, and(eq(partnerUnits.tenantId, meetingParticipants.tenantId), eq(partnerUnits.id, meetingParticipants.partnerUnitId)))
    .leftJoin(residents, and(eq(residents.tenantId, meetingParticipants.tenantId), eq(residents.id, meetingParticipants.residentId)))
    .leftJoin(users, eq(users.id, meetingParticipants.userId))
    .where(and(eq(meetingParticipants.tenantId, tenantId), eq(meetingParticipants.meetingId, meeting.id)))
    .orderBy(asc(meetingParticipants.kind), asc(meetingParticipants.createdAt), asc(meetingParticipants.id));
  const items = await tx
    .select({ item: agendaItems, title: consultationMatters.title, description: consultationMatters.description, source: consultationMatters.source, decisionId: consultationDecisions.id })
    .from(agendaItems)
    .innerJoin(consultationMatters, and(eq(consultationMatters.tenantId, agendaItems.tenantId), eq(consultationMatters.id, agendaItems.matterId)))
    .leftJoin(consultationDecisions, and(eq(consultationDecisions.tenantId, agendaItems.tenantId), eq(consultationDecisions.agendaItemId, agendaItems.id)))
    .where(and(eq(agendaItems.tenantId, tenantId), eq(agendaItems.meetingId, meeting.id)))
    .orderBy(asc(agendaItems.position));
  const wishes = items.length
    ? await tx.select().from(consultationMatterWishes).where(and(eq(consultationMatterWishes.tenantId, tenantId), inArray(consultationMatterWishes.matterId, items.map((i) => i.item.matterId))))
    : [];
  const counts = await attendanceCounts(tx, tenantId, meeting.id);
  const rules = await consultationRules(tx, tenantId);
  const { minutesFileKey, ...shown } = meeting;
  return {
    // The scan's storage key stays on the server: the page only learns whether there is one (and its kind).
    meeting: { ...shown, minutesFile: minutesFileKey ? (minutesFileKey.endsWith('.pdf') ? ('pdf' as const) : ('image' as const)) : null },
    isChair: meeting.chairUserId === caller.actor.userId,
    // A resident is named by the masked name, with the masked mobile as `detail` to tell two 王** apart (found from
    // outside); the public page names representatives by the masked name only.
    participants: people.map(({ residentMobileHint, ...p }) => ({ ...p, name: p.unitName ?? p.residentHint ?? p.staffName ?? '', detail: p.residentHint ? residentMobileHint : null })),
    counts: { ...counts, quorumNeeded: quorumNeeded(rules, counts.expected), quorumMet: quorumMet(rules, counts.expected, counts.attending) },
    rules,
    items: items.map((i) => ({ ...i.item, title: i.title, description: i.description, source: i.source, decisionId: i.decisionId, caseIds: wishes.filter((w) => w.matterId === i.item.matterId).map((w) => w.caseId) })),
  };
}
