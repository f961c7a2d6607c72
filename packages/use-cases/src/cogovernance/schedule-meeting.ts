import { and, eq, inArray } from 'drizzle-orm';
import { agendaItems, consultationMatters, consultationMatterWishes, consultationMeetings, meetingParticipants, memberships, partnerUnits, residents, type Tx } from '@shequ/db';
import { COMMUNITY_STAFF_ROLES } from '@shequ/domain';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { startMeetingReminder } from './meeting-subject.ts';
import { recordWishEvents } from './trace.ts';
import { type ScheduleMeetingFields, scheduleMeetingInputSchema } from './consultation.schema.ts';
import { chinaTime, consultationScope } from './shared.ts';

/**
 * Prepares a consultation meeting (协商会议; 四议两公开's 商议/审议/决议 happen there, POLICY.md): topic, time, place
 * or online link, capacity (seats; registrations beyond it wait, 候补), chair, invitees (partner units, residents'
 * representatives from the register, staff), and agenda items (matters, in the order given).
 *
 * Input: `startsAt` (a Date, or datetime-local text in China time), `endsAt` optional, `place` and/or `onlineUrl`
 * (one is required), `capacity` (null: no limit), `chairUserId` (a staff member of the community; default: the
 * caller), `partnerUnitIds`, `residentIds`, `staffUserIds`, `matterIds`. Invitees start 'invited' and voting (staff
 * do not vote: they record). Output: `{ id, remindAt }`: invitees with a seat are reminded a day before (two hours
 * before when scheduled later; null: too close) through the worker's timers (meeting-subject.ts). A wish on the
 * agenda gets a public line on its tracking page.
 * Refuses: consultation.title.required, consultation.time.past (a start before the next minute: earliestMeetingStart,
 * decision 074; `earliest` names it), consultation.time.invalid (end before start), consultation.time.tooLong (an end more than MEETING_MAX_HOURS after the start; `hours`), consultation.place.required,
 * consultation.agenda.empty (no matter), consultation.notFound (an invitee or matter not of this community), forbidden.
 */
export async function scheduleMeeting(tx: Tx, caller: StaffCaller, input: ScheduleMeetingFields & { now?: Date }) {
  const tenantId = consultationScope(caller, 'create');
  const now = input.now ?? new Date();
  // The fields and the rules across them (times, a place or a link, an agenda) in one refusal.
  const p = parseInput(scheduleMeetingInputSchema(now), input);
  const matterIds = [...new Set(p.matterIds)];
  const matters = await tx.select().from(consultationMatters).where(and(eq(consultationMatters.tenantId, tenantId), inArray(consultationMatters.id, matterIds)));
  if (matters.length !== matterIds.length) throw new UseCaseError('consultation.notFound', { field: 'matterIds' });

  const unitIds = [...new Set(p.partnerUnitIds)];
  const residentIds = [...new Set(p.residentIds)];
  const chairUserId = p.chairUserId || caller.actor.userId;
  const staffIds = [...new Set([...p.staffUserIds, chairUserId])];
  if (unitIds.length && (await tx.select({ id: partnerUnits.id }).from(partnerUnits).where(and(eq(partnerUnits.tenantId, tenantId), inArray(partnerUnits.id, unitIds)))).length !== unitIds.length)
    throw new UseCaseError('consultation.notFound', { field: 'partnerUnitIds' });
  if (residentIds.length && (await tx.select({ id: residents.id }).from(residents).where(and(eq(residents.tenantId, tenantId), inArray(residents.id, residentIds), eq(residents.status, 'active')))).length !== residentIds.length)
    throw new UseCaseError('consultation.notFound', { field: 'residentIds' });
  const staff = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.orgUnitId, tenantId), inArray(memberships.userId, staffIds), inArray(memberships.role, [...COMMUNITY_STAFF_ROLES])));
  if (new Set(staff.map((s) => s.userId)).size !== staffIds.length) throw new UseCaseError('consultation.notFound', { field: 'staffUserIds' });

  const [meeting] = await tx
    .insert(consultationMeetings)
    .values({ tenantId, topic: p.topic, startsAt: p.startsAt, endsAt: p.endsAt ?? null, place: p.place ?? null, onlineUrl: p.onlineUrl ?? null, capacity: p.capacity, chairUserId, createdBy: caller.actor.userId, createdAt: now })
    .returning({ id: consultationMeetings.id });
  const meetingId = meeting!.id;
  const invitees = [
    ...unitIds.map((partnerUnitId) => ({ tenantId, meetingId, kind: 'unit', partnerUnitId, voting: true })),
    ...residentIds.map((residentId) => ({ tenantId, meetingId, kind: 'resident', residentId, voting: true })),
    ...staffIds.map((userId) => ({ tenantId, meetingId, kind: 'staff', userId, voting: false })),
  ];
  if (invitees.length) await tx.insert(meetingParticipants).values(invitees);
  await tx.insert(agendaItems).values(matterIds.map((matterId, i) => ({ tenantId, meetingId, matterId, position: i + 1 })));

  const wishes = await tx.select({ caseId: consultationMatterWishes.caseId }).from(consultationMatterWishes).where(and(eq(consultationMatterWishes.tenantId, tenantId), inArray(consultationMatterWishes.matterId, matterIds)));
  await recordWishEvents(tx, tenantId, wishes.map((w) => w.caseId), { type: 'consultation_scheduled', data: { topic: p.topic, at: chinaTime(p.startsAt) }, now, actorUserId: caller.actor.userId });
  const remindAt = await startMeetingReminder(tx, tenantId, { id: meetingId, startsAt: p.startsAt }, now);
  return { id: meetingId, remindAt };
}
