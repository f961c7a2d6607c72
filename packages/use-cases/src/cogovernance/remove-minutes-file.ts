import { and, eq } from 'drizzle-orm';
import { consultationMeetings, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { UseCaseError } from '../errors.ts';
import type { PhotoStorage } from '../storage/photo-storage.ts';
import { consultationScope, lockMeeting } from './shared.ts';

/**
 * Removes the scan of a meeting's minutes while they are not approved (a wrong file). Audited.
 * Input: `meetingId`, `storage`. Output: `{ removed: boolean }` (false when there was none).
 * Refuses: consultation.minutes.approved; consultation.notFound; forbidden.
 */
export async function removeMinutesFile(tx: Tx, caller: StaffCaller, input: { meetingId: string; storage: PhotoStorage }) {
  const tenantId = consultationScope(caller, 'update');
  const meeting = await lockMeeting(tx, tenantId, input.meetingId);
  if (!meeting.minutesFileKey) return { removed: false };
  if (meeting.minutesState === 'approved') throw new UseCaseError('consultation.minutes.approved');
  await tx.update(consultationMeetings).set({ minutesFileKey: null }).where(and(eq(consultationMeetings.tenantId, tenantId), eq(consultationMeetings.id, meeting.id)));
  await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'meeting_minutes_file_removed', subjectType: 'ConsultationMeeting', subjectId: meeting.id });
  await input.storage.remove(meeting.minutesFileKey);
  return { removed: true };
}
