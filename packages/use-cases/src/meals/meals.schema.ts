import { z, wholeNumber, calendarDay, calendarMonth, yuanCents } from '../zod.ts';
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

/** saveDish: a dish of the station's library and its tags (荤/素/汤, 软食, 低盐 …). */
export const saveDishSchema = z.object({
  dishId: z.string().uuid().optional(),
  name: z.string().trim().min(1, 'refusals.meal.dish.name.invalid').max(40, 'refusals.meal.dish.name.invalid'),
  tags: list(z.string().trim().regex(MEAL_TAG, 'refusals.meal.dish.tags.invalid'), MEAL_TAGS_MAX).refine((tags) => tags.length <= MEAL_TAGS_MAX, 'refusals.meal.dish.tags.invalid'),
});

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
  /** Least dishes per tag, e.g. { 荤: 3, 素: 3 }. */
  menuRule: z.record(z.string().regex(MEAL_TAG, 'refusals.meal.sitting.menuRule'), z.coerce.number().int().min(0, 'refusals.meal.sitting.menuRule').max(20, 'refusals.meal.sitting.menuRule')).default({}),
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
    menuRule: z.string().trim().max(100, 'refusals.meal.sitting.menuRule').optional().default('').refine(isMenuRuleText, 'refusals.meal.sitting.menuRule'),
  }),
  saveDishSchema.omit({ tags: true }).extend({
    intent: z.literal('dish'),
    tags: z
      .string()
      .trim()
      .max(100, 'refusals.meal.dish.tags.invalid')
      .optional()
      .default('')
      .refine((text) => {
        const words = splitWords(text);
        return words.length <= MEAL_TAGS_MAX && words.every((w) => MEAL_TAG.test(w));
      }, 'refusals.meal.dish.tags.invalid'),
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
 * Whether a menu rule as typed reads as tags with counts ("荤3 素3", "荤:3、素:3"; empty: no rule): every word a tag
 * (MEAL_TAG) and a count 0–20, no tag twice. "素三 荤-3 😀" was saved as { 荤-: 3 } before (found from outside).
 */
export function isMenuRuleText(text: string): boolean {
  const seen = new Set<string>();
  for (const word of splitWords(text)) {
    const m = /^(.+?)[:：]?(\d{1,2})$/u.exec(word);
    if (!m || !MEAL_TAG.test(m[1]!) || /\d$/.test(m[1]!) || Number(m[2]) > 20 || seen.has(m[1]!)) return false;
    seen.add(m[1]!);
  }
  return true;
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
