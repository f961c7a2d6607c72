import { and, eq, gte, inArray, isNotNull, lt } from 'drizzle-orm';
import { chinaDate, starLevel } from '@shequ/domain';
import { residents, type Tx, volunteerActivities, volunteerShifts, volunteerSignups, volunteerTeams } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { parseInput } from '../parse-input.ts';
import type { z } from '../zod.ts';
import { type LedgerEntry, ledgerEntries, ledgerTotals } from './ledger.ts';
import { communityOf, loadVolunteerSettings, teamSubject } from './shared.ts';
import { volunteerPeriodSchema } from './volunteer-pages.schema.ts';

const hours = (minutes: number) => Math.round((minutes / 60) * 10) / 10;
const yearBounds = (year: number) => ({ from: new Date(`${year}-01-01T00:00:00+08:00`), to: new Date(`${year + 1}-01-01T00:00:00+08:00`) });
const monthStart = (year: number, month: number) => new Date(`${year}-${String(month).padStart(2, '0')}-01T00:00:00+08:00`);
const monthBounds = (year: number, month: number) => ({ from: monthStart(year, month), to: month === 12 ? monthStart(year + 1, 1) : monthStart(year, month + 1) });

/**
 * A year's or a month's volunteer figures of the community (issue 17: "yearly and monthly figures per team and per
 * volunteer"), computed from the live records (《整治形式主义为基层减负若干规定》: figures go upward from live data,
 * no forms filled by hand), China time; the period is the year, or its month `month` (1–12) when given:
 * - per team: activities held (published, with a shift in the period that has begun by `now`), shifts, attendances (人次: check-ins),
 *   volunteers who served, approved hours (all evidence levels), and the year's hours by month (1–12);
 * - per volunteer: masked name, team(s) they served with (approved hours or shifts attended), times served, approved hours in the period, the year's
 *   hours by month (1–12), and star level (from all approved top-level hours to date, as on 我的).
 * Hours are of approved entries whose service began in the period (a reversed entry no longer counts; its
 * replacement does once approved).
 * Caller: staff reading volunteers' records; a team's leader gets the teams she runs only (their figures and
 * volunteers). Input: year, month (optional); now. Output: `{ year, month, teams,
 * volunteers, totals }` (month null for the whole year).
 * Refuses: forbidden.
 */
export async function volunteerFigures(tx: Tx, caller: StaffCaller, input: z.input<typeof volunteerPeriodSchema>, now = new Date()) {
  const tenantId = communityOf(caller);
  assertCan(caller.ability, 'read', subject('Volunteer', { tenantId }));
  const { year, month } = parseInput(volunteerPeriodSchema, input);
  const { from, to } = month ? monthBounds(year, month) : yearBounds(year);
  const wholeYear = yearBounds(year);
  const settings = await loadVolunteerSettings(tx, tenantId);
  // The office sees every team; a team's leader the teams she runs only — their figures and their volunteers' rows
  // (a leader saw and exported every team's volunteers with full names: found from outside).
  const office = caller.ability.can('update', subject('Volunteer', { tenantId }));
  const teams = (
    await tx.select({ id: volunteerTeams.id, name: volunteerTeams.name, tenantId: volunteerTeams.tenantId, leaderUserId: volunteerTeams.leaderUserId }).from(volunteerTeams).where(eq(volunteerTeams.tenantId, tenantId)).orderBy(volunteerTeams.name)
  ).filter((t) => office || caller.ability.can('update', teamSubject(t)));
  const seen = new Set(teams.map((t) => t.id));
  const shifts = await tx
    .select({ id: volunteerShifts.id, activityId: volunteerShifts.activityId, teamId: volunteerActivities.teamId })
    .from(volunteerShifts)
    .innerJoin(volunteerActivities, and(eq(volunteerActivities.tenantId, volunteerShifts.tenantId), eq(volunteerActivities.id, volunteerShifts.activityId)))
    // Held activities only: a shift still ahead is not yet 开展 (December's nine future shifts were counted: found from outside).
    .where(and(eq(volunteerShifts.tenantId, tenantId), gte(volunteerShifts.startsAt, from), lt(volunteerShifts.startsAt, to), lt(volunteerShifts.startsAt, now), eq(volunteerActivities.status, 'published')));
  const shiftTeam = new Map(shifts.filter((s) => s.teamId !== null && seen.has(s.teamId)).map((s) => [s.id, s.teamId]));
  // Attendances (人次): people checked in on the year's shifts.
  const served = (
    await tx
      .select({ shiftId: volunteerSignups.shiftId, residentId: volunteerSignups.residentId })
      .from(volunteerSignups)
      .innerJoin(volunteerShifts, and(eq(volunteerShifts.tenantId, volunteerSignups.tenantId), eq(volunteerShifts.id, volunteerSignups.shiftId)))
      .where(and(eq(volunteerSignups.tenantId, tenantId), gte(volunteerShifts.startsAt, from), lt(volunteerShifts.startsAt, to), isNotNull(volunteerSignups.checkedInAt)))
  ).filter((a) => shiftTeam.has(a.shiftId));
  // Approved entries whose service began in the year (a reversed entry no longer counts; its replacement does).
  // A volunteer's star level counts all her approved hours; the figures those of the teams shown.
  const everything = await ledgerEntries(tx, tenantId, undefined);
  const all = everything.filter((e) => office || (e.teamId !== null && seen.has(e.teamId)));
  const when = (e: LedgerEntry) => e.servedFrom ?? e.createdAt;
  const approved = all.filter((e) => e.status === 'approved' && when(e) >= from && when(e) < to);
  const sum = (f: (e: LedgerEntry) => boolean) => hours(approved.filter(f).reduce((a, e) => a + e.minutes, 0));
  // The year's hours by month (the month columns of the report), whatever the period shown.
  const inYear = all.filter((e) => e.status === 'approved' && when(e) >= wholeYear.from && when(e) < wholeYear.to);
  const byMonth = (f: (e: LedgerEntry) => boolean) =>
    Array.from({ length: 12 }, (_, m) => hours(inYear.filter((e) => f(e) && Number(chinaDate(when(e)).slice(5, 7)) === m + 1).reduce((a, e) => a + e.minutes, 0)));
  const teamRows = teams.map((t) => {
    const mine = shifts.filter((s) => s.teamId === t.id);
    const came = served.filter((a) => shiftTeam.get(a.shiftId) === t.id);
    return {
      id: t.id,
      name: t.name,
      activities: new Set(mine.map((s) => s.activityId)).size,
      shifts: mine.length,
      attendances: came.length,
      volunteers: new Set(came.map((a) => a.residentId)).size,
      hours: sum((e) => e.teamId === t.id),
      months: byMonth((e) => e.teamId === t.id),
    };
  });
  const people = [...new Set([...approved.map((e) => e.residentId), ...served.map((a) => a.residentId)])];
  const hints = people.length ? await tx.select({ id: residents.id, nameHint: residents.nameHint }).from(residents).where(and(eq(residents.tenantId, tenantId), inArray(residents.id, people))) : [];
  const volunteerRows = people
    .map((residentId) => ({
      residentId,
      nameHint: hints.find((n) => n.id === residentId)?.nameHint ?? '',
      // The teams they served with: approved hours, and shifts attended whose hours still wait (a leader's own hours
      // wait for the office: 5 services, 0 h and no team read as nonsense, found from outside).
      teams: [
        ...new Set(
          [...approved.filter((e) => e.residentId === residentId).map((e) => e.teamId), ...served.filter((a) => a.residentId === residentId).map((a) => shiftTeam.get(a.shiftId) ?? null)]
            .map((id) => teams.find((t) => t.id === id)?.name)
            .filter((n): n is string => Boolean(n)),
        ),
      ],
      times: served.filter((a) => a.residentId === residentId).length,
      hours: sum((e) => e.residentId === residentId),
      months: byMonth((e) => e.residentId === residentId),
      stars: starLevel(ledgerTotals(everything.filter((e) => e.residentId === residentId)).starMinutes / 60, settings.starHours).stars,
    }))
    .sort((a, b) => b.hours - a.hours || b.times - a.times);
  return {
    year,
    month: month ?? null,
    teams: teamRows,
    volunteers: volunteerRows,
    totals: { activities: teamRows.reduce((a, t) => a + t.activities, 0), attendances: served.length, volunteers: new Set(served.map((a) => a.residentId)).size, hours: sum(() => true) },
  };
}
