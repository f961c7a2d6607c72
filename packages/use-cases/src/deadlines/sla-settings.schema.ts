import { checkWorkingHours, parseTimeOfDay } from '@shequ/domain';
import { messageWith, namedEntries, withRules, z } from '../zod.ts';

const typed = z.string().default('');
/** A whole number from `min` to `max`, or empty (inherit): saveSlaPolicy's rule, with its message. */
const wholeOrEmpty = (min: number, max: number, message: string) =>
  typed.refine((v) => {
    const s = v.trim();
    if (!s) return true;
    const n = Number(s);
    return Number.isInteger(n) && n >= min && n <= max;
  }, message);

/** The most reminders a time limit has (saveSlaPolicy). */
export const SLA_REMINDERS_MAX = 3;

/**
 * What is wrong with reminders, as one message naming it (null: nothing): the entries that are not percentages above
 * 0 and below 100, all of them (refusals.sla.reminderFractions.invalid { entries }: "50, 120, abc" was told only the
 * rule, not which), else more than three (refusals.sla.reminderFractions.tooMany { count }). `entries` as typed.
 */
export function reminderProblem(entries: readonly string[]): string | null {
  const wrong = entries.filter((e) => {
    const p = Number(e);
    return !(Number.isFinite(p) && p > 0 && p < 100);
  });
  if (wrong.length) return messageWith('refusals.sla.reminderFractions.invalid', { entries: namedEntries(wrong) });
  if (entries.length > SLA_REMINDERS_MAX) return messageWith('refusals.sla.reminderFractions.tooMany', { count: entries.length });
  return null;
}

/** Reminder percentages as typed ("50, 80", full-width commas and 、 too), each entry as typed. */
export function reminderEntries(typedText: string): string[] {
  return typedText.trim().split(/[\s,，、]+/).filter(Boolean);
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
  reminders: typed.superRefine((v, ctx) => {
    const problem = reminderProblem(reminderEntries(v));
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
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
