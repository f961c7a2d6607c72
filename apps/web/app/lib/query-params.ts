import { z } from './validation.ts';
import { cleanText, isCalendarDay } from '@shequ/domain';

// Query parameters are user input too: anything malformed is ignored (undefined) rather than an error.

/** A real calendar date, YYYY-MM-DD (a date filter); 2026-13-45 is ignored, not a server error. */
export const optionalDay = z.string().refine(isCalendarDay).optional().catch(undefined);

/** An id (uuid) in a filter. */
export const optionalId = z.string().uuid().optional().catch(undefined);

/**
 * Free text in a filter (a search, a name), at most `max` characters after cleaning: control characters such as
 * NUL are dropped (PostgreSQL refuses NUL in text, and a %00 in a link used to answer 500).
 */
export const optionalText = (max: number) => z.string().transform(cleanText).pipe(z.string().max(max)).optional().catch(undefined);

/** The year a figures page asks for (`?year=`), else this year in China; nonsense reads as this year. */
export function yearParam(request: Request): number {
  const asked = Number(new URL(request.url).searchParams.get('year'));
  return Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
}
