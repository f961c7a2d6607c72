import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { chinaDateTime } from '@shequ/domain';
import { residents, type Tx, volunteerSignups } from '@shequ/db';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { startSubjectDeadline } from '../deadlines/store.ts';
import { promoteFromWaitingList } from './waiting-list.ts';
import { type LoadedShift, loadShift, messageVolunteer, shiftWhen, type VolunteerSettings } from './shared.ts';

// The timers of a shift besides the automatic check-out (issue 17): the day-before confirmation step and the
// reminder before the start, on the worker's generic deadline engine (subject `volunteer_shift`, decision 026).

/** The deadline kind of the confirmation step: its reminder point asks, its due time releases unconfirmed places. */
export const CONFIRM = 'confirm';

/** The volunteers holding a confirmed place on a shift, with the sealed number each message goes to. */
async function confirmedPeople(tx: Tx, tenantId: string, shiftId: string) {
  return tx
    .select({ signup: volunteerSignups, mobileEnc: residents.mobileEnc })
    .from(volunteerSignups)
    .innerJoin(residents, and(eq(residents.tenantId, volunteerSignups.tenantId), eq(residents.id, volunteerSignups.residentId)))
    .where(and(eq(volunteerSignups.tenantId, tenantId), eq(volunteerSignups.shiftId, shiftId), eq(volunteerSignups.status, 'confirmed')));
}

const closeOf = (loaded: LoadedShift, settings: VolunteerSettings) => new Date(loaded.shift.startsAt.getTime() - settings.confirmCloseHours * 3600_000);

/**
 * Starts a published shift's timers, from `now`: the confirmation step (deadline kind `confirm`: asks
 * `confirmAskHours` before the start, releases unconfirmed places `confirmCloseHours` before it), only when the ask
 * is still ahead (a shift published later has no confirmation step: its volunteers signed up knowing the date); and
 * returns the reminder point for the automatic check-out timer (`reminderMinutes` before the start, when ahead).
 * Thresholds are the community's (volunteer_settings): configuration, not constants (POLICY.md).
 */
export async function startShiftConfirmation(tx: Tx, input: { tenantId: string; shift: { id: string; startsAt: Date }; settings: VolunteerSettings; now: Date }): Promise<Date[]> {
  const { shift, settings, now } = input;
  const askAt = new Date(shift.startsAt.getTime() - settings.confirmAskHours * 3600_000);
  const closeAt = new Date(shift.startsAt.getTime() - settings.confirmCloseHours * 3600_000);
  if (settings.confirmAskHours > 0 && askAt > now) {
    await startSubjectDeadline(tx, {
      subject: { tenantId: input.tenantId, type: 'volunteer_shift', id: shift.id },
      kind: CONFIRM,
      holderOrgUnitId: input.tenantId,
      now,
      allowedMs: closeAt.getTime() - now.getTime(),
      plan: { dueAt: closeAt, remindAt: [askAt], provisional: false },
    });
  }
  const remindAt = new Date(shift.startsAt.getTime() - settings.reminderMinutes * 60_000);
  return settings.reminderMinutes > 0 && remindAt > now ? [remindAt] : [];
}

/**
 * The day before (the `confirm` timer's reminder point): asks each volunteer holding a confirmed place, not yet
 * asked nor confirmed, to confirm on 我的 by the close (text message `volunteer_confirm_request`), and marks them
 * asked. Sign-ups made after this are not asked (they chose the date knowingly). Returns how many were asked.
 * Runs in the wake-up's transaction with the shift locked; a second run asks nobody twice; after the close, nothing.
 */
export async function askShiftConfirmation(tx: Tx, tenantId: string, shiftId: string, settings: VolunteerSettings, now: Date): Promise<number> {
  const loaded = await loadShift(tx, tenantId, shiftId);
  // A wake-up that comes after the close (the worker was down; a shift seeded in the past) asks nobody.
  if (loaded.activity.status !== 'published' || now >= closeOf(loaded, settings)) return 0;
  const by = chinaDateTime(closeOf(loaded, settings)).slice(5, 16);
  let asked = 0;
  for (const p of await confirmedPeople(tx, tenantId, shiftId)) {
    if (p.signup.confirmAskedAt || p.signup.attendanceConfirmedAt || p.signup.checkedInAt) continue;
    await tx.update(volunteerSignups).set({ confirmAskedAt: now }).where(and(eq(volunteerSignups.tenantId, tenantId), eq(volunteerSignups.id, p.signup.id)));
    await messageVolunteer(tx, { tenantId, mobileEnc: p.mobileEnc, kind: 'volunteer_confirm_request', data: { title: loaded.activity.title, when: shiftWhen(loaded.shift.startsAt, loaded.shift.endsAt), place: loaded.activity.place, by } });
    asked += 1;
  }
  if (asked) await recordAuditEvent(tx, { tenantId, actorUserId: null, action: 'volunteer_confirmation_asked', subjectType: 'VolunteerShift', subjectId: shiftId, detail: { asked } });
  return asked;
}

/**
 * The close of the confirmation step (the `confirm` timer's due time): each place asked and not confirmed is given
 * up (status cancelled, reason 'unconfirmed'; the volunteer is told: `volunteer_released`), then the waiting list
 * moves up in order (promoteFromWaitingList, each promoted volunteer told). Output: `{ released, promoted }`
 * (residents' ids). Runs with the shift locked; a second run finds nothing left to release; after the start, nothing.
 */
export async function releaseUnconfirmedPlaces(tx: Tx, tenantId: string, shiftId: string, now: Date) {
  const loaded = await loadShift(tx, tenantId, shiftId);
  // Once the shift has started, a late wake-up releases nothing: the leader sees who came.
  if (now >= loaded.shift.startsAt) return { released: [] as string[], promoted: [] as string[] };
  const released = await tx
    .update(volunteerSignups)
    .set({ status: 'cancelled', cancelledAt: now, cancelReason: 'unconfirmed' })
    .where(
      and(
        eq(volunteerSignups.tenantId, tenantId),
        eq(volunteerSignups.shiftId, shiftId),
        eq(volunteerSignups.status, 'confirmed'),
        isNotNull(volunteerSignups.confirmAskedAt),
        isNull(volunteerSignups.attendanceConfirmedAt),
        isNull(volunteerSignups.checkedInAt),
      ),
    )
    .returning({ id: volunteerSignups.id, residentId: volunteerSignups.residentId });
  for (const r of released) {
    const [person] = await tx.select({ mobileEnc: residents.mobileEnc }).from(residents).where(and(eq(residents.tenantId, tenantId), eq(residents.id, r.residentId)));
    await messageVolunteer(tx, { tenantId, mobileEnc: person?.mobileEnc ?? null, kind: 'volunteer_released', data: { title: loaded.activity.title, when: shiftWhen(loaded.shift.startsAt, loaded.shift.endsAt), place: loaded.activity.place } });
    await recordAuditEvent(tx, { tenantId, actorUserId: null, action: 'volunteer_place_released', subjectType: 'VolunteerShift', subjectId: shiftId, detail: { residentId: r.residentId } });
  }
  const promoted = released.length ? await promoteFromWaitingList(tx, loaded, now) : [];
  return { released: released.map((r) => r.residentId), promoted };
}

/**
 * The reminder before a shift (the automatic check-out timer's reminder point): a text message
 * (`volunteer_reminder`) to each volunteer holding a confirmed place, unless the shift has started. Returns how
 * many were told.
 */
export async function remindShiftVolunteers(tx: Tx, tenantId: string, shiftId: string, now: Date): Promise<number> {
  const loaded = await loadShift(tx, tenantId, shiftId);
  if (loaded.activity.status !== 'published' || now >= loaded.shift.startsAt) return 0;
  let told = 0;
  for (const p of await confirmedPeople(tx, tenantId, shiftId)) {
    if (p.signup.checkedInAt) continue;
    told += await messageVolunteer(tx, { tenantId, mobileEnc: p.mobileEnc, kind: 'volunteer_reminder', data: { title: loaded.activity.title, when: shiftWhen(loaded.shift.startsAt, loaded.shift.endsAt), place: loaded.activity.place } });
  }
  return told;
}
