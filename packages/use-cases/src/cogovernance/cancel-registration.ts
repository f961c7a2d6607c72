import { and, asc, eq } from 'drizzle-orm';
import { seatFor } from '@shequ/domain';
import { meetingParticipants, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { type ParticipantFields, participantSchema } from './consultation.schema.ts';
import { assertMeetingOpen, chinaTime, consultationScope, lockMeeting } from './shared.ts';
import { participantOf, registeredCount } from './participant-rows.ts';

/**
 * Cancels a registration (an invitee's seat or place on the waiting list: a unit's, a residents' representative's).
 * A freed seat goes to the first on the waiting list (earliest registration), who is told by the returned value
 * (the page shows it; reminders use it). Input: `meetingId`, `participantId`, `now`.
 * Output: `{ promotedId }` (null when nobody waited or no seat was freed).
 * Registration closes when the meeting starts, and so does cancelling one (issue 18's trial: a seat was given up
 * during the meeting, promoting someone from the waiting list to a meeting already under way, and 应到 moved with it).
 * Refuses: consultation.notFound; consultation.meeting.closed; consultation.registration.cancelClosed (the meeting
 * has started: at or after its start; `startsAt` names it); consultation.registration.cancelled (already); forbidden.
 */
export async function cancelRegistration(tx: Tx, caller: StaffCaller, input: ParticipantFields & { now?: Date }) {
  const tenantId = consultationScope(caller, 'update');
  const p = parseInput(participantSchema, input);
  const meeting = await lockMeeting(tx, tenantId, p.meetingId);
  assertMeetingOpen(meeting);
  const now = input.now ?? new Date();
  if (meeting.status !== 'planned' || meeting.startsAt.getTime() <= now.getTime()) throw new UseCaseError('consultation.registration.cancelClosed', { startsAt: chinaTime(meeting.startsAt) });
  const row = await participantOf(tx, tenantId, p.meetingId, p.participantId);
  if (row.registration === 'cancelled') throw new UseCaseError('consultation.registration.cancelled');
  await tx.update(meetingParticipants).set({ registration: 'cancelled' }).where(and(eq(meetingParticipants.tenantId, tenantId), eq(meetingParticipants.id, row.id)));
  if (row.registration !== 'registered') return { promotedId: null };
  if (seatFor(meeting.capacity, await registeredCount(tx, tenantId, p.meetingId)) !== 'registered') return { promotedId: null };
  const [next] = await tx
    .select({ id: meetingParticipants.id })
    .from(meetingParticipants)
    .where(and(eq(meetingParticipants.tenantId, tenantId), eq(meetingParticipants.meetingId, p.meetingId), eq(meetingParticipants.registration, 'waitlisted')))
    .orderBy(asc(meetingParticipants.registeredAt), asc(meetingParticipants.id))
    .limit(1);
  if (!next) return { promotedId: null };
  await tx.update(meetingParticipants).set({ registration: 'registered' }).where(and(eq(meetingParticipants.tenantId, tenantId), eq(meetingParticipants.id, next.id)));
  return { promotedId: next.id };
}
