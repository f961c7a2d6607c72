import { z } from '../zod.ts';

/**
 * A year of the official calendar (saveCalendarYear), typed (the holidays and adjusted working days as lists of
 * dates, parsed by parseDateList; `intent` typed) or uploaded as a JSON file (`intent` file: a form of its own, so a
 * file too large to read never takes typed lists with it). Kept as typed, so a refused form comes back as it was;
 * the use case checks the year and every date.
 */
export const saveCalendarSchema = z.object({
  intent: z.enum(['typed', 'file']).default('typed'),
  year: z.string().default(''),
  holidays: z.string().default(''),
  workdays: z.string().default(''),
  file: z.instanceof(File).optional(),
});
