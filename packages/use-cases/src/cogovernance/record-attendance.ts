import { and, eq, isNull, ne, or } from 'drizzle-orm';
import { normalizeCode } from '@shequ/domain';
import { consultationMeetings, meetingParticipants, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { type CheckInFields, checkInSchema, participantSchema, type ParticipantFields, type RecordAttendanceFields, recordAttendanceSchema } from './consultation.schema.ts';
import { assertMeetingOpen, codeHash, consultationScope, lockMeeting, newCode } from './shared.ts';

/**
 * Records who is present from the list (签到表): each of `presentIds` is marked present (by 'list') unless already
 * checked in by QR; list marks not in `presentIds` are taken back (QR check-ins stay). `consentIds`: those who agreed
 * that their attendance may be shown (attendance is shown only with consent). 实到 counts voting participants
 * present (四议两公开: each stage records 应到 / 实到, POLICY.md). The meeting becomes 'held'.
 * Input: `meetingId`, `presentIds`, `consentIds`, `now`. Output: `{ attending }` (voting participants present).
 * Refuses: consultation.notFound (an id not of this meeting); consultation.meeting.closed; forbidden.
 */
export async function recordAttendance(tx: Tx, caller: StaffCaller, input: RecordAttendanceFields & { now?: Date }) {
  const tenantId = consultationScope(caller, 'update');
  const p = parseInput(recordAttendanceSchema, input);
  const now = input.now ?? new Date();
  const meeting = await lockMeeting(tx, tenantId, p.meetingId);
  assertMeetingOpen(meeting);
  const all = await tx.select().from(meetingParticipants).where(and(eq(meetingParticipants.tenantId, tenantId), eq(meetingParticipants.meetingId, meeting.id)));
  const ids = new Set(all.map((r) => r.id));
  for (const id of [...p.presentIds, ...p.consentIds]) if (!ids.has(id)) throw new UseCaseError('consultation.notFound', { field: 'presentIds' });
  const present = new Set(p.presentIds);
  const consent = new Set(p.consentIds);
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

/**
 * Checks a participant in by the code their QR carries (staff scan it at the door). A code checks in once; a second
 * scan answers consultation.code.used. Input: `meetingId`, `code`. Output: `{ participantId }`.
 * Refuses: consultation.code.invalid (not a code of this meeting); consultation.code.used; consultation.meeting.closed.
 */
export async function checkInParticipant(tx: Tx, caller: StaffCaller, input: CheckInFields & { now?: Date }) {
  const tenantId = consultationScope(caller, 'update');
  const p = parseInput(checkInSchema, input);
  const meeting = await lockMeeting(tx, tenantId, p.meetingId);
  assertMeetingOpen(meeting);
  const code = normalizeCode(p.code);
  if (!code) throw new UseCaseError('consultation.code.invalid', { field: 'code' });
  const [row] = await tx
    .select()
    .from(meetingParticipants)
    .where(and(eq(meetingParticipants.tenantId, tenantId), eq(meetingParticipants.meetingId, meeting.id), eq(meetingParticipants.checkInHash, codeHash(tenantId, 'check-in', code))));
  if (!row) throw new UseCaseError('consultation.code.invalid', { field: 'code' });
  const [done] = await tx
    .update(meetingParticipants)
    .set({ attendedAt: input.now ?? new Date(), attendedBy: 'qr' })
    .where(and(eq(meetingParticipants.tenantId, tenantId), eq(meetingParticipants.id, row.id), or(isNull(meetingParticipants.attendedBy), ne(meetingParticipants.attendedBy, 'qr'))))
    .returning({ id: meetingParticipants.id });
  if (!done) throw new UseCaseError('consultation.code.used', { field: 'code' });
  if (meeting.status === 'planned') await tx.update(consultationMeetings).set({ status: 'held' }).where(and(eq(consultationMeetings.tenantId, tenantId), eq(consultationMeetings.id, meeting.id)));
  return { participantId: row.id };
}

/**
 * 应到 / 实到 of a meeting: every voting participant invited (a member who sends apologies or cancels a seat is still
 * expected: 应到 is fixed by who is entitled, so it cannot be lowered to reach a quorum), and those of them present.
 */
export async function attendanceCounts(tx: Tx, tenantId: string, meetingId: string) {
  const rows = await tx
    .select({ registration: meetingParticipants.registration, attendedAt: meetingParticipants.attendedAt })
    .from(meetingParticipants)
    .where(and(eq(meetingParticipants.tenantId, tenantId), eq(meetingParticipants.meetingId, meetingId), eq(meetingParticipants.voting, true)));
  return { expected: rows.length, attending: rows.filter((r) => r.attendedAt !== null).length };
}
