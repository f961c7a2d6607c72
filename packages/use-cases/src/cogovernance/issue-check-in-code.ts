import { and, eq } from 'drizzle-orm';
import { meetingParticipants, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { participantSchema, type ParticipantFields } from './consultation.schema.ts';
import { assertMeetingOpen, codeHash, consultationScope, lockMeeting, newCode } from './shared.ts';

/**
 * Issues (or replaces) a participant's own check-in code, shown once as a QR for them to bring. Only its hash is
 * kept. The same shape (a random code, its SHA-256 under the community, one use) serves the service posts' check-in
 * and can serve volunteer shifts (decision 037). Input: `meetingId`, `participantId`. Output: `{ code }`.
 * Refuses: consultation.notFound; consultation.meeting.closed; forbidden.
 */
export async function issueCheckInCode(tx: Tx, caller: StaffCaller, input: ParticipantFields) {
  const tenantId = consultationScope(caller, 'update');
  const p = parseInput(participantSchema, input);
  assertMeetingOpen(await lockMeeting(tx, tenantId, p.meetingId));
  const code = newCode();
  const updated = await tx
    .update(meetingParticipants)
    .set({ checkInHash: codeHash(tenantId, 'check-in', code) })
    .where(and(eq(meetingParticipants.tenantId, tenantId), eq(meetingParticipants.meetingId, p.meetingId), eq(meetingParticipants.id, p.participantId)))
    .returning({ id: meetingParticipants.id });
  if (!updated.length) throw new UseCaseError('consultation.notFound');
  return { code };
}
