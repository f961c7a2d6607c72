import { and, eq } from 'drizzle-orm';
import { seatFor } from '@shequ/domain';
import { meetingParticipants, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { parseInput } from '../parse-input.ts';
import { type ParticipantFields, participantSchema } from './consultation.schema.ts';
import { assertMeetingOpen, consultationScope, lockMeeting } from './shared.ts';
import { participantOf, registeredCount } from './participant-rows.ts';

/**
 * Registers an invitee for a seat (staff record it: by phone, at the counter). While fewer than the meeting's
 * capacity are registered they get a seat; otherwise they join the waiting list (候补) in the order they registered.
 * The meeting row is locked first, so two registrations cannot take the last seat twice.
 *
 * Input: `meetingId`, `participantId`, `now`. Output: `{ registration: 'registered' | 'waitlisted' }` (an invitee
 * already registered or waiting keeps their place).
 * Refuses: consultation.notFound; consultation.meeting.closed; forbidden.
 */
export async function registerParticipant(tx: Tx, caller: StaffCaller, input: ParticipantFields & { now?: Date }) {
  const tenantId = consultationScope(caller, 'update');
  const p = parseInput(participantSchema, input);
  const meeting = await lockMeeting(tx, tenantId, p.meetingId);
  assertMeetingOpen(meeting);
  const row = await participantOf(tx, tenantId, p.meetingId, p.participantId);
  if (row.registration === 'registered' || row.registration === 'waitlisted') return { registration: row.registration };
  const registration = seatFor(meeting.capacity, await registeredCount(tx, tenantId, p.meetingId));
  await tx
    .update(meetingParticipants)
    .set({ registration, registeredAt: input.now ?? new Date() })
    .where(and(eq(meetingParticipants.tenantId, tenantId), eq(meetingParticipants.id, row.id)));
  return { registration };
}
