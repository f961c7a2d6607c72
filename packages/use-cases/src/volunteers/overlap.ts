import { and, eq, gt, isNotNull, isNull, lt, ne } from 'drizzle-orm';
import { chinaDateTime } from '@shequ/domain';
import { type Tx, volunteerActivities, volunteerHours, volunteerShifts, volunteerSignups } from '@shequ/db';
import { ledgerEntries } from './ledger.ts';
import { volunteerRefusal } from './refusals.ts';
import { shiftWhen } from './shared.ts';

// One person cannot serve twice at once (issue 17's fourth outside trial, t35): a check-in while checked in to an
// overlapping shift, and an hour entry over minutes already recorded, are refused. Not use cases.

/**
 * Refuses a check-in of `residentId` on `shiftId` while they are checked in (not yet out) on another shift whose time
 * overlaps it: volunteer.signup.overlap `{ title, when }` (the other shift).
 */
export async function assertNotCheckedInElsewhere(tx: Tx, tenantId: string, residentId: string, shiftId: string) {
  const [shift] = await tx.select().from(volunteerShifts).where(and(eq(volunteerShifts.tenantId, tenantId), eq(volunteerShifts.id, shiftId)));
  if (!shift) return;
  const [other] = await tx
    .select({ title: volunteerActivities.title, startsAt: volunteerShifts.startsAt, endsAt: volunteerShifts.endsAt })
    .from(volunteerSignups)
    .innerJoin(volunteerShifts, and(eq(volunteerShifts.tenantId, volunteerSignups.tenantId), eq(volunteerShifts.id, volunteerSignups.shiftId)))
    .innerJoin(volunteerActivities, and(eq(volunteerActivities.tenantId, volunteerShifts.tenantId), eq(volunteerActivities.id, volunteerShifts.activityId)))
    .where(
      and(
        eq(volunteerSignups.tenantId, tenantId),
        eq(volunteerSignups.residentId, residentId),
        ne(volunteerSignups.shiftId, shiftId),
        isNotNull(volunteerSignups.checkedInAt),
        isNull(volunteerSignups.checkedOutAt),
        lt(volunteerShifts.startsAt, shift.endsAt),
        gt(volunteerShifts.endsAt, shift.startsAt),
      ),
    )
    .limit(1);
  if (other) throw volunteerRefusal('volunteer.signup.overlap', { title: other.title, when: shiftWhen(other.startsAt, other.endsAt) });
}

/**
 * Refuses an hour entry of `residentId` from `from` to `to` that overlaps one of their live entries (neither reversed
 * nor a reversal; `exceptId`: the entry being replaced): volunteer.hours.overlap `{ title, from, to, field }` (the
 * other entry's content and times, China time).
 */
export async function assertNoOverlappingEntry(tx: Tx, tenantId: string, residentId: string, from: Date, to: Date, exceptId?: string) {
  const entries = await ledgerEntries(tx, tenantId, and(eq(volunteerHours.residentId, residentId), lt(volunteerHours.servedFrom, to), gt(volunteerHours.servedTo, from)));
  const clash = entries.find((e) => e.id !== exceptId && e.status !== 'reversed' && e.status !== 'reversal');
  if (clash)
    throw volunteerRefusal('volunteer.hours.overlap', { field: 'servedFrom', title: clash.content ?? '', from: chinaDateTime(clash.servedFrom!).slice(0, 16), to: chinaDateTime(clash.servedTo!).slice(0, 16) });
}
