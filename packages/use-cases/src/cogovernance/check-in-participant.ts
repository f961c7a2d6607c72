import { and, eq, isNull, ne, or } from 'drizzle-orm';
import { normalizeCode } from '@shequ/domain';
import { consultationMeetings, meetingParticipants, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { type CheckInFields, checkInSchema } from './consultation.schema.ts';
import { assertMeetingOpen, assertMeetingUnderWay, codeHash, consultationScope, lockMeeting } from './shared.ts';

/**
 * Checks a participant in by the code their QR carries (staff scan it at the door). A code checks in once; a second
 * scan answers consultation.code.used. Input: `meetingId`, `code`. Output: `{ participantId }`.
 * Refuses: consultation.code.invalid (not a code of this meeting); consultation.code.used; consultation.meeting.closed;
 * consultation.attendance.tooEarly (more than an hour before the start, decision 062).
 */
export async function checkInParticipant(tx: Tx, caller: StaffCaller, input: CheckInFields & { now?: Date }) {
  const tenantId = consultationScope(caller, 'update');
  const p = parseInput(checkInSchema, input);
  const now = input.now ?? new Date();
  const meeting = await lockMeeting(tx, tenantId, p.meetingId);
  assertMeetingOpen(meeting);
  assertMeetingUnderWay(meeting, 'attendance', now);
  const code = normalizeCode(p.code);
  if (!code) throw new UseCaseError('consultation.code.invalid', { field: 'code' });
  const [row] = await tx
    .select()
    .from(meetingParticipants)
    .where(and(eq(meetingParticipants.tenantId, tenantId), eq(meetingParticipants.meetingId, meeting.id), eq(meetingParticipants.checkInHash, codeHash(tenantId, 'check-in', code))));
  if (!row) throw new UseCaseError('consultation.code.invalid', { field: 'code' });
  const [done] = await tx
    .update(meetingParticipants)
    .set({ attendedAt: now, attendedBy: 'qr' })
    .where(and(eq(meetingParticipants.tenantId, tenantId), eq(meetingParticipants.id, row.id), or(isNull(meetingParticipants.attendedBy), ne(meetingParticipants.attendedBy, 'qr'))))
    .returning({ id: meetingParticipants.id });
  if (!done) throw new UseCaseError('consultation.code.used', { field: 'code' });
  if (meeting.status === 'planned') await tx.update(consultationMeetings).set({ status: 'held' }).where(and(eq(consultationMeetings.tenantId, tenantId), eq(consultationMeetings.id, meeting.id)));
  return { participantId: row.id };
}
