import { LOCALES } from '@shequ/i18n';
import { z } from '../zod.ts';

// Preferences kept in a cookie (no use case stores them): the language and the residents' large-text mode.

/** The language switch: an unknown language is ignored (the page is shown again as it was). */
export const chooseLocaleSchema = z.object({ locale: z.enum(LOCALES).optional().catch(undefined), redirectTo: z.string().optional() });

/** The residents' large-text switch. */
export const chooseDisplaySchema = z.object({ largeText: z.string().optional(), redirectTo: z.string().optional() });
