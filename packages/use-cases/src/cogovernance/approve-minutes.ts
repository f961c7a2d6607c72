import { and, eq } from 'drizzle-orm';
import { consultationMeetings, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { approveMinutesSchema } from './consultation.schema.ts';
import { consultationScope, lockMeeting } from './shared.ts';

/**
 * The chair approves the drafted minutes: they become final and the meeting is closed (its record no longer
 * changes). Only the meeting's chair may approve (四议两公开: each stage's record is signed off).
 * Input: `meetingId`, `now`. Output: `{ state: 'approved' }`.
 * Refuses: consultation.chairOnly; consultation.minutes.empty (nothing drafted); consultation.minutes.approved;
 * consultation.notFound; forbidden.
 */
export async function approveMinutes(tx: Tx, caller: StaffCaller, input: { meetingId: string; now?: Date }) {
  const tenantId = consultationScope(caller, 'update');
  const p = parseInput(approveMinutesSchema, input);
  const meeting = await lockMeeting(tx, tenantId, p.meetingId);
  if (meeting.chairUserId !== caller.actor.userId) throw new UseCaseError('consultation.chairOnly');
  if (meeting.minutesState === 'approved') throw new UseCaseError('consultation.minutes.approved');
  if (meeting.minutesState !== 'draft' || !meeting.minutes) throw new UseCaseError('consultation.minutes.empty');
  await tx
    .update(consultationMeetings)
    .set({ minutesState: 'approved', minutesApprovedAt: input.now ?? new Date(), minutesApprovedBy: caller.actor.userId, status: 'closed' })
    .where(and(eq(consultationMeetings.tenantId, tenantId), eq(consultationMeetings.id, meeting.id)));
  return { state: 'approved' as const };
}
