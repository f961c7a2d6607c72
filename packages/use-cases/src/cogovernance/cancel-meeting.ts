import { and, eq } from 'drizzle-orm';
import { consultationMeetings, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { settleDeadlines } from '../deadlines/store.ts';
import { parseInput } from '../parse-input.ts';
import { type CancelMeetingFields, cancelMeetingSchema } from './consultation.schema.ts';
import { assertNotStarted } from './meeting-change.ts';
import { MEETING_REMINDER, MEETING_SUBJECT, tellInvitees } from './meeting-subject.ts';
import { consultationScope, lockMeeting } from './shared.ts';

/**
 * Calls off a planned meeting (取消会议). Input: `meetingId`, `now`. The meeting becomes 'cancelled' (its record can
 * no longer change), its reminder timer is cancelled (nobody is reminded), and its matters are free to be put on
 * another meeting's agenda. The invitees (seated or waiting, not those who cancelled) are told it is called off
 * (`meeting_cancelled`: the bell for staff, a text for units' contacts and residents' representatives).
 * Output: `{ id, told }`.
 * Refuses: consultation.notFound; consultation.meeting.closed (closed or already cancelled);
 * consultation.meeting.started (attendance already recorded); forbidden.
 */
export async function cancelMeeting(tx: Tx, caller: StaffCaller, input: CancelMeetingFields & { now?: Date }) {
  const tenantId = consultationScope(caller, 'update');
  const p = parseInput(cancelMeetingSchema, input);
  const now = input.now ?? new Date();
  const meeting = await lockMeeting(tx, tenantId, p.meetingId);
  assertNotStarted(meeting);
  await tx.update(consultationMeetings).set({ status: 'cancelled' }).where(and(eq(consultationMeetings.tenantId, tenantId), eq(consultationMeetings.id, meeting.id)));
  await settleDeadlines(tx, { tenantId, type: MEETING_SUBJECT, id: meeting.id }, [MEETING_REMINDER], 'cancelled', now);
  const told = await tellInvitees(tx, tenantId, meeting, 'meeting_cancelled', { seatedOnly: false });
  return { id: meeting.id, told };
}
