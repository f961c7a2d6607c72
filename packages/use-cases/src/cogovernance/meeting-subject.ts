import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import { fillTemplate } from '@shequ/domain';
import { resources } from '@shequ/i18n';
import { consultationMeetings, meetingParticipants, outbox, partnerUnits, residents, type Tx } from '@shequ/db';
import { orgUnitName } from '../deadlines/policy.ts';
import { startSubjectDeadline } from '../deadlines/store.ts';
import { registerDeadlineSubject } from '../deadlines/subjects.ts';
import { notificationText, notifyUsers } from '../notifications/notify.ts';
import { chinaTime } from './shared.ts';

/** The deadline subject type of a consultation meeting (decision 026) and its one kind: the reminder before it. */
export const MEETING_SUBJECT = 'consultation_meeting';
export const MEETING_REMINDER = 'reminder';
/** The reminder goes a day before the meeting; one scheduled closer than that is reminded two hours before. */
export const MEETING_REMINDER_LEAD_MS = 24 * 3600_000;
const SHORT_LEAD_MS = 2 * 3600_000;

/** When a meeting starting at `startsAt`, scheduled at `now`, is reminded; null when it is too close to remind. */
export function meetingReminderAt(startsAt: Date, now: Date): Date | null {
  for (const lead of [MEETING_REMINDER_LEAD_MS, SHORT_LEAD_MS]) {
    const at = new Date(startsAt.getTime() - lead);
    if (at.getTime() > now.getTime()) return at;
  }
  return null;
}

/**
 * Starts (or restarts) a meeting's reminder timer on the worker's subject timers (decision 026): at
 * meetingReminderAt, the invitees with a seat (not waiting, not cancelled) are reminded once. Returns the time, or
 * null when the meeting is too close (nothing started).
 */
export async function startMeetingReminder(tx: Tx, tenantId: string, meeting: { id: string; startsAt: Date }, now: Date): Promise<Date | null> {
  const dueAt = meetingReminderAt(meeting.startsAt, now);
  if (!dueAt) return null;
  await startSubjectDeadline(tx, {
    subject: { tenantId, type: MEETING_SUBJECT, id: meeting.id },
    kind: MEETING_REMINDER,
    holderOrgUnitId: tenantId,
    now,
    allowedMs: dueAt.getTime() - now.getTime(),
    plan: { dueAt, remindAt: [], provisional: false },
  });
  return dueAt;
}

/**
 * Reminds a meeting's invitees with a seat (tellInvitees, 'meeting_reminder'). Waiting or cancelled invitees are not
 * reminded, nor is a meeting that closed or was cancelled, or one that has already begun (a timer woken late).
 * Returns how many were reminded. Runs once per timer run (the engine's exactly-once rule).
 */
export async function remindMeeting(tx: Tx, tenantId: string, meetingId: string, now = new Date()): Promise<number> {
  const [meeting] = await tx.select().from(consultationMeetings).where(and(eq(consultationMeetings.tenantId, tenantId), eq(consultationMeetings.id, meetingId)));
  if (!meeting || meeting.status === 'closed' || meeting.status === 'cancelled' || meeting.startsAt.getTime() <= now.getTime()) return 0;
  return tellInvitees(tx, tenantId, meeting, 'meeting_reminder', { seatedOnly: true });
}

const PLACE_WORDS = resources['zh-CN'].translation.cogovernance;

/**
 * Where a meeting is held, as its invitees are told (in Chinese, like every message that leaves the platform): the
 * place, the online link or meeting number, or both (issue 18: "place or online", decision 057).
 */
export function meetingWhere(meeting: { place: string | null; onlineUrl: string | null }): string {
  if (meeting.place && meeting.onlineUrl) return fillTemplate(PLACE_WORDS.placeAndOnline, { place: meeting.place, link: meeting.onlineUrl });
  if (meeting.onlineUrl) return fillTemplate(PLACE_WORDS.onlinePlace, { link: meeting.onlineUrl });
  return meeting.place ?? '';
}

/**
 * Tells a meeting's invitees something about it (issue 18): staff by the bell and their chosen channels; partner
 * units by a text to their contact's sealed mobile; residents' representatives by a text to their number in the
 * register (sealed in the outbox, opened only to send). Cancelled invitees are never told; `seatedOnly` leaves out
 * those still waiting for a seat too (the reminder). The message says the meeting's topic, its time and place as
 * they are now, and `data` may add to it (`was`: the previous time, for a move). Returns how many were told.
 */
export async function tellInvitees(
  tx: Tx,
  tenantId: string,
  meeting: { id: string; topic: string; startsAt: Date; place: string | null; onlineUrl: string | null },
  kind: 'meeting_reminder' | 'meeting_moved' | 'meeting_cancelled',
  options: { seatedOnly: boolean; data?: Record<string, string> },
): Promise<number> {
  const told = and(
    eq(meetingParticipants.tenantId, tenantId),
    eq(meetingParticipants.meetingId, meeting.id),
    ne(meetingParticipants.registration, 'cancelled'),
    ...(options.seatedOnly ? [ne(meetingParticipants.registration, 'waitlisted')] : []),
  );
  const people = await tx.select().from(meetingParticipants).where(told);
  const data = { topic: meeting.topic, at: chinaTime(meeting.startsAt), place: meetingWhere(meeting), community: await orgUnitName(tx, tenantId), ...options.data };
  const staff = people.flatMap((p) => (p.userId ? [p.userId] : []));
  let reminded = await notifyUsers(tx, { kind, userIds: staff, communityId: tenantId, subject: { type: MEETING_SUBJECT, id: meeting.id }, data });
  const unitIds = people.flatMap((p) => (p.partnerUnitId ? [p.partnerUnitId] : []));
  const residentIds = people.flatMap((p) => (p.residentId ? [p.residentId] : []));
  const sealed = [
    ...(unitIds.length ? await tx.select({ enc: partnerUnits.contactMobileEnc }).from(partnerUnits).where(and(eq(partnerUnits.tenantId, tenantId), inArray(partnerUnits.id, unitIds))).orderBy(asc(partnerUnits.id)) : []),
    ...(residentIds.length ? await tx.select({ enc: residents.mobileEnc }).from(residents).where(and(eq(residents.tenantId, tenantId), inArray(residents.id, residentIds))).orderBy(asc(residents.id)) : []),
  ].flatMap((r) => (r.enc ? [r.enc] : []));
  if (sealed.length) {
    const { subject, body } = notificationText(kind, data);
    await tx.insert(outbox).values(sealed.map((enc) => ({ tenantId, channel: 'sms' as const, kind, recipient: `sealed:${enc}`, subject, body })));
    reminded += sealed.length;
  }
  return reminded;
}

registerDeadlineSubject({
  type: MEETING_SUBJECT,
  // The meeting's row is the lock, the same row every registration, attendance and vote locks first.
  async lock(tx, tenantId, ids, { skipLocked }) {
    if (!ids.length) return [];
    const q = tx.select({ id: consultationMeetings.id }).from(consultationMeetings).where(and(eq(consultationMeetings.tenantId, tenantId), inArray(consultationMeetings.id, ids))).orderBy(asc(consultationMeetings.id));
    return (await (skipLocked ? q.for('update', { skipLocked: true }) : q.for('update'))).map((r) => r.id);
  },
  async remind() {
    // The reminder is the timer's due time itself (no reminder points before it).
  },
  async breach(tx, meetingId, deadline, now) {
    await remindMeeting(tx, deadline.tenantId, meetingId, now);
  },
});
