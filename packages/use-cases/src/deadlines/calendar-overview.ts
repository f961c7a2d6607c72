import { and, asc, count, eq } from 'drizzle-orm';
import { calendars, deadlines, type Tx } from '@shequ/db';
import { assertCan } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';

/**
 * The loaded years of the official calendar, and how many running deadlines are provisional (counted on weekdays for
 * lack of a calendar); whether next year (China time, at `now`) is missing. Refuses (ForbiddenError) a caller who
 * may not manage the calendar.
 */
export async function calendarOverview(tx: Tx, { ability }: StaffCaller, _input = {}, now = new Date()) {
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
