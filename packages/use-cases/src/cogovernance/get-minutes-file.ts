import { and, eq } from 'drizzle-orm';
import { consultationMeetings, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { consultationScope } from './shared.ts';
import { EXT_MIME } from './minutes-file.ts';

/**
 * The scan of a meeting's minutes, for staff of its community who read the committee's work (the meeting's page links
 * it; never on a public page). Input: `meetingId`. Output: `{ storageKey, mime, ext }`.
 * Refuses: consultation.notFound (no such meeting here, or no scan); forbidden.
 */
export async function getMinutesFile(tx: Tx, caller: StaffCaller, input: { meetingId: string }) {
  const tenantId = consultationScope(caller, 'read');
  const [row] = await tx.select({ key: consultationMeetings.minutesFileKey }).from(consultationMeetings).where(and(eq(consultationMeetings.tenantId, tenantId), eq(consultationMeetings.id, input.meetingId)));
  if (!row?.key) throw new UseCaseError('consultation.notFound');
  const ext = row.key.slice(row.key.lastIndexOf('.') + 1) as keyof typeof EXT_MIME;
  return { storageKey: row.key, mime: EXT_MIME[ext] ?? 'application/octet-stream', ext };
}
