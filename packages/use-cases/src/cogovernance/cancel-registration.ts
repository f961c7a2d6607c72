import { and, asc, eq } from 'drizzle-orm';
import { seatFor } from '@shequ/domain';
import { meetingParticipants, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { type ParticipantFields, participantSchema } from './consultation.schema.ts';
import { assertMeetingOpen, consultationScope, lockMeeting } from './shared.ts';
import { participantOf, registeredCount } from './participant-rows.ts';

/**
 * Cancels a registration. A freed seat goes to the first on the waiting list (earliest registration), who is told
 * by the returned value (the page shows it; reminders use it). Input: `meetingId`, `participantId`.
 * Output: `{ promotedId }` (null when nobody waited or no seat was freed).
 * Refuses: consultation.notFound; consultation.meeting.closed; consultation.registration.cancelled (already); forbidden.
 */
export async function cancelRegistration(tx: Tx, caller: StaffCaller, input: ParticipantFields) {
  const tenantId = consultationScope(caller, 'update');
  const p = parseInput(participantSchema, input);
  const meeting = await lockMeeting(tx, tenantId, p.meetingId);
  assertMeetingOpen(meeting);
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
