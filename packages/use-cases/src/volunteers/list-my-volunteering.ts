import { and, asc, desc, eq, gte, inArray, ne } from 'drizzle-orm';
import { chinaDate, starLevel, volunteerAgeGate } from '@shequ/domain';
import { residents, type Tx, volunteerActivities, volunteerHours, volunteers, volunteerShifts, volunteerSignups, volunteerTeamMembers, volunteerTeams } from '@shequ/db';
import type { ResidentSelf } from '../caller.ts';
import { listCertificatesOf } from './certificates-of.ts';
import { ledgerEntries, ledgerTotals } from './ledger.ts';
import { listMyWishClaims } from './wish-claims.ts';
import { loadVolunteerOffice, loadVolunteerSettings, type VolunteerSelf } from './shared.ts';

/**
 * The volunteer a signed-in resident is (decision 035's session, decision 036's caller): their register entry in
 * the community, or null while staff have not yet confirmed them as a resident (their sign-up waits).
 */
export function volunteerSelfOf(self: ResidentSelf): VolunteerSelf | null {
  return self.residentId ? { kind: 'volunteer', tenantId: self.tenantId, residentId: self.residentId } : null;
}

/** How far ahead open shifts are offered on "我的" (days). */
const OPEN_AHEAD_DAYS = 60;
/** How far back the resident's own sign-ups are listed (days): recent service stays visible until approved. */
const MINE_BACK_DAYS = 30;

export type MyVolunteering = Awaited<ReturnType<typeof listMyVolunteering>>;

/**
 * The "我的" section `myVolunteering` (issue 17): what a signed-in resident sees of their own volunteering.
 * Caller: the signed-in resident (ResidentSelf). Input: none (`{}`); `now`.
 * Transaction: the community's tenant scope; reads only rows of `caller.residentId`, and the published activities of
 * the community (which are public to its residents).
 *
 * Output (plain JSON once serialised):
 * - `volunteer`: false when the resident is not (or no longer) a registered volunteer;
 * - `join`: for a resident of the register who is not a volunteer yet, the age gate (volunteerAgeGate: 'adult',
 *   'needsGuardian' for 14–17, 'tooYoung', 'unknown'): 我的 offers the open shifts and teams, and signing up or applying
 *   records them as a volunteer on the way with their consent (becomeVolunteer; a guardian's for 14–17); null otherwise;
 * - `hours`: minutes approved, pending, and counting toward stars (approved, scanned or leader-confirmed only) and the
 *   star level with progress to the next (thresholds of the community, hours: POLICY.md 100/300/600/1,000/1,500);
 * - `mine`: their live sign-ups of shifts ending from 30 days ago on, soonest first, with status, place on the
 *   waiting list (1-based), check-in/out times and `cancelUntil` (the community's cut-off; null once a confirmed place
 *   can no longer be given up here: a waiting place can always be left before the shift), `cancelClosed` (a confirmed
 *   place past that cut-off, before the start: 我的 says why there is no cancel button), and `confirmation`
 *   ('ask' while asked the day before and not yet confirmed, until `confirmBy`; 'confirmed'; null);
 * - `open`: shifts of published activities starting within 60 days that they have not taken, with open places left
 *   and the waiting list's length (at most 20, soonest first);
 * - `teams`: the community's teams with the resident's membership (applied / member / declined / left / none);
 * - `certificates`: their service certificates, newest first (number, period, hours);
 * - `claims`: wishes of the wish wall they claimed (title, promised date, state);
 * - `cancelCutoff`: the community's cut-off (`hours` before the start) and, when a place is `cancelClosed`, whom to
 *   call instead (`office`: loadVolunteerOffice; the leader's own number is not shown).
 * Never refuses: a resident who is not a volunteer gets `volunteer: false`, `join`, the open shifts and the teams.
 */
export async function listMyVolunteering(tx: Tx, caller: ResidentSelf, _input: Record<string, never> = {}, now = new Date()) {
  type Join = { gate: ReturnType<typeof volunteerAgeGate> } | null;
  const empty = { volunteer: false as boolean, join: null as Join, hours: null, mine: [], open: [], teams: [], certificates: [], claims: [], cancelCutoff: { hours: 0, office: null } };
  const me = volunteerSelfOf(caller);
  if (!me) return empty;
  const [record] = await tx.select({ active: volunteers.active }).from(volunteers).where(and(eq(volunteers.tenantId, me.tenantId), eq(volunteers.residentId, me.residentId)));
  if (record && !record.active) return empty;
  if (!record) {
    // Not a volunteer yet: the open shifts and the teams, whose buttons ask for consent on the way (becomeVolunteer;
    // a guardian's for 14–17), and the age gate that says whether they can (issue 17's trial: a resident could not
    // apply or sign up from 我的 at all).
    const [person] = await tx.select({ birth: residents.birth, status: residents.status }).from(residents).where(and(eq(residents.tenantId, me.tenantId), eq(residents.id, me.residentId)));
    if (!person || person.status !== 'active') return empty;
    return { ...empty, join: { gate: volunteerAgeGate(person.birth, chinaDate(now)) } as Join, open: await openShifts(tx, me, new Set(), now), teams: await teamsOf(tx, me) };
  }
  const settings = await loadVolunteerSettings(tx, me.tenantId);

  const totals = ledgerTotals(await ledgerEntries(tx, me.tenantId, eq(volunteerHours.residentId, me.residentId)));
  const stars = starLevel(totals.starMinutes / 60, settings.starHours);


  const mineRows = await tx
    .select({ signup: volunteerSignups, ...shiftCols })
    .from(volunteerSignups)
    .innerJoin(volunteerShifts, and(eq(volunteerShifts.tenantId, volunteerSignups.tenantId), eq(volunteerShifts.id, volunteerSignups.shiftId)))
    .innerJoin(volunteerActivities, joinActivity)
    .innerJoin(volunteerTeams, joinTeam)
    .where(and(eq(volunteerSignups.tenantId, me.tenantId), eq(volunteerSignups.residentId, me.residentId), ne(volunteerSignups.status, 'cancelled'), gte(volunteerShifts.endsAt, new Date(now.getTime() - MINE_BACK_DAYS * 86_400_000))))
    .orderBy(asc(volunteerShifts.startsAt))
    .limit(50);
  const waitingIds = mineRows.filter((r) => r.signup.status === 'waiting').map((r) => r.shift.id);
  const queue = waitingIds.length
    ? await tx
        .select({ id: volunteerSignups.id, shiftId: volunteerSignups.shiftId })
        .from(volunteerSignups)
        .where(and(eq(volunteerSignups.tenantId, me.tenantId), inArray(volunteerSignups.shiftId, waitingIds), eq(volunteerSignups.status, 'waiting')))
        .orderBy(asc(volunteerSignups.queuedAt), asc(volunteerSignups.id))
    : [];
  const mine = mineRows.map((r) => {
    const cutoff = new Date(r.shift.startsAt.getTime() - settings.cancelCutoffHours * 3600_000);
    const started = r.shift.startsAt.getTime() <= now.getTime();
    const cancelUntil = r.signup.checkedInAt || started ? null : r.signup.status === 'waiting' ? r.shift.startsAt : cutoff.getTime() > now.getTime() ? cutoff : null;
    // Past the cut-off, before the start: the place can no longer be given up here, and 我的 says why and whom to call.
    const cancelClosed = !cancelUntil && !started && !r.signup.checkedInAt && r.signup.status === 'confirmed';
    return {
      signupId: r.signup.id,
      shiftId: r.shift.id,
      title: r.title,
      place: r.place,
      teamName: r.teamName,
      startsAt: r.shift.startsAt,
      endsAt: r.shift.endsAt,
      status: r.signup.status,
      position: r.signup.status === 'waiting' ? queue.filter((q) => q.shiftId === r.shift.id).findIndex((q) => q.id === r.signup.id) + 1 : 0,
      checkedInAt: r.signup.checkedInAt,
      checkedOutAt: r.signup.checkedOutAt,
      cancelUntil,
      cancelClosed,
      // The day-before step: 'ask' while the volunteer is asked and has not answered (until `confirmBy`).
      confirmation: r.signup.attendanceConfirmedAt ? ('confirmed' as const) : r.signup.confirmAskedAt && r.signup.status === 'confirmed' && !r.signup.checkedInAt ? ('ask' as const) : null,
      confirmBy: new Date(r.shift.startsAt.getTime() - settings.confirmCloseHours * 3600_000),
    };
  });

  const open = await openShifts(tx, me, new Set(mine.map((m) => m.shiftId)), now);
  const teams = await teamsOf(tx, me);

  const certificates = await listCertificatesOf(tx, me.tenantId, me.residentId);
  const claims = await listMyWishClaims(tx, me.tenantId, me.residentId);
  const cancelCutoff = { hours: settings.cancelCutoffHours, office: mine.some((m) => m.cancelClosed) ? await loadVolunteerOffice(tx, me.tenantId) : null };
  return { volunteer: true as boolean, join: null as Join, hours: { ...totals, stars }, mine, open, teams, certificates, claims, cancelCutoff };
}

const shiftCols = { shift: volunteerShifts, title: volunteerActivities.title, place: volunteerActivities.place, teamName: volunteerTeams.name };
const joinActivity = and(eq(volunteerActivities.tenantId, volunteerShifts.tenantId), eq(volunteerActivities.id, volunteerShifts.activityId));
const joinTeam = and(eq(volunteerTeams.tenantId, volunteerActivities.tenantId), eq(volunteerTeams.id, volunteerActivities.teamId));

/** Shifts of published activities starting within OPEN_AHEAD_DAYS that the resident has not taken (`taken`), with places left. */
async function openShifts(tx: Tx, me: VolunteerSelf, taken: Set<string>, now: Date) {
  const openRows = await tx
    .select(shiftCols)
    .from(volunteerShifts)
    .innerJoin(volunteerActivities, joinActivity)
    .innerJoin(volunteerTeams, joinTeam)
    .where(and(eq(volunteerShifts.tenantId, me.tenantId), eq(volunteerActivities.status, 'published'), gte(volunteerShifts.startsAt, now)))
    .orderBy(asc(volunteerShifts.startsAt))
    .limit(60);
  const offered = openRows.filter((r) => !taken.has(r.shift.id) && r.shift.startsAt.getTime() <= now.getTime() + OPEN_AHEAD_DAYS * 86_400_000).slice(0, 20);
  const counts = offered.length
    ? await tx
        .select({ shiftId: volunteerSignups.shiftId, status: volunteerSignups.status, usesReserved: volunteerSignups.usesReserved })
        .from(volunteerSignups)
        .where(and(eq(volunteerSignups.tenantId, me.tenantId), inArray(volunteerSignups.shiftId, offered.map((r) => r.shift.id)), ne(volunteerSignups.status, 'cancelled')))
    : [];
  return offered.map((r) => {
    const confirmedOpen = counts.filter((c) => c.shiftId === r.shift.id && c.status === 'confirmed' && !c.usesReserved).length;
    return {
      shiftId: r.shift.id,
      title: r.title,
      place: r.place,
      teamName: r.teamName,
      startsAt: r.shift.startsAt,
      endsAt: r.shift.endsAt,
      placesLeft: Math.max(0, r.shift.capacity - r.shift.reserved - confirmedOpen),
      waiting: counts.filter((c) => c.shiftId === r.shift.id && c.status === 'waiting').length,
    };
  });
}

/** The community's teams with the resident's membership (none when never applied). */
async function teamsOf(tx: Tx, me: VolunteerSelf) {
  const teamRows = await tx.select({ id: volunteerTeams.id, name: volunteerTeams.name, focus: volunteerTeams.focus, recruiting: volunteerTeams.recruiting }).from(volunteerTeams).where(eq(volunteerTeams.tenantId, me.tenantId)).orderBy(asc(volunteerTeams.name));
  const memberships = await tx
    .select({ teamId: volunteerTeamMembers.teamId, status: volunteerTeamMembers.status })
    .from(volunteerTeamMembers)
    .where(and(eq(volunteerTeamMembers.tenantId, me.tenantId), eq(volunteerTeamMembers.residentId, me.residentId)))
    .orderBy(desc(volunteerTeamMembers.appliedAt));
  return teamRows.map((t) => ({ ...t, membership: memberships.find((m) => m.teamId === t.id)?.status ?? ('none' as const) }));
}
