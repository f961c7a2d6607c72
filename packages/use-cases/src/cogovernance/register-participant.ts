import { and, eq } from 'drizzle-orm';
import { UseCaseError } from '../errors.ts';
import { seatFor } from '@shequ/domain';
import { meetingParticipants, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { parseInput } from '../parse-input.ts';
import { type ParticipantFields, participantSchema } from './consultation.schema.ts';
import { assertMeetingOpen, chinaTime, consultationScope, lockMeeting } from './shared.ts';
import { participantOf, registeredCount } from './participant-rows.ts';

/**
 * Registers an invitee for a seat (staff record it: by phone, at the counter). While fewer than the meeting's
 * capacity are registered they get a seat; otherwise they join the waiting list (候补) in the order they registered.
 * The meeting row is locked first, so two registrations cannot take the last seat twice.
 *
 * Input: `meetingId`, `participantId`, `now`. Output: `{ registration: 'registered' | 'waitlisted' }` (an invitee
 * already registered or waiting keeps their place).
 * Registration closes when the meeting starts (an outside tester re-registered a cancelled invitee during the
 * meeting and found them 候补 while 已签到).
 * Refuses: consultation.notFound; consultation.meeting.closed; consultation.registration.closed (the meeting has
 * started: at or after its start, or attendance recorded; `startsAt` names it); forbidden.
 */
export async function registerParticipant(tx: Tx, caller: StaffCaller, input: ParticipantFields & { now?: Date }) {
  const tenantId = consultationScope(caller, 'update');
  const p = parseInput(participantSchema, input);
  const meeting = await lockMeeting(tx, tenantId, p.meetingId);
  assertMeetingOpen(meeting);
  const now = input.now ?? new Date();
  if (meeting.status !== 'planned' || meeting.startsAt.getTime() <= now.getTime()) throw new UseCaseError('consultation.registration.closed', { startsAt: chinaTime(meeting.startsAt) });
  const row = await participantOf(tx, tenantId, p.meetingId, p.participantId);
  if (row.registration === 'registered' || row.registration === 'waitlisted') return { registration: row.registration };
  const registration = seatFor(meeting.capacity, await registeredCount(tx, tenantId, p.meetingId));
  await tx
    .update(meetingParticipants)
    .set({ registration, registeredAt: now })
    .where(and(eq(meetingParticipants.tenantId, tenantId), eq(meetingParticipants.id, row.id)));
  return { registration };
}
