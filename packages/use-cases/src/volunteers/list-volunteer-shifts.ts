import { and, asc, eq, gte, inArray } from 'drizzle-orm';
import { type Tx, volunteerActivities, volunteerShifts, volunteerSignups, volunteerTeams } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { communityOf, teamSubject } from './shared.ts';

/**
 * The shifts a staff caller runs (a leader: their teams'; the office: every team's), from `from` on (default: the
 * start of today's shifts, i.e. 12 hours back), soonest first, with their places taken; for the volunteers page.
 * Input: `{ from?, limit? }`. Output: `{ teams: { id, name, recruiting }[], shifts: { id, activityId, title, place,
 * teamName, startsAt, endsAt, capacity, reserved, confirmed, walkUps, waiting, status, approvedAt }[] }` — `confirmed`: places
 * taken of the open ones (capacity − reserved); `walkUps`: people on the reserved places (walk-ups, never turned away),
 * counted apart so that a shift never reads "4 / 3" (found from outside).
 * Refuses: forbidden (no read on teams).
 */
export async function listVolunteerShifts(tx: Tx, caller: StaffCaller, input: { from?: Date; limit?: number } = {}) {
  const tenantId = communityOf(caller);
  assertCan(caller.ability, 'read', subject('VolunteerTeam', { tenantId, leaderId: null }));
  const teams = (await tx.select().from(volunteerTeams).where(eq(volunteerTeams.tenantId, tenantId)).orderBy(asc(volunteerTeams.name))).filter((t) => caller.ability.can('update', teamSubject(t)));
  if (!teams.length) return { teams: [], shifts: [] };
  const from = input.from ?? new Date(Date.now() - 12 * 3600_000);
  const rows = await tx
    .select({ shift: volunteerShifts, title: volunteerActivities.title, place: volunteerActivities.place, status: volunteerActivities.status, teamId: volunteerActivities.teamId })
    .from(volunteerShifts)
    .innerJoin(volunteerActivities, and(eq(volunteerActivities.tenantId, volunteerShifts.tenantId), eq(volunteerActivities.id, volunteerShifts.activityId)))
    .where(and(eq(volunteerShifts.tenantId, tenantId), inArray(volunteerActivities.teamId, teams.map((t) => t.id)), gte(volunteerShifts.endsAt, from)))
    .orderBy(asc(volunteerShifts.startsAt))
    .limit(input.limit ?? 100);
  const signups = rows.length
    ? await tx
        .select({ shiftId: volunteerSignups.shiftId, status: volunteerSignups.status, usesReserved: volunteerSignups.usesReserved })
        .from(volunteerSignups)
        .where(and(eq(volunteerSignups.tenantId, tenantId), inArray(volunteerSignups.shiftId, rows.map((r) => r.shift.id))))
    : [];
  const n = (shiftId: string, status: string, reserved?: boolean) => signups.filter((s) => s.shiftId === shiftId && s.status === status && (reserved === undefined || s.usesReserved === reserved)).length;
  return {
    teams: teams.map((t) => ({ id: t.id, name: t.name, recruiting: t.recruiting })),
    shifts: rows.map((r) => ({
      id: r.shift.id,
      activityId: r.shift.activityId,
      title: r.title,
      place: r.place,
      teamName: teams.find((t) => t.id === r.teamId)!.name,
      startsAt: r.shift.startsAt,
      endsAt: r.shift.endsAt,
      capacity: r.shift.capacity,
      reserved: r.shift.reserved,
      confirmed: n(r.shift.id, 'confirmed', false),
      walkUps: n(r.shift.id, 'confirmed', true),
      waiting: n(r.shift.id, 'waiting'),
      status: r.status,
      approvedAt: r.shift.approvedAt,
    })),
  };
}
