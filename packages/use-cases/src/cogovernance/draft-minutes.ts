import { and, eq } from 'drizzle-orm';
import { consultationMeetings, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { type DraftMinutesFields, draftMinutesSchema } from './consultation.schema.ts';
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
