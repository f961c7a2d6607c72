import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import { residents, type Tx, volunteerHours, volunteerSignups, volunteerTeamMembers } from '@shequ/db';
import { subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { parseInput } from '../parse-input.ts';
import { z } from '../zod.ts';
import { ledgerEntries } from './ledger.ts';
import { attendanceWindow } from './attendance.ts';
import { activityHeldFrom, assertRunsTeam, communityOf, hoursSubject, loadShift, loadVolunteerSettings } from './shared.ts';

const schema = z.object({ shiftId: z.string().uuid() });

/**
 * A shift's sheet for its leader: the activity, the people signed up (masked names: 王**, confirmed first, then the
 * waiting list in order) with their check-in and check-out, the shift's hour entries with their state in the order
 * written (the ledger is append-only: a correction shows as a reversal entry with its reason, and the corrected
 * entry as reversed), and the team's members not on the shift (to record one who walks up without signing up).
 * With them, what the page may offer now (the use cases' own windows, so that the page never offers a step they
 * refuse): `windows.in` (check-in from the list and walk-ups: from the early minutes before the start to the end),
 * `windows.out` (check-out: from the start to the end plus grace), `now`; `activity.heldFrom` (the start of its last
 * shift: closeActivity takes the report from then on) and `activity.fromWish` (it answers a resident's wish).
 * Input: shiftId, now. Output: `{ shift, activity, team, people, entries, members, canApprove, canWalkUp, windows, now }` (entries:
 * `{ id, residentId, nameHint, mobileHint, minutes, evidence, status, autoCheckout, reason, reversesId, createdAt }`
 * (the masked mobile tells two 王** apart: found from outside; `awaitingOffice`: approved by the leader, waiting for
 * the office's second approval on the volunteers' page); members:
 * `{ residentId, nameHint, mobileHint }`; canApprove: approve and correct hours; canWalkUp: register a walk-up).
 * Refuses: volunteer.shift.notFound; volunteer.team.notFound (a team the caller does not run).
 */
export async function getShiftSheet(tx: Tx, caller: StaffCaller, input: { shiftId: string; now?: Date }) {
  const tenantId = communityOf(caller);
  const { shiftId } = parseInput(schema, input);
  const loaded = await loadShift(tx, tenantId, shiftId);
  assertRunsTeam(caller.ability, loaded.team);
  const people = await tx
    .select({ signup: volunteerSignups, nameHint: residents.nameHint, mobileHint: residents.mobileHint })
    .from(volunteerSignups)
    .innerJoin(residents, and(eq(residents.tenantId, volunteerSignups.tenantId), eq(residents.id, volunteerSignups.residentId)))
    .where(and(eq(volunteerSignups.tenantId, tenantId), eq(volunteerSignups.shiftId, shiftId), ne(volunteerSignups.status, 'cancelled')))
    .orderBy(asc(volunteerSignups.status), asc(volunteerSignups.queuedAt), asc(volunteerSignups.id));
  const entries = await ledgerEntries(tx, tenantId, eq(volunteerHours.shiftId, shiftId));
  const { shift, activity, team } = loaded;
  const settings = await loadVolunteerSettings(tx, tenantId);
  const heldFrom = await activityHeldFrom(tx, tenantId, activity.id);
  const onShift = new Set(people.map((p) => p.signup.residentId));
  const members = (
    await tx
      .select({ residentId: volunteerTeamMembers.residentId, nameHint: residents.nameHint, mobileHint: residents.mobileHint })
      .from(volunteerTeamMembers)
      .innerJoin(residents, and(eq(residents.tenantId, volunteerTeamMembers.tenantId), eq(residents.id, volunteerTeamMembers.residentId)))
      .where(and(eq(volunteerTeamMembers.tenantId, tenantId), eq(volunteerTeamMembers.teamId, team.id), eq(volunteerTeamMembers.status, 'member'), eq(residents.status, 'active')))
      .orderBy(asc(residents.nameHint), asc(residents.id))
  ).filter((m) => !onShift.has(m.residentId));
  // Entries of people no longer on the list (a place cancelled after a correction) still need a name.
  const missing = [...new Set(entries.map((e) => e.residentId).filter((id) => !onShift.has(id)))];
  const more = missing.length ? await tx.select({ id: residents.id, nameHint: residents.nameHint, mobileHint: residents.mobileHint }).from(residents).where(and(eq(residents.tenantId, tenantId), inArray(residents.id, missing))) : [];
  const personOf = (residentId: string) => {
    const found = people.find((p) => p.signup.residentId === residentId) ?? more.find((m) => m.id === residentId);
    return { nameHint: found?.nameHint ?? '', mobileHint: found?.mobileHint ?? null };
  };
  return {
    shift: { id: shift.id, startsAt: shift.startsAt, endsAt: shift.endsAt, capacity: shift.capacity, reserved: shift.reserved, approvedAt: shift.approvedAt },
    activity: { id: activity.id, title: activity.title, place: activity.place, status: activity.status, risky: activity.risky, heldFrom, fromWish: Boolean(activity.wishCaseId) },
    team: { id: team.id, name: team.name },
    people: people.map((p) => ({
      signupId: p.signup.id,
      residentId: p.signup.residentId,
      nameHint: p.nameHint,
      mobileHint: p.mobileHint,
      status: p.signup.status,
      walkUp: p.signup.checkInMethod === 'walk_up',
      usesReserved: p.signup.usesReserved,
      checkedInAt: p.signup.checkedInAt,
      checkInMethod: p.signup.checkInMethod,
      checkedOutAt: p.signup.checkedOutAt,
      checkOutMethod: p.signup.checkOutMethod,
    })),
    entries: entries.map((e) => ({ id: e.id, residentId: e.residentId, ...personOf(e.residentId), awaitingOffice: e.status === 'pending' && e.leaderApprovedBy !== null, minutes: e.minutes, evidence: e.evidence, status: e.status, autoCheckout: e.autoCheckout, reason: e.reason, reversesId: e.reversesId, createdAt: e.createdAt })),
    members,
    canApprove: caller.ability.can('accept', hoursSubject(team)),
    canWalkUp: caller.ability.can('create', subject('Volunteer', { tenantId })),
    windows: { in: attendanceWindow(loaded, settings, 'in'), out: attendanceWindow(loaded, settings, 'out') },
    now: input.now ?? new Date(),
  };
}
