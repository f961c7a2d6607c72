/**
 * Meal help for elders (助餐, issue 19, decision 038): pure rules. Every amount, capacity, cut-off and menu rule is
 * the community's configuration (a sitting's row, the subsidy rule table), never a constant here.
 *
 * Policy: 民政部等11部门《积极发展老年助餐服务行动方案》(民发〔2023〕58号, 2023-10) gives meal help priority to elders
 * in 低保, 特困 and 低保边缘 households, living alone, empty-nest, left-behind, disabled or losing abilities, very old,
 * or in 计生特殊 families; local subsidies vary (a fixed amount per meal, more for special diets): so they are
 * configured per community (docs/shared POLICY.md, "Meal help for elders").
 */
import { ageOn } from '../residents/register.ts';

/** Meals of a day a station may serve (a sitting is one of them, with its own capacity, price and cut-off). */
export const MEAL_KINDS = ['breakfast', 'lunch', 'dinner'] as const;
export type MealKind = (typeof MEAL_KINDS)[number];

/** Eaten at the station, or brought home by a deliverer. */
export const MEAL_MODES = ['dine_in', 'delivery'] as const;
export type MealMode = (typeof MEAL_MODES)[number];

/**
 * A booking's life: booked (holds a place) or waiting (on the list, in order); cancelled (before the cut-off);
 * given_away (after the cut-off, to the first one waiting); served (picked up at the counter or delivered: only then
 * does the subsidy count); missed (the sitting ended without it being served).
 */
export const MEAL_BOOKING_STATUSES = ['booked', 'waiting', 'cancelled', 'given_away', 'served', 'missed'] as const;
export type MealBookingStatus = (typeof MEAL_BOOKING_STATUSES)[number];

/** Who made a booking: the resident, a family member for them, or staff / a grid worker on their behalf. */
export const MEAL_BOOKERS = ['self', 'family', 'staff'] as const;
export type MealBooker = (typeof MEAL_BOOKERS)[number];

/** How a served meal was confirmed: the person's code scanned at the counter, or the deliverer's confirmation. */
export const MEAL_SERVED_VIA = ['counter', 'delivery'] as const;
export type MealServedVia = (typeof MEAL_SERVED_VIA)[number];

/** The dish tags a community starts with (荤/素/汤 for menu rules; diets for the kitchen). A community adds its own. */
export const DEFAULT_DISH_TAGS = ['荤', '素', '汤', '主食', '软食', '低盐', '低糖', '清真'] as const;
/** Of those, the diets a booking may ask for (counted on the kitchen sheet). */
export const DEFAULT_MEAL_DIETS = ['软食', '低盐', '低糖', '清真'] as const;

/** The register tag that marks an elder living alone (独居): a missed meal of theirs is told to their grid worker. */
export const LIVING_ALONE_TAG = '独居';

/** HH:MM on a 24-hour clock. */
export function isClockTime(s: unknown): s is string {
  return typeof s === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(s);
}

/** The instant `HH:MM` on `day` (YYYY-MM-DD) in China time (UTC+8, no daylight saving). */
export function chinaInstant(day: string, time: string): Date {
  return new Date(`${day}T${time}:00+08:00`);
}

/** `day` (YYYY-MM-DD) moved by `days` (calendar days). */
export function addDays(day: string, days: number): string {
  const t = Date.parse(`${day}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/**
 * The booking cut-off of a sitting on `day`: `daysBefore` calendar days earlier at `time`, China time (e.g. 1 and
 * 16:00: the day before at 16:00). Bookings and cancellations are taken strictly before it.
 */
/**
 * The last day a subsidy rule version is in force, from its stored end (`effective_to`, exclusive: the next version's
 * first day), or null while open. Lists show this day: showing the stored end made two versions read as both
 * covering it (11-01 – 11-17 and 11-17 – 至今: issue 19's trial).
 */
export function ruleLastDay(effectiveTo: string | null): string | null {
  return effectiveTo ? addDays(effectiveTo, -1) : null;
}

export function mealCutoff(day: string, daysBefore: number, time: string): Date {
  return chinaInstant(addDays(day, -daysBefore), time);
}

/** What staff may do with a meal booking at an instant (cancel, give to the waiting list, confirm a delivery). */
export type MealBookingActions = { cancel: boolean; offer: boolean; deliver: boolean };

/**
 * The steps a meal booking allows at `now`, the same conditions the use cases check (cancelMealBooking,
 * offerBookedMeal, confirmMealDelivery), so a page offers only what the server will do: cancel a booked or waiting
 * meal strictly before the cut-off; after it, give a booked meal to the first waiting (`someoneWaiting`); confirm
 * the delivery of a booked delivery meal on its own day (`today`, China date).
 */
export function mealBookingActions(booking: { status: string; mode: string; day: string }, cutoffAt: Date, now: Date, today: string, someoneWaiting: boolean): MealBookingActions {
  const live = booking.status === 'booked' || booking.status === 'waiting';
  return {
    cancel: live && now < cutoffAt,
    offer: booking.status === 'booked' && now >= cutoffAt && someoneWaiting,
    deliver: booking.status === 'booked' && booking.mode === 'delivery' && booking.day === today,
  };
}

/** A menu rule: the least number of dishes carrying each tag (e.g. lunch: { 荤: 3, 素: 3 }). */
export type MenuRule = Record<string, number>;

/** What a menu lacks under its rule: each tag with fewer dishes than required (empty when it may be published). */
export function menuShortfalls(rule: MenuRule, dishes: readonly { tags: readonly string[] }[]): { tag: string; required: number; found: number }[] {
  const out: { tag: string; required: number; found: number }[] = [];
  for (const [tag, required] of Object.entries(rule)) {
    const found = dishes.filter((d) => d.tags.includes(tag)).length;
    if (found < required) out.push({ tag, required, found });
  }
  return out;
}

/**
 * A row of the community's subsidy rule table: who it covers (a register tag, a minimum age, or both: all given
 * must hold), the amount per served meal and the monthly cap per person (fen), the priority that decides which rule
 * applies when several do, and the days it is in force (`effectiveFrom` inclusive, `effectiveTo` exclusive, null:
 * open). A change of amount is a new row from its date; the old row ends the day before it starts.
 */
export type SubsidyRule = {
  id: string;
  name: string;
  tagId: string | null;
  minAge: number | null;
  perMealCents: number;
  monthlyCapCents: number | null;
  priority: number;
  effectiveFrom: string;
  effectiveTo: string | null;
};

/** Whether a rule covers a person (tags, birth) on `day`. A person of unknown birth meets no age condition. */
export function ruleCovers(rule: SubsidyRule, person: { tagIds: readonly string[]; birth: string | null }, day: string): boolean {
  if (rule.effectiveFrom > day || (rule.effectiveTo !== null && rule.effectiveTo <= day)) return false;
  if (rule.tagId && !person.tagIds.includes(rule.tagId)) return false;
  if (rule.minAge !== null && (!person.birth || ageOn(person.birth, day) < rule.minAge)) return false;
  return rule.tagId !== null || rule.minAge !== null;
}

/**
 * The one rule that applies to a person on a day (subsidies do not add up): the covering rule of highest priority;
 * on equal priority the larger amount per meal; then the earlier start, then the id (so the choice is stable).
 * Null when none covers them (they pay the full price).
 */
export function winningRule(rules: readonly SubsidyRule[], person: { tagIds: readonly string[]; birth: string | null }, day: string): SubsidyRule | null {
  const covering = rules.filter((r) => ruleCovers(r, person, day));
  covering.sort((a, b) => b.priority - a.priority || b.perMealCents - a.perMealCents || a.effectiveFrom.localeCompare(b.effectiveFrom) || a.id.localeCompare(b.id));
  return covering[0] ?? null;
}

/**
 * The subsidy of one meal: the rule's amount, no more than the price, no more than what is left of the monthly cap
 * after `usedThisMonthCents` (the person's subsidies already counted that month). Fen, never negative.
 */
export function mealSubsidy(rule: SubsidyRule | null, priceCents: number, usedThisMonthCents: number): number {
  if (!rule) return 0;
  let amount = Math.min(rule.perMealCents, priceCents);
  if (rule.monthlyCapCents !== null) amount = Math.min(amount, Math.max(0, rule.monthlyCapCents - usedThisMonthCents));
  return Math.max(0, amount);
}

/** The first and the day after the last day of the month of `day` (YYYY-MM-DD): a half-open range. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.slice(0, 7).split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { from: `${month.slice(0, 7)}-01`, to: `${next}-01` };
}

/** Fen as yuan for people: 1250 → "12.50". */
export function yuan(cents: number): string {
  return (cents / 100).toFixed(2);
}
