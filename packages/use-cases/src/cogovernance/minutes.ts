import { and, eq } from 'drizzle-orm';
import { consultationMeetings, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { approveMinutesSchema, type DraftMinutesFields, draftMinutesSchema } from './consultation.schema.ts';
import { consultationScope, lockMeeting } from './shared.ts';

/**
 * Drafts (or redrafts) a meeting's minutes (会议纪要). Staff write them; the chair approves them.
 * Input: `meetingId`, `minutes` (≤ 20,000 characters). Output: `{ state: 'draft' }`.
 * Refuses: consultation.minutes.empty; consultation.notFound; consultation.minutes.approved (approved minutes are
 * final); consultation.meeting.closed (a cancelled meeting has none); forbidden.
 */
export async function draftMinutes(tx: Tx, caller: StaffCaller, input: DraftMinutesFields) {
  const tenantId = consultationScope(caller, 'update');
  const p = parseInput(draftMinutesSchema, input);
  const meeting = await lockMeeting(tx, tenantId, p.meetingId);
  if (meeting.minutesState === 'approved') throw new UseCaseError('consultation.minutes.approved');
  if (meeting.status === 'cancelled') throw new UseCaseError('consultation.meeting.closed');
  await tx.update(consultationMeetings).set({ minutes: p.minutes, minutesState: 'draft' }).where(and(eq(consultationMeetings.tenantId, tenantId), eq(consultationMeetings.id, meeting.id)));
  return { state: 'draft' as const };
}

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
