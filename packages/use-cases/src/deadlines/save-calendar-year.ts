import { type CalendarYear, checkCalendarYear } from '@shequ/domain';
import { calendars, type Tx } from '@shequ/db';
import { assertCan } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { forgetPolicyCaches } from './policy.ts';

/**
 * Loads or corrects a year of the official calendar (operators, from the State Council's notice, without a
 * release): input the `year`, its `holidays` and adjusted `workdays`. Refused with the problems named when the data
 * does not hold together (calendar.*); ForbiddenError unless the caller manages the calendar. The caller then has
 * the worker recompute the deadlines the change touches.
 */
export async function saveCalendarYear(tx: Tx, { actor, ability }: StaffCaller, input: CalendarYear) {
  assertCan(ability, 'manage', 'Calendar');
  const [problem] = checkCalendarYear(input);
  if (problem) throw new UseCaseError(`calendar.${problem}`, { field: problem });
  const values = { holidays: [...input.holidays].sort(), workdays: [...input.workdays].sort(), source: 'operator', updatedBy: actor.userId };
  await tx
    .insert(calendars)
    .values({ year: input.year, ...values })
    .onConflictDoUpdate({ target: calendars.year, set: { ...values, updatedAt: new Date() } });
  forgetPolicyCaches();
  return { year: input.year };
}
