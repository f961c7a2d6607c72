import { z } from 'zod';
import { isCalendarDay } from '@shequ/domain';

// Query parameters are user input too: anything malformed is ignored (undefined) rather than an error.

/** A real calendar date, YYYY-MM-DD (a date filter); 2026-13-45 is ignored, not a server error. */
export const optionalDay = z.string().refine(isCalendarDay).optional().catch(undefined);

/** An id (uuid) in a filter. */
export const optionalId = z.string().uuid().optional().catch(undefined);
