import { and, asc, eq, ne } from 'drizzle-orm';
import { residents, type Tx, volunteerHours, volunteerSignups } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { parseInput } from '../parse-input.ts';
import { z } from '../zod.ts';
import { ledgerEntries } from './ledger.ts';
import { assertRunsTeam, communityOf, hoursSubject, loadShift } from './shared.ts';

const schema = z.object({ shiftId: z.string().uuid() });

/**
 * A shift's sheet for its leader: the activity, the people signed up (masked names: 王**, confirmed first, then the
 * waiting list in order) with their check-in and check-out, and the shift's hour entries with their state.
 * Input: shiftId. Output: `{ shift, activity, team, people, entries, canApprove }`.
 * Refuses: volunteer.shift.notFound; volunteer.team.notFound (a team the caller does not run).
 */
export async function getShiftSheet(tx: Tx, caller: StaffCaller, input: { shiftId: string }) {
  const tenantId = communityOf(caller);
  const { shiftId } = parseInput(schema, input);
  const loaded = await loadShift(tx, tenantId, shiftId);
  assertRunsTeam(caller.ability, loaded.team);
  const people = await tx
    .select({ signup: volunteerSignups, nameHint: residents.nameHint })
    .from(volunteerSignups)
    .innerJoin(residents, and(eq(residents.tenantId, volunteerSignups.tenantId), eq(residents.id, volunteerSignups.residentId)))
    .where(and(eq(volunteerSignups.tenantId, tenantId), eq(volunteerSignups.shiftId, shiftId), ne(volunteerSignups.status, 'cancelled')))
    .orderBy(asc(volunteerSignups.status), asc(volunteerSignups.queuedAt), asc(volunteerSignups.id));
  const entries = await ledgerEntries(tx, tenantId, eq(volunteerHours.shiftId, shiftId));
  const { shift, activity, team } = loaded;
  return {
    shift: { id: shift.id, startsAt: shift.startsAt, endsAt: shift.endsAt, capacity: shift.capacity, reserved: shift.reserved, approvedAt: shift.approvedAt },
    activity: { id: activity.id, title: activity.title, place: activity.place, status: activity.status, risky: activity.risky },
    team: { id: team.id, name: team.name },
    people: people.map((p) => ({
      signupId: p.signup.id,
      residentId: p.signup.residentId,
      nameHint: p.nameHint,
      status: p.signup.status,
      walkUp: p.signup.checkInMethod === 'walk_up',
      checkedInAt: p.signup.checkedInAt,
      checkInMethod: p.signup.checkInMethod,
      checkedOutAt: p.signup.checkedOutAt,
      checkOutMethod: p.signup.checkOutMethod,
    })),
    entries: entries.map((e) => ({ id: e.id, residentId: e.residentId, minutes: e.minutes, evidence: e.evidence, status: e.status, autoCheckout: e.autoCheckout, reason: e.reason })),
    canApprove: caller.ability.can('accept', hoursSubject(team)),
  };
}
