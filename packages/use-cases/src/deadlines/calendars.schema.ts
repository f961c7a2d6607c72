import { type CalendarProblem, calendarYearProblems } from '@shequ/domain';
import { messageWith, namedEntries, withRules, z } from '../zod.ts';
import { parseDateList } from './parse-date-list.ts';

/** The field of the typed form a calendar problem is shown beside (saveCalendarYear's refusal names the same). */
export const CALENDAR_FIELD: Record<CalendarProblem, 'year' | 'holidays' | 'workdays'> = {
  year: 'year',
  holidays: 'holidays',
  workdays: 'workdays',
  workdayNotWeekend: 'workdays',
  overlap: 'workdays',
};

/** A calendar problem's message values: the wrong dates it names, and the year (YYYY while the year itself is wrong). */
export function calendarProblemParams(problem: { problem: CalendarProblem; dates: readonly string[] }, year: number): Record<string, string | number> {
  if (problem.problem === 'year') return {};
  return { dates: namedEntries(problem.dates, 8), year: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : 'YYYY' };
}

/**
 * A year of the official calendar (saveCalendarYear), typed (the holidays and adjusted working days as lists of
 * dates, parsed by parseDateList; `intent` typed) or uploaded as a JSON file (`intent` file: a form of its own, so a
 * file too large to read never takes typed lists with it). Kept as typed, so a refused form comes back as it was.
 * The typed form is checked here with saveCalendarYear's own rule (checkCalendarYear) and messages, each beside its
 * field, so the browser says them before anything is sent; the file's form asks for a file. The use case checks
 * the year again (also a file's, read on the server).
 */
export const saveCalendarSchema = withRules(
  z.object({
    intent: z.enum(['typed', 'file']).default('typed'),
    year: z.string().default(''),
    holidays: z.string().default(''),
    workdays: z.string().default(''),
    file: z.instanceof(File).optional(),
  }),
  (v, ctx) => {
    if (v.intent === 'file') {
      if (!v.file || v.file.size === 0) ctx.addIssue({ code: 'custom', path: ['file'], message: 'calendarAdmin.errors.noFile' });
      return;
    }
    if (v.intent === undefined) return; // an intent of no form of the page: its own problem
    // Every problem at once, each naming its dates (“2027-13-01”、“2030-05-01”), beside its field (the adjusted working
    // days may have two: the page says every message of a field).
    const year = Number(v.year ?? '');
    for (const p of calendarYearProblems({ year, holidays: parseDateList(v.holidays ?? ''), workdays: parseDateList(v.workdays ?? '') })) {
      ctx.addIssue({ code: 'custom', path: [CALENDAR_FIELD[p.problem]], message: messageWith(`refusals.calendar.${p.problem}`, calendarProblemParams(p, year)) });
    }
  },
);
