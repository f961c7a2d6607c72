import { createHmac } from 'node:crypto';
import { and, eq, isNull, max } from 'drizzle-orm';
import { chinaDate, countedMinutes, type EvidenceLevel, type RoundingRule } from '@shequ/domain';
import { orgUnits, outbox, partyMembers, residents, type Tx, volunteerActivities, volunteerHours, volunteers, volunteerSettings, volunteerShifts, volunteerTeams } from '@shequ/db';
import { type AppAbility, subject } from '@shequ/permissions';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { messageParams, notificationText, type NotifyData } from '../notifications/notify.ts';
import { volunteerRefusal } from './refusals.ts';
import type { VolunteerCaller, VolunteerSelf } from './volunteer-caller.ts';
import type { StaffCaller } from '../caller.ts';

// Shared pieces of volunteer service (decision 036). Not use cases: the use cases beside this file call them (off the
// package root; the callers' types are in volunteer-caller.ts).

export type { VolunteerCaller, VolunteerSelf } from './volunteer-caller.ts';
export const isSelf = (caller: VolunteerCaller): caller is VolunteerSelf => 'kind' in caller && caller.kind === 'volunteer';

/** The community a caller acts in. */
export function communityOf(caller: VolunteerCaller): string {
  if (isSelf(caller)) return caller.tenantId;
  const tenantId = caller.actor.workspace.tenantId;
  if (!tenantId) throw volunteerRefusal('volunteer.team.notFound');
  return tenantId;
}

export type VolunteerSettings = {
  rounding: RoundingRule;
  graceMinutes: number;
  earlyMinutes: number;
  secondApprovalMinutes: number;
  cancelCutoffHours: number;
  starHours: number[];
  /** Hours before a shift when its volunteers are asked to confirm (0: no confirmation step). */
  confirmAskHours: number;
  /** Hours before a shift when places still unconfirmed go to the waiting list. */
  confirmCloseHours: number;
  /** Minutes before a shift when its volunteers are reminded (0: none). */
  reminderMinutes: number;
};

/** The community's rules for hours (its row of volunteer_settings, or the defaults of the table). */
export async function loadVolunteerSettings(tx: Tx, tenantId: string): Promise<VolunteerSettings> {
  const [row] = await tx.select().from(volunteerSettings).where(eq(volunteerSettings.tenantId, tenantId));
  return {
    rounding: { unitMinutes: row?.roundingMinutes ?? 30, mode: (row?.roundingMode as RoundingRule['mode']) ?? 'down' },
    graceMinutes: row?.graceMinutes ?? 30,
    earlyMinutes: row?.earlyMinutes ?? 30,
    secondApprovalMinutes: row?.secondApprovalMinutes ?? 240,
    cancelCutoffHours: row?.cancelCutoffHours ?? 2,
    starHours: row?.starHours ?? [100, 300, 600, 1000, 1500],
    confirmAskHours: row?.confirmAskHours ?? 24,
    confirmCloseHours: row?.confirmCloseHours ?? 3,
    reminderMinutes: row?.reminderMinutes ?? 120,
  };
}

export type TeamRow = typeof volunteerTeams.$inferSelect;
export const teamSubject = (team: Pick<TeamRow, 'tenantId' | 'leaderUserId'>) => subject('VolunteerTeam', { tenantId: team.tenantId, leaderId: team.leaderUserId });
/**
 * Whether an hour entry is the caller's own service: the team's leader person, approved through the team's leader
 * account ("谁记录谁证明" holds for others' service, not one's own). Input: the caller, the entry's team, the entry.
 */
export function isOwnEntry(caller: StaffCaller, team: Pick<TeamRow, 'leaderUserId' | 'leaderResidentId'>, entry: { residentId: string }): boolean {
  return Boolean(team.leaderUserId) && team.leaderUserId === caller.actor.userId && entry.residentId === team.leaderResidentId;
}

export const hoursSubject = (team: Pick<TeamRow, 'tenantId' | 'leaderUserId'>) => subject('VolunteerHours', { tenantId: team.tenantId, leaderId: team.leaderUserId });

/** A team of the community, or volunteer.team.notFound (another community's ids look the same). */
export async function loadTeam(tx: Tx, tenantId: string, teamId: string): Promise<TeamRow> {
  const [team] = await tx.select().from(volunteerTeams).where(and(eq(volunteerTeams.tenantId, tenantId), eq(volunteerTeams.id, teamId)));
  if (!team) throw volunteerRefusal('volunteer.team.notFound');
  return team;
}

/** Refuses a staff caller who may not run this team (the team's leader account, or the office). */
export function assertRunsTeam(ability: AppAbility, team: TeamRow) {
  if (!ability.can('update', teamSubject(team))) throw volunteerRefusal('volunteer.team.notFound');
}

/** A shift with its activity and team, optionally locked (the shift row: every sign-up of it waits for the lock). */
export async function loadShift(tx: Tx, tenantId: string, shiftId: string, lock = false) {
  const query = tx
    .select({ shift: volunteerShifts, activity: volunteerActivities, team: volunteerTeams })
    .from(volunteerShifts)
    .innerJoin(volunteerActivities, and(eq(volunteerActivities.tenantId, volunteerShifts.tenantId), eq(volunteerActivities.id, volunteerShifts.activityId)))
    .innerJoin(volunteerTeams, and(eq(volunteerTeams.tenantId, volunteerActivities.tenantId), eq(volunteerTeams.id, volunteerActivities.teamId)))
    .where(and(eq(volunteerShifts.tenantId, tenantId), eq(volunteerShifts.id, shiftId)));
  const [found] = lock ? await query.for('update', { of: volunteerShifts }) : await query;
  if (!found) throw volunteerRefusal('volunteer.shift.notFound');
  return found;
}
export type LoadedShift = Awaited<ReturnType<typeof loadShift>>;

/** A volunteer (person of the register with a volunteer record) with what the rules need. */
export async function loadVolunteer(tx: Tx, tenantId: string, residentId: string) {
  const [found] = await tx
    .select({ volunteer: volunteers, birth: residents.birth, status: residents.status, nameHint: residents.nameHint, mobileEnc: residents.mobileEnc })
    .from(volunteers)
    .innerJoin(residents, and(eq(residents.tenantId, volunteers.tenantId), eq(residents.id, volunteers.residentId)))
    .where(and(eq(volunteers.tenantId, tenantId), eq(volunteers.residentId, residentId)));
  if (!found) throw volunteerRefusal('volunteer.notFound');
  if (!found.volunteer.active || found.status !== 'active') throw volunteerRefusal('volunteer.inactive');
  return found;
}

/**
 * The check on a team's leader (issue 16: teams are led by a party member) or deputy: an active person of the
 * community's register, and for the leader (`party`) a current member of the community's party organisation (as
 * isPartyMember answers). Refusals: volunteer.leader.notEligible (not an active person of this community's register),
 * volunteer.leader.notPartyMember (a leader who is not a party member here), each beside `field`.
 */
export async function requirePartyMemberLeader(tx: Tx, tenantId: string, residentId: string, field: string, party = true) {
  const [found] = await tx.select({ status: residents.status }).from(residents).where(and(eq(residents.tenantId, tenantId), eq(residents.id, residentId)));
  if (!found || found.status !== 'active') throw volunteerRefusal('volunteer.leader.notEligible', { field });
  if (!party) return;
  const [member] = await tx
    .select({ id: partyMembers.id })
    .from(partyMembers)
    .where(and(eq(partyMembers.tenantId, tenantId), eq(partyMembers.residentId, residentId), isNull(partyMembers.leftAt)))
    .limit(1);
  if (!member) throw volunteerRefusal('volunteer.leader.notPartyMember', { field });
}

/** The shift's code for a 30-second step: HMAC-SHA256 of shift id and step under the shift's own key, 8 characters. */
export function shiftQrCode(secret: string, shiftId: string, step: number): string {
  return createHmac('sha256', secret).update(`${shiftId}:${step}`).digest('base64url').slice(0, 8);
}

/**
 * Writes an hour entry for a finished attendance (pending until approved) and audits it. Counted minutes: time
 * within the shift, rounded by the community's rule (《志愿服务记录与证明出具办法（试行）》: actual service time,
 * travel excluded).
 */
export async function writeShiftHours(
  tx: Tx,
  input: { loaded: LoadedShift; signupId: string; residentId: string; checkIn: Date; checkOut: Date; evidence: EvidenceLevel; autoCheckout: boolean; settings: VolunteerSettings; actorUserId: string | null },
) {
  const { shift, activity } = input.loaded;
  const minutes = countedMinutes(input.checkIn, input.checkOut, shift.startsAt, shift.endsAt, input.settings.rounding);
  const [entry] = await tx
    .insert(volunteerHours)
    .values({
      tenantId: shift.tenantId,
      residentId: input.residentId,
      teamId: activity.teamId,
      activityId: activity.id,
      shiftId: shift.id,
      signupId: input.signupId,
      minutes,
      servedFrom: input.checkIn,
      servedTo: input.checkOut,
      evidence: input.evidence,
      autoCheckout: input.autoCheckout,
      content: activity.title,
      recordedBy: input.actorUserId,
    })
    .onConflictDoNothing()
    .returning({ id: volunteerHours.id });
  if (entry) await recordAuditEvent(tx, { tenantId: shift.tenantId, actorUserId: input.actorUserId, action: 'volunteer_hours_recorded', subjectType: 'VolunteerHours', subjectId: entry.id, detail: { minutes, evidence: input.evidence, auto: input.autoCheckout } });
  return entry ? { id: entry.id, minutes } : null;
}

/** Tells a volunteer by text message (their number stays sealed in the outbox until delivery opens it). */
export async function messageVolunteer(tx: Tx, input: { tenantId: string; mobileEnc: string | null; kind: string; data: NotifyData }) {
  if (!input.mobileEnc) return 0;
  const { subject: title, body } = notificationText(input.kind, input.data);
  await tx.insert(outbox).values({ tenantId: input.tenantId, channel: 'sms', kind: input.kind, recipient: `sealed:${input.mobileEnc}`, subject: title, body, params: messageParams(input.data) });
  return 1;
}

/**
 * A shift's time in words for messages: 12月5日 09:00–11:00 (China time); an end on another day names its date too
 * (12月5日 22:00–12月6日 02:00), so a shift over midnight never reads as a few hours of one day (decision 058).
 */
export function shiftWhen(startsAt: Date, endsAt: Date): string {
  const hm = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(11, 16);
  const day = (at: Date) => {
    const [, m, d] = chinaDate(at).split('-');
    return `${Number(m)}月${Number(d)}日`;
  };
  return `${day(startsAt)} ${hm(startsAt)}–${chinaDate(endsAt) === chinaDate(startsAt) ? '' : day(endsAt) + ' '}${hm(endsAt)}`;
}

/** Today's date in China, for ages and training expiry. */
export const chinaDay = (at: Date) => chinaDate(at);

/**
 * Whom a volunteer calls about their service (a claimed wish, a place they can no longer give up on 我的): the
 * community, and the volunteer office's person in charge and contact as printed on its certificates (volunteer
 * settings). A team leader's own number is never shown to volunteers: it is the leader's, given for the register.
 */
export async function loadVolunteerOffice(tx: Tx, tenantId: string): Promise<{ name: string; person: string | null; contact: string | null }> {
  const [community] = await tx.select({ name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.id, tenantId));
  const [settings] = await tx.select({ person: volunteerSettings.certificatePersonInCharge, contact: volunteerSettings.certificateContact }).from(volunteerSettings).where(eq(volunteerSettings.tenantId, tenantId));
  return { name: community?.name ?? '', person: settings?.person ?? null, contact: settings?.contact ?? null };
}

/** When an activity counts as held: the start of its last shift (null: no shift). For closeActivity and the shift page. */
export async function activityHeldFrom(tx: Tx, tenantId: string, activityId: string): Promise<Date | null> {
  const [row] = await tx.select({ last: max(volunteerShifts.startsAt) }).from(volunteerShifts).where(and(eq(volunteerShifts.tenantId, tenantId), eq(volunteerShifts.activityId, activityId)));
  return row?.last ?? null;
}
