import { z, wholeNumber, calendarDay, calendarMonth, messageWith, namedEntries, yuanCents } from '../zod.ts';
import { MEAL_KINDS, MEAL_MODES } from '@shequ/domain';

// Meal help's input schemas (decision 038), one per input, shared by the pages (Conform) and the use cases. They
// shape what a form sends; the rules (menu rules, cut-offs, capacity, who may book for whom) are the use cases'.

const day = calendarDay;
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const list = (inner: z.ZodTypeAny, max: number) => z.preprocess((v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(inner).max(max));
/** Yuan as typed (12.5, 12.50) → fen. */
const optionalYuan = z.preprocess((v) => (v === '' || v === undefined ? null : v), yuanCents.nullable());

/**
 * A tag or a menu rule's word: letters and digits only (荤, 低盐, 清真), at most 12. Tags become the diet choices
 * residents are offered when they book, so an emoji or a stray symbol must not become one (found from outside).
 */
export const MEAL_TAG = /^[\p{L}\p{N}]{1,12}$/u;
/** At most this many tags on a dish. */
export const MEAL_TAGS_MAX = 12;

/**
 * What is wrong with a dish's tags, as one message naming it (null: nothing): the words that cannot be tags, all of
 * them (refusals.meal.dish.tags.wrong { entries }), else too many (refusals.meal.dish.tags.tooMany { count, max }).
 * "主食 😀 <b>" was told only that tags are letters or digits, not which (issue 19's review).
 */
export function dishTagsProblem(words: readonly string[]): string | null {
  const wrong = words.filter((w) => !MEAL_TAG.test(w));
  if (wrong.length) return messageWith('refusals.meal.dish.tags.wrong', { entries: namedEntries(wrong) });
  if (words.length > MEAL_TAGS_MAX) return messageWith('refusals.meal.dish.tags.tooMany', { count: words.length, max: MEAL_TAGS_MAX });
  return null;
}

/** saveDish: a dish of the station's library and its tags (荤/素/汤, 软食, 低盐 …). */
export const saveDishSchema = z.object({
  dishId: z.string().uuid().optional(),
  name: z.string().trim().min(1, 'refusals.meal.dish.name.invalid').max(40, 'refusals.meal.dish.name.invalid'),
  tags: list(z.string().trim(), 100).superRefine((tags, ctx) => {
    const problem = dishTagsProblem(tags);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
});

/**
 * What is wrong with a menu rule as one message naming it (null: nothing): every entry that is not a tag with a count
 * of 0–20, or names a tag a second time (refusals.meal.sitting.menuRuleWrong { entries }). "素三 荤-3 😀" was told
 * only how a rule is written, not which of its words were wrong (issue 19's review).
 */
export function menuRuleProblem(entries: readonly { text: string; tag: string | null; count: number | null }[]): string | null {
  const seen = new Set<string>();
  const wrong: string[] = [];
  for (const e of entries) {
    if (e.tag === null || e.count === null || !MEAL_TAG.test(e.tag) || /\d$/.test(e.tag) || !Number.isInteger(e.count) || e.count < 0 || e.count > 20 || seen.has(e.tag)) wrong.push(e.text);
    if (e.tag !== null) seen.add(e.tag);
  }
  return wrong.length ? messageWith('refusals.meal.sitting.menuRuleWrong', { entries: namedEntries(wrong) }) : null;
}

/** saveMealSitting: a sitting's configuration (capacity, price in yuan, cut-off, serving hours, menu rule). */
export const saveMealSittingSchema = z.object({
  meal: z.enum(MEAL_KINDS),
  name: z.string().trim().min(1).max(20),
  capacity: wholeNumber(0, 10_000),
  price: yuanCents,
  cutoffDaysBefore: wholeNumber(0, 14),
  cutoffTime: clock,
  serveFrom: clock,
  serveUntil: clock,
  /** Least dishes per tag, e.g. { 荤: 3, 素: 3 }; a wrong entry is named (menuRuleProblem). */
  menuRule: z
    .record(z.string(), z.coerce.number())
    .default({})
    .superRefine((rule, ctx) => {
      const problem = menuRuleProblem(Object.entries(rule).map(([tag, count]) => ({ text: `${tag}${count}`, tag, count })));
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
});

/** saveMenu: the dishes of a sitting's menu on a day (a draft; publishMenu makes it bookable). */
export const saveMenuSchema = z.object({
  sittingId: z.string().uuid(),
  day,
  dishIds: list(z.string().uuid(), 30),
});

/** publishMenu: the menu to publish. */
export const publishMenuSchema = z.object({ menuId: z.string().uuid() });

/** addSubsidyRule: a new row (or a new version, from a date) of the subsidy rule table; amounts in yuan. */
export const addSubsidyRuleSchema = z.object({
  name: z.string().trim().min(1).max(20),
  tagId: z.preprocess((v) => (v === '' ? null : v), z.string().uuid().nullable().optional()),
  minAge: z.preprocess((v) => (v === '' || v === undefined ? null : v), wholeNumber(0, 120).nullable()),
  perMeal: yuanCents,
  monthlyCap: optionalYuan,
  priority: wholeNumber(0, 100).default(0),
  effectiveFrom: day,
  /** A rule of the same name in force on that day ends the day before (a new version of it). */
  replaces: z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean()).default(true),
});

/** At most this many diets on one booking (低盐, 低糖, 软食, 糖尿病 …). */
export const MEAL_DIETS_MAX = 4;

/**
 * quoteMeal / bookMeal: who eats, which sitting and day, how (dine-in or delivery), and the diets asked for (none or
 * several: 低盐 and 糖尿病 together; issue 19's trial could record only one). Empty values are dropped.
 */
export const bookMealSchema = z.object({
  residentId: z.string().uuid(),
  sittingId: z.string().uuid(),
  day,
  mode: z.enum(MEAL_MODES).default('dine_in'),
  diets: z.preprocess((v) => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]).filter((x) => x !== ''), list(z.string().trim().min(1).max(12), MEAL_DIETS_MAX)),
});

/** quoteMeal: the price a person would pay for a sitting on a day. */
export const quoteMealSchema = z.object({ residentId: z.string().uuid(), sittingId: z.string().uuid(), day });

/** cancelMealBooking / offerBookedMeal / confirmMealDelivery: one booking. */
export const mealBookingSchema = z.object({ bookingId: z.string().uuid() });

/** serveMealByCode: the code scanned at the counter (the person's meal card), and the sitting being served. */
export const serveMealByCodeSchema = z.object({ code: z.string().trim().min(1).max(120), sittingId: z.string().uuid() });

/** getKitchenSheet / listMealBookings: a day. */
export const mealDaySchema = z.object({ day });

/** getMealSettlement / exportMealClaim: a month, YYYY-MM. */
export const mealMonthSchema = z.object({ month: calendarMonth });

// The pages' forms, by intent (apps/web/app/routes/community+/meals.*). Each branch is a use case's input.

/** The menu page: save a day's draft, or publish it. */
export const mealMenuFormSchema = z.discriminatedUnion('intent', [
  saveMenuSchema.extend({ intent: z.literal('save') }),
  publishMenuSchema.extend({ intent: z.literal('publish') }),
]);

/** The bookings page: book on behalf, cancel, give to the waiting list, confirm a delivery. */
export const mealBookingsFormSchema = z.discriminatedUnion('intent', [
  bookMealSchema.extend({ intent: z.literal('book') }),
  mealBookingSchema.extend({ intent: z.literal('cancel') }),
  mealBookingSchema.extend({ intent: z.literal('offer') }),
  mealBookingSchema.extend({ intent: z.literal('deliver') }),
]);

/** The delivery sheet: confirm a delivered meal (the deliverer: staff, or the grid worker of the person's grid). */
export const mealDeliveriesFormSchema = mealBookingSchema.extend({ intent: z.literal('deliver') });

/**
 * The resident's meal page on "我的" (/c/<slug>/me/meals): book a sitting on a day for themselves or a parent, or
 * cancel a booking before the cut-off. Who may book for whom is the use cases' (bookMeal, cancelMealBooking).
 */
export const myMealFormSchema = z.discriminatedUnion('intent', [
  bookMealSchema.extend({ intent: z.literal('book') }),
  mealBookingSchema.extend({ intent: z.literal('cancel') }),
]);

/** The settings page: a sitting, a dish (tags typed in one field, split on spaces and 、，,), a subsidy rule. */
export const mealSettingsFormSchema = z.discriminatedUnion('intent', [
  saveMealSittingSchema.omit({ menuRule: true }).extend({
    intent: z.literal('sitting'),
    menuRule: z
      .string()
      .trim()
      .max(100)
      .optional()
      .default('')
      .superRefine((text, ctx) => {
        const problem = menuRuleTextProblem(text);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
  }),
  saveDishSchema.omit({ tags: true }).extend({
    intent: z.literal('dish'),
    tags: z
      .string()
      .trim()
      .max(100)
      .optional()
      .default('')
      .superRefine((text, ctx) => {
        const problem = dishTagsProblem(splitWords(text));
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
  }),
  addSubsidyRuleSchema.extend({ intent: z.literal('rule') }),
]);

/** Words typed in one field ("荤 低盐", "荤、低盐") as a list. */
export function splitWords(text: string): string[] {
  return text
    .split(/[\s,，、;；]+/)
    .map((w) => w.trim())
    .filter(Boolean);
}

/**
 * What is wrong with a menu rule as typed ("荤3 素3", "荤:3、素:3"; empty: no rule), as one message naming every wrong
 * word (menuRuleProblem), or null: every word a tag (MEAL_TAG) and a count 0–20, no tag twice. "素三 荤-3 😀" was saved
 * as { 荤-: 3 } before (found from outside), then refused without saying which words were wrong.
 */
export function menuRuleTextProblem(text: string): string | null {
  return menuRuleProblem(
    splitWords(text).map((word) => {
      const m = /^(.+?)[:：]?(\d{1,3})$/u.exec(word);
      return { text: word, tag: m ? m[1]! : null, count: m ? Number(m[2]) : null };
    }),
  );
}

/** Whether a menu rule as typed reads as tags with counts (menuRuleTextProblem finds nothing wrong). */
export function isMenuRuleText(text: string): boolean {
  return menuRuleTextProblem(text) === null;
}

/** A menu rule typed as "荤3 素3" (or "荤:3、素:3") as { 荤: 3, 素: 3 }; words without a count are ignored. */
export function parseMenuRule(text: string): Record<string, number> {
  const rule: Record<string, number> = {};
  for (const word of splitWords(text)) {
    const m = /^(\D+?)[:：]?(\d+)$/.exec(word);
    if (m) rule[m[1]!] = Number(m[2]);
  }
  return rule;
}
