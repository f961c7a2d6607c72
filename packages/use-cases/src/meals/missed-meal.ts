import { and, eq } from 'drizzle-orm';
import { mealBookings, mealSittings, orgUnits, type Tx } from '@shequ/db';
import { registerDeadlineSubject, lockSubjectKeys } from '../deadlines/subjects.ts';
import type { DeadlineRow } from '../deadlines/store.ts';
import { notifyUsers, usersWithRole } from '../notifications/notify.ts';
import { anonymousCaller } from '../caller.ts';
import { raiseSameDayVisit } from '../care/raise-same-day-visit.ts';
import { MEAL_BOOKING_SUBJECT, mealPerson } from './station.ts';

/**
 * The notification kind a missed meal of an elder living alone raises, same day, to their grid worker (issue 19:
 * "the care roster will use it"). Texts under `notify.meal_missed_alone`; `subject` is `{ type: 'meal_booking',
 * id: <booking id> }`; data: `{ community, name (masked), meal, day, building }`.
 */
export const MEAL_MISSED_ALONE = 'meal_missed_alone';

/**
 * noticeMissedMeal: what happens when a booked meal of an elder living alone (register tag 独居) is still not served
 * when its sitting's serving hours end. Runs as the breach of the booking's `collect` deadline (decision 026), in the
 * worker's wake-up transaction with the booking's subject lock held, so it happens exactly once however often the
 * timer fires: the booking becomes 'missed' and the grid worker of the person's building's grid is notified (the
 * community's admins when the building has no grid worker). A booking served, cancelled or given away meanwhile has
 * had its deadline settled; one that moved on anyway is left alone.
 * Source: 民政部等10部门《关于开展特殊困难老年人探访关爱服务的指导意见》(2022-10) asks for care of elders living
 * alone; 民发〔2023〕58号 lists them among meal help's priority groups (POLICY.md).
 */
export async function noticeMissedMeal(tx: Tx, bookingId: string, deadline: DeadlineRow, now: Date): Promise<boolean> {
  const tenantId = deadline.tenantId;
  const [booking] = await tx.select().from(mealBookings).where(and(eq(mealBookings.tenantId, tenantId), eq(mealBookings.id, bookingId)));
  if (!booking || booking.status !== 'booked') return false;
  await tx.update(mealBookings).set({ status: 'missed', updatedAt: now }).where(and(eq(mealBookings.tenantId, tenantId), eq(mealBookings.id, bookingId)));
  const person = await mealPerson(tx, tenantId, booking.residentId).catch(() => null);
  const [sitting] = await tx.select({ name: mealSittings.name }).from(mealSittings).where(and(eq(mealSittings.tenantId, tenantId), eq(mealSittings.id, booking.sittingId)));
  const [community] = await tx.select({ name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.id, tenantId));
  const recipients = person?.gridWorkerId ? [person.gridWorkerId] : await usersWithRole(tx, tenantId, ['community_admin']);
  await notifyUsers(tx, {
    kind: MEAL_MISSED_ALONE,
    userIds: recipients,
    communityId: tenantId,
    subject: { type: MEAL_BOOKING_SUBJECT, id: bookingId },
    data: { community: community?.name ?? '', name: person?.nameHint ?? '', meal: sitting?.name ?? '', day: booking.day },
  });
  // The care roster turns it into a same-day visit task (issue 20, decision 039), once per booking; the notice above
  // has told the grid worker already.
  await raiseSameDayVisit(tx, anonymousCaller(), { tenantId, residentId: booking.residentId, reason: 'missed_meal', sourceKey: `meal:${bookingId}`, now, notify: false });
  return true;
}

registerDeadlineSubject({
  type: MEAL_BOOKING_SUBJECT,
  lock: (tx, tenantId, ids, { skipLocked }) => lockSubjectKeys(tx, { tenantId, type: MEAL_BOOKING_SUBJECT }, ids, skipLocked),
  async remind() {
    // No reminder points: the timer has only its due time (the end of serving hours).
  },
  async breach(tx, bookingId, deadline, now) {
    await noticeMissedMeal(tx, bookingId, deadline, now);
  },
});
