import { asc, count, eq, and } from 'drizzle-orm';
import { type CalendarYear, checkCalendarYear } from '@shequ/domain';
import { calendars, deadlines, type Tx } from '@shequ/db';
import { type AppAbility, assertCan } from '@shequ/permissions';
import { UseCaseError } from '../errors.ts';
import { forgetPolicyCaches } from './policy.ts';

/** The loaded years, and how many running deadlines are provisional (counted on weekdays for lack of a calendar). */
export async function calendarOverview(tx: Tx, ability: AppAbility, now = new Date()) {
  assertCan(ability, 'manage', 'Calendar');
  const years = await tx.select().from(calendars).orderBy(asc(calendars.year));
  const [provisional] = await tx.select({ n: count() }).from(deadlines).where(and(eq(deadlines.state, 'running'), eq(deadlines.provisional, true)));
  const nextYear = new Date(now.getTime() + 8 * 3600 * 1000).getUTCFullYear() + 1;
  return {
    years: years.map((y) => ({ year: y.year, holidays: y.holidays, workdays: y.workdays, source: y.source, updatedAt: y.updatedAt })),
    provisional: provisional?.n ?? 0,
    nextYear,
    nextYearMissing: !years.some((y) => y.year === nextYear),
  };
}

/** Dates from text as offices type them: separated by commas, spaces or new lines. */
export function parseDateList(text: string): string[] {
  return [...new Set(text.split(/[\s,，、;；]+/).map((d) => d.trim()).filter(Boolean))].sort();
}

/**
 * Loads or corrects a year of the official calendar (operators, from the State Council's notice, without a
 * release). Refused with the problems named when the data does not hold together. The caller then has the
 * worker recompute the deadlines the change touches.
 */
export async function saveCalendarYear(tx: Tx, ability: AppAbility, actorUserId: string, input: CalendarYear) {
  assertCan(ability, 'manage', 'Calendar');
  const [problem] = checkCalendarYear(input);
  if (problem) throw new UseCaseError(`calendar.${problem}`, { field: problem });
  const values = { holidays: [...input.holidays].sort(), workdays: [...input.workdays].sort(), source: 'operator', updatedBy: actorUserId };
  await tx
    .insert(calendars)
    .values({ year: input.year, ...values })
    .onConflictDoUpdate({ target: calendars.year, set: { ...values, updatedAt: new Date() } });
  forgetPolicyCaches();
  return { year: input.year };
}
