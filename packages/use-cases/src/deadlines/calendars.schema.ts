import { type CalendarProblem, checkCalendarYear } from '@shequ/domain';
import { withRules, z } from '../zod.ts';
import { parseDateList } from './parse-date-list.ts';

/** The field of the typed form a calendar problem is shown beside, and its message (saveCalendarYear's refusal). */
const SAID: Record<CalendarProblem, ['year' | 'holidays' | 'workdays', string]> = {
  year: ['year', 'refusals.calendar.year'],
  holidays: ['holidays', 'refusals.calendar.holidays'],
  workdays: ['workdays', 'refusals.calendar.workdays'],
  workdayNotWeekend: ['workdays', 'refusals.calendar.workdayNotWeekend'],
  overlap: ['workdays', 'refusals.calendar.overlap'],
};

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
    const problems = checkCalendarYear({ year: Number(v.year ?? ''), holidays: parseDateList(v.holidays ?? ''), workdays: parseDateList(v.workdays ?? '') });
    for (const problem of problems) ctx.addIssue({ code: 'custom', path: [SAID[problem][0]], message: SAID[problem][1] });
  },
);
