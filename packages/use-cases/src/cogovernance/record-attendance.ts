import { and, eq } from 'drizzle-orm';
import { consultationMeetings, meetingParticipants, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { type RecordAttendanceFields, recordAttendanceSchema } from './consultation.schema.ts';
import { assertAttendanceOpen, assertMeetingOpen, assertMeetingUnderWay, consultationScope, lockMeeting } from './shared.ts';

/**
 * Records who is present from the list (签到表): each of `presentIds` is marked present (by 'list') unless already
 * checked in by QR; list marks not in `presentIds` are taken back (QR check-ins stay). `consentIds`: those who agreed
 * that their attendance may be shown (attendance is shown only with consent). 实到 counts voting participants
 * present (四议两公开: each stage records 应到 / 实到, POLICY.md). The meeting becomes 'held'.
 * Input: `meetingId`, `presentIds`, `consentIds`, `now`. Output: `{ attending }` (voting participants present).
 * Refuses: consultation.notFound (an id not of this meeting); consultation.meeting.closed;
 * consultation.attendance.tooEarly (more than an hour before the start, decision 062); consultation.attendance.frozen
 * (someone present taken off the list after voting began: 实到 is the base of the votes); forbidden.
 */
export async function recordAttendance(tx: Tx, caller: StaffCaller, input: RecordAttendanceFields & { now?: Date }) {
  const tenantId = consultationScope(caller, 'update');
  const p = parseInput(recordAttendanceSchema, input);
  const now = input.now ?? new Date();
  const meeting = await lockMeeting(tx, tenantId, p.meetingId);
  assertMeetingOpen(meeting);
  assertMeetingUnderWay(meeting, 'attendance', now);
  const all = await tx.select().from(meetingParticipants).where(and(eq(meetingParticipants.tenantId, tenantId), eq(meetingParticipants.meetingId, meeting.id)));
  const ids = new Set(all.map((r) => r.id));
  for (const id of [...p.presentIds, ...p.consentIds]) if (!ids.has(id)) throw new UseCaseError('consultation.notFound', { field: 'presentIds' });
  const present = new Set(p.presentIds);
  const consent = new Set(p.consentIds);
  // Once voting has begun nobody present is taken off the list (late arrivals are still added; consent may change).
  if (all.some((r) => r.attendedBy && r.attendedBy !== 'qr' && !present.has(r.id))) await assertAttendanceOpen(tx, tenantId, meeting.id);
  for (const r of all) {
    const attended = r.attendedBy === 'qr' || present.has(r.id);
    const change = {
      attendedAt: attended ? (r.attendedAt ?? now) : null,
      attendedBy: r.attendedBy === 'qr' ? 'qr' : attended ? 'list' : null,
      showAttendance: consent.has(r.id),
    };
    await tx.update(meetingParticipants).set(change).where(and(eq(meetingParticipants.tenantId, tenantId), eq(meetingParticipants.id, r.id)));
  }
  if (meeting.status === 'planned') await tx.update(consultationMeetings).set({ status: 'held' }).where(and(eq(consultationMeetings.tenantId, tenantId), eq(consultationMeetings.id, meeting.id)));
  return { attending: all.filter((r) => r.voting && (r.attendedBy === 'qr' || present.has(r.id))).length };
}
