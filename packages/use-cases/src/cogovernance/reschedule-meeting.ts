import { and, eq } from 'drizzle-orm';
import { earliestMeetingStart, meetingActOpensAt, meetingActTooEarly, meetingStartTooEarly } from '@shequ/domain';
import { consultationMeetings, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { settleDeadlines } from '../deadlines/store.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { MEETING_MAX_HOURS, type RescheduleMeetingFields, rescheduleMeetingSchema } from './consultation.schema.ts';
import { assertNotStarted } from './meeting-change.ts';
import { MEETING_REMINDER, MEETING_SUBJECT, startMeetingReminder, tellInvitees } from './meeting-subject.ts';
import { chinaTime, consultationScope, lockMeeting } from './shared.ts';

/**
 * Moves a planned meeting to a new time (改期). Input: `meetingId`, `startsAt` (a Date, or datetime-local text in
 * China time), `endsAt` (optional; null clears it), `now`. The reminder timer restarts for the new time (a day
 * before, or two hours before when that has passed: meetingReminderAt); its version moves on, so a wake-up planned
 * for the old time does nothing. When the new time is too close to remind, the timer is cancelled. The invitees
 * (seated or waiting, not those who cancelled) are told the new time at once, with the old one (`meeting_moved`:
 * the bell for staff, a text for units' contacts and residents' representatives), whether or not a reminder
 * follows; moving to the same time tells nobody.
 * Output: `{ id, startsAt, remindAt, told }` (remindAt null: no reminder; told: how many were told).
 * Refuses: consultation.notFound; consultation.meeting.closed (closed or cancelled); consultation.meeting.started
 * (attendance already recorded); consultation.meeting.checkInOpen (check-in has opened, an hour before the start);
 * consultation.time.past (a new start before the next minute: earliestMeetingStart, decision 074; `earliest` names it);
 * consultation.time.invalid (end not after start); consultation.time.unchanged (the same times); forbidden.
 */
export async function rescheduleMeeting(tx: Tx, caller: StaffCaller, input: RescheduleMeetingFields & { now?: Date }) {
  const tenantId = consultationScope(caller, 'update');
  const p = parseInput(rescheduleMeetingSchema, input);
  const now = input.now ?? new Date();
  const meeting = await lockMeeting(tx, tenantId, p.meetingId);
  assertNotStarted(meeting);
  // The page says a meeting is moved before check-in opens (an hour before its start, decision 062): after that people
  // are on their way or at the door. An outside trial of issue 18 moved one at check-in time to the same time and was
  // told "已将新时间通知 0 位参会方".
  if (!meetingActTooEarly('attendance', meeting.startsAt, now)) throw new UseCaseError('consultation.meeting.checkInOpen', { opensAt: chinaTime(meetingActOpensAt('attendance', meeting.startsAt)) });
  if (meetingStartTooEarly(p.startsAt, now)) throw new UseCaseError('consultation.time.past', { field: 'startsAt', earliest: chinaTime(earliestMeetingStart(now)) });
  if (p.startsAt.getTime() === meeting.startsAt.getTime() && (p.endsAt?.getTime() ?? null) === (meeting.endsAt?.getTime() ?? null)) throw new UseCaseError('consultation.time.unchanged', { field: 'startsAt' });
  if (p.endsAt && p.endsAt.getTime() <= p.startsAt.getTime()) throw new UseCaseError('consultation.time.invalid', { field: 'endsAt', start: chinaTime(p.startsAt) });
  if (p.endsAt && p.endsAt.getTime() - p.startsAt.getTime() > MEETING_MAX_HOURS * 3600_000) throw new UseCaseError('consultation.time.tooLong', { field: 'endsAt', hours: MEETING_MAX_HOURS });
  await tx
    .update(consultationMeetings)
    .set({ startsAt: p.startsAt, endsAt: p.endsAt ?? null })
    .where(and(eq(consultationMeetings.tenantId, tenantId), eq(consultationMeetings.id, meeting.id)));
  const remindAt = await startMeetingReminder(tx, tenantId, { id: meeting.id, startsAt: p.startsAt }, now);
  if (!remindAt) await settleDeadlines(tx, { tenantId, type: MEETING_SUBJECT, id: meeting.id }, [MEETING_REMINDER], 'cancelled', now);
  const told = p.startsAt.getTime() === meeting.startsAt.getTime() ? 0 : await tellInvitees(tx, tenantId, { ...meeting, startsAt: p.startsAt }, 'meeting_moved', { seatedOnly: false, data: { was: chinaTime(meeting.startsAt) } });
  return { id: meeting.id, startsAt: p.startsAt, remindAt, told };
}

