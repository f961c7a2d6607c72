import { type CalendarYear, calendarYearProblems } from '@shequ/domain';
import { calendars, type Tx } from '@shequ/db';
import { assertCan } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { calendarProblemParams, CALENDAR_FIELD } from './calendars.schema.ts';
import { forgetPolicyCaches } from './policy.ts';

/**
 * Loads or corrects a year of the official calendar (operators, from the State Council's notice, without a
 * release): input the `year`, its `holidays` and adjusted `workdays`. Refused with every problem at once when the data
 * does not hold together (calendar.*, each naming its field and its wrong `dates`, and the `year`: a file with a
 * wrong date was told only that some date was wrong); ForbiddenError unless the caller manages the calendar. The caller then has
 * the worker recompute the deadlines the change touches.
 */
export async function saveCalendarYear(tx: Tx, { actor, ability }: StaffCaller, input: CalendarYear) {
  assertCan(ability, 'manage', 'Calendar');
  const refused = UseCaseError.of(calendarYearProblems(input).map((p) => ({ code: `calendar.${p.problem}` as const, params: { field: CALENDAR_FIELD[p.problem], ...calendarProblemParams(p, input.year) } })));
  if (refused) throw refused;
  const values = { holidays: [...input.holidays].sort(), workdays: [...input.workdays].sort(), source: 'operator', updatedBy: actor.userId };
  await tx
    .insert(calendars)
    .values({ year: input.year, ...values })
    .onConflictDoUpdate({ target: calendars.year, set: { ...values, updatedAt: new Date() } });
  forgetPolicyCaches();
  return { year: input.year };
}
