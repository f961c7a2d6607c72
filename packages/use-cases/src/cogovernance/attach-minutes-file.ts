import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { sniffImageType } from '@shequ/domain';
import { consultationMeetings, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { UseCaseError } from '../errors.ts';
import { cleanPhoto } from '../storage/clean-photo.ts';
import type { PhotoStorage } from '../storage/photo-storage.ts';
import { consultationScope, lockMeeting } from './shared.ts';
import { type EXT_MIME, isPdf, MINUTES_FILE_MAX_BYTES } from './minutes-file.ts';

/**
 * Attaches the scan of a meeting's minutes (issue 18: "minutes drafted, approved by the chair, and attached";
 * decision 057): a PDF as it came from the scanner, or a photo of the signed pages, re-encoded without metadata
 * (cleanPhoto: no GPS, camera or time). Stored under a new random key each time, the previous file removed after.
 * While the minutes are not approved the scan may be replaced; once the chair approved them, a scan may still be
 * attached when there is none (the signed copy comes after the signature) but never replaced, so an approved
 * record does not change under anyone. Caller: staff who keep the committee's work. Audited.
 * Input: `meetingId`, `file` (bytes), `storage`. Output: `{ kind: 'pdf' | 'image' }`.
 * Refuses (beside `minutesFile`): consultation.minutesFile.empty; consultation.minutesFile.tooLarge (with `maxMb`);
 * consultation.minutesFile.badType (neither PDF nor JPEG/PNG/WebP, or an image that does not decode);
 * consultation.minutes.approved (replacing after approval); consultation.meeting.closed (a cancelled meeting);
 * consultation.notFound; forbidden.
 */
export async function attachMinutesFile(tx: Tx, caller: StaffCaller, input: { meetingId: string; file: Uint8Array | null; storage: PhotoStorage }) {
  const tenantId = consultationScope(caller, 'update');
  const meeting = await lockMeeting(tx, tenantId, input.meetingId);
  if (meeting.status === 'cancelled') throw new UseCaseError('consultation.meeting.closed');
  if (meeting.minutesState === 'approved' && meeting.minutesFileKey) throw new UseCaseError('consultation.minutes.approved');
  const file = input.file;
  if (!file?.byteLength) throw new UseCaseError('consultation.minutesFile.empty', { field: 'minutesFile' });
  if (file.byteLength > MINUTES_FILE_MAX_BYTES) throw new UseCaseError('consultation.minutesFile.tooLarge', { field: 'minutesFile', maxMb: MINUTES_FILE_MAX_BYTES / 1024 / 1024 });
  const head = file.subarray(0, 16);
  const image = sniffImageType(head);
  let bytes: Uint8Array;
  let ext: keyof typeof EXT_MIME;
  if (image) {
    try {
      bytes = await cleanPhoto(file, image);
    } catch {
      throw new UseCaseError('consultation.minutesFile.badType', { field: 'minutesFile' });
    }
    ext = image === 'image/jpeg' ? 'jpg' : image === 'image/png' ? 'png' : 'webp';
  } else if (isPdf(head)) {
    bytes = file;
    ext = 'pdf';
  } else {
    throw new UseCaseError('consultation.minutesFile.badType', { field: 'minutesFile' });
  }
  const key = `${tenantId}/minutes-${meeting.id}-${randomBytes(6).toString('hex')}.${ext}`;
  await input.storage.put(key, bytes);
  await tx.update(consultationMeetings).set({ minutesFileKey: key }).where(and(eq(consultationMeetings.tenantId, tenantId), eq(consultationMeetings.id, meeting.id)));
  await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'meeting_minutes_file_attached', subjectType: 'ConsultationMeeting', subjectId: meeting.id, detail: { kind: ext === 'pdf' ? 'pdf' : 'image', bytes: bytes.byteLength } });
  if (meeting.minutesFileKey) await input.storage.remove(meeting.minutesFileKey);
  return { kind: ext === 'pdf' ? ('pdf' as const) : ('image' as const) };
}
