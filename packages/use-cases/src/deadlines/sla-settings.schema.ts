import { z } from '../zod.ts';

const typed = z.string().default('');

/**
 * The time-limit form (saveSlaPolicy) as typed: an empty field inherits; hours and days are numbers, reminders
 * percentages ("50, 80"), working hours times of day. Turned into SlaFields by the page's server module and
 * checked by the use case, which answers with the field's message; a refused form comes back as typed.
 */
export const slaFormSchema = z.object({
  categoryName: typed,
  acceptHours: typed,
  resolveDays: typed,
  streetDays: typed,
  departmentDays: typed,
  reminders: typed,
  workStart: typed,
  workEnd: typed,
});

/** The district's page: the time limits, or (intent 'weights') the score weights in percent (saveScoreWeights). */
export const districtSlaFormSchema = slaFormSchema.extend({
  intent: z.enum(['weights', 'sla']).optional(),
  response: typed,
  resolution: typed,
  satisfaction: typed,
});
