import { createHash, randomInt } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { CODE_ALPHABET, CODE_LENGTH, type ConsultationRules, DEFAULT_CONSULTATION_RULES, type MeetingAct, meetingActOpensAt, meetingActTooEarly } from '@shequ/domain';
import { agendaItems, cogovernanceSettings, consultationMeetings, type Tx } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';

// Building blocks the committee's use cases share (issue 18, decision 037); not use cases themselves.

/** The caller's community; staff of no community find nothing here. */
export function communityOf(caller: StaffCaller): string {
  const tenantId = caller.actor.workspace.tenantId;
  if (!tenantId) throw new UseCaseError('consultation.notFound');
  return tenantId;
}

/** Checks the caller may act on the committee's work of their community, and returns that community. */
export function consultationScope(caller: StaffCaller, action: 'read' | 'create' | 'update' | 'manage'): string {
  const tenantId = communityOf(caller);
  assertCan(caller.ability, action, subject('Consultation', { tenantId }));
  return tenantId;
}

/** The community's consultation rules (POLICY.md 四议两公开: defaults ≥ 2/3 attending, > 1/2 of those present, 7 days). */
export async function consultationRules(tx: Tx, tenantId: string): Promise<ConsultationRules> {
  const [row] = await tx.select().from(cogovernanceSettings).where(eq(cogovernanceSettings.tenantId, tenantId));
  if (!row) return DEFAULT_CONSULTATION_RULES;
  return { quorum: { num: row.quorumNum, den: row.quorumDen }, threshold: { num: row.thresholdNum, den: row.thresholdDen }, noticeDays: row.noticeDays };
}

/** A fresh one-time code (8 characters of CODE_ALPHABET, about 39 bits), from the platform's CSPRNG. */
export function newCode(): string {
  let s = '';
  for (let i = 0; i < CODE_LENGTH; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return s;
}

/** How a code is stored: SHA-256 of the community and the code (the code itself is never stored). */
export function codeHash(tenantId: string, purpose: 'ballot' | 'check-in', code: string): string {
  return createHash('sha256').update(`${purpose}:${tenantId}:${code}`).digest('hex');
}

/** A meeting of the community, locked for the change (FOR UPDATE), or consultation.notFound. */
export async function lockMeeting(tx: Tx, tenantId: string, meetingId: string) {
  const [m] = await tx.select().from(consultationMeetings).where(and(eq(consultationMeetings.tenantId, tenantId), eq(consultationMeetings.id, meetingId))).for('update');
  if (!m) throw new UseCaseError('consultation.notFound');
  return m;
}

/** An agenda item with its meeting, both locked (meeting first: the one lock order of this feature). */
export async function lockItem(tx: Tx, tenantId: string, itemId: string) {
  const [found] = await tx.select({ meetingId: agendaItems.meetingId }).from(agendaItems).where(and(eq(agendaItems.tenantId, tenantId), eq(agendaItems.id, itemId)));
  if (!found) throw new UseCaseError('consultation.notFound');
  const meeting = await lockMeeting(tx, tenantId, found.meetingId);
  const [item] = await tx.select().from(agendaItems).where(and(eq(agendaItems.tenantId, tenantId), eq(agendaItems.id, itemId))).for('update');
  return { meeting, item: item! };
}

/** A meeting still open to changes of its record (not closed or cancelled). */
export function assertMeetingOpen(meeting: { status: string }) {
  if (meeting.status === 'closed' || meeting.status === 'cancelled') throw new UseCaseError('consultation.meeting.closed');
}

export const chinaTime = (d: Date) => new Date(d.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 16).replace('T', ' ');

/**
 * Attendance is the base of every vote (实到: quorum and the share of those present), so nobody present is taken off
 * the list once voting has begun at the meeting — a secret ballot opened, or an item decided: unticking one attendee
 * after a 3-of-6 ballot made it 3 of 5 and the motion passed (found by an outside trial of issue 18). Late arrivals
 * are still added. consultation.attendance.frozen.
 */
export async function assertAttendanceOpen(tx: Tx, tenantId: string, meetingId: string) {
  const [started] = await tx
    .select({ id: agendaItems.id })
    .from(agendaItems)
    .where(and(eq(agendaItems.tenantId, tenantId), eq(agendaItems.meetingId, meetingId), sql`(${agendaItems.ballotOpen} or ${agendaItems.decidedAt} is not null or exists (select 1 from ballot_codes c where c.tenant_id = ${agendaItems.tenantId} and c.agenda_item_id = ${agendaItems.id}))`))
    .limit(1);
  if (started) throw new UseCaseError('consultation.attendance.frozen');
}

/**
 * A meeting's record is written while the meeting is on (decision 062): attendance from an hour before its start,
 * ballots, votes and decisions from its start. Earlier is refused with the time it opens (China time), so the desk
 * knows when to come back: consultation.attendance.tooEarly, consultation.vote.tooEarly.
 */
export function assertMeetingUnderWay(meeting: { startsAt: Date }, act: MeetingAct, now: Date) {
  if (!meetingActTooEarly(act, meeting.startsAt, now)) return;
  const params = { startsAt: chinaTime(meeting.startsAt), opensAt: chinaTime(meetingActOpensAt(act, meeting.startsAt)) };
  throw new UseCaseError(act === 'attendance' ? 'consultation.attendance.tooEarly' : 'consultation.vote.tooEarly', params);
}
