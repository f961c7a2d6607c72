import { z } from '../zod.ts';

/**
 * A year of the official calendar (saveCalendarYear), typed (the holidays and adjusted working days as lists of
 * dates, parsed by parseDateList) or uploaded as a JSON file. Kept as typed, so a refused form comes back as it was;
 * the use case checks the year and every date.
 */
export const saveCalendarSchema = z.object({
  year: z.string().default(''),
  holidays: z.string().default(''),
  workdays: z.string().default(''),
  file: z.instanceof(File).optional(),
});
