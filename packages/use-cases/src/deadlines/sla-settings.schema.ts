import { checkWorkingHours, parseTimeOfDay } from '@shequ/domain';
import { withRules, z } from '../zod.ts';

const typed = z.string().default('');
/** A whole number from `min` to `max`, or empty (inherit): saveSlaPolicy's rule, with its message. */
const wholeOrEmpty = (min: number, max: number, message: string) =>
  typed.refine((v) => {
    const s = v.trim();
    if (!s) return true;
    const n = Number(s);
    return Number.isInteger(n) && n >= min && n <= max;
  }, message);

/** Reminder percentages as typed ("50, 80"): at most three, each above 0 and below 100 (saveSlaPolicy's fractions). */
function reminderPercents(typedText: string): number[] | null {
  const s = typedText.trim();
  return s ? s.split(/[\s,，、]+/).filter(Boolean).map((p) => Number(p)) : null;
}

/**
 * The time-limit form (saveSlaPolicy) as typed: an empty field inherits; hours and days are whole numbers,
 * reminders percentages ("50, 80"), working hours times of day. Turned into SlaFields by the page's server module;
 * each field's form is checked here with saveSlaPolicy's own bounds and messages (the browser says them beside the
 * fields), and the use case checks them again with what needs the unit (working hours are a district's alone).
 */
const slaFields = z.object({
  categoryName: typed,
  acceptHours: wholeOrEmpty(1, 200, 'refusals.sla.acceptHours.invalid'),
  resolveDays: wholeOrEmpty(1, 60, 'refusals.sla.resolveDays.invalid'),
  streetDays: wholeOrEmpty(1, 60, 'refusals.sla.streetDays.invalid'),
  departmentDays: wholeOrEmpty(1, 60, 'refusals.sla.departmentDays.invalid'),
  reminders: typed.refine((v) => {
    const percents = reminderPercents(v);
    return !percents || (percents.length <= 3 && percents.every((p) => p > 0 && p < 100));
  }, 'refusals.sla.reminderFractions.invalid'),
  workStart: typed,
  workEnd: typed,
});

/** Working hours: both times of day, at least an hour apart (checkWorkingHours), or neither. */
function checkHours(v: { workStart?: string; workEnd?: string }, ctx: z.RefinementCtx) {
  const [workStart, workEnd] = [v.workStart ?? '', v.workEnd ?? ''];
  if (!workStart.trim() && !workEnd.trim()) return;
  const start = parseTimeOfDay(workStart);
  const end = parseTimeOfDay(workEnd);
  if (start === null || end === null || !checkWorkingHours({ startMinute: start, endMinute: end })) ctx.addIssue({ code: 'custom', path: [start !== null && end === null ? 'workEnd' : 'workStart'], message: 'refusals.sla.hours.invalid' });
}

/**
 * The time-limit form (saveSlaPolicy) as typed: an empty field inherits; hours and days are whole numbers,
 * reminders percentages ("50, 80"), working hours times of day. Turned into SlaFields by the page's server module;
 * each field's form is checked here with saveSlaPolicy's own bounds and messages (the browser says them beside the
 * fields), and the use case checks them again with what needs the unit (working hours are a district's alone).
 */
export const slaFormSchema = withRules(slaFields, (v, ctx) => checkHours(v, ctx));

/** The district's page: the time limits, or (intent 'weights') the score weights in percent (saveScoreWeights). */
export const districtSlaFormSchema = withRules(
  slaFields.extend({
    intent: z.enum(['weights', 'sla']).optional(),
    response: typed,
    resolution: typed,
    satisfaction: typed,
  }),
  (v, ctx) => {
    if (v.intent !== 'weights') return checkHours(v, ctx);
    // The weights: whole percentages from 0 to 100 that add up to 100 (saveScoreWeights' rule, beside the first).
    const values = [v.response, v.resolution, v.satisfaction].map((p) => Number((p ?? '').trim() || NaN));
    if (!values.every((p) => Number.isInteger(p) && p >= 0 && p <= 100) || values.reduce((a, b) => a + b, 0) !== 100) ctx.addIssue({ code: 'custom', path: ['response'], message: 'refusals.dashboard.weights.invalid' });
  },
);
