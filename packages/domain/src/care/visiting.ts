import { chinaDate, chinaDateTime, chinaDayEnd, chinaDayStart } from '../time/china-time.ts';
import { ageOn } from '../residents/register.ts';

/**
 * Visiting care (探访关爱, issue 20, decision 039): pure rules for the care roster's tiers, the visit policy of each
 * tier, visit windows and the monthly visit rate. No clock: every function takes `now` or a day.
 *
 * Sources (docs: /work/shared/POLICY.md, "Visiting care" and "Less paperwork"):
 * - 民政部等10部门《关于开展特殊困难老年人探访关爱服务的指导意见》(2022-10): a monthly visit rate of 100% for elders with
 *   special difficulties by the end of 2025; home visits and phone or video contact both count as contact.
 * - Local tiers (example: Inner Mongolia 2022): high risk (80+ living alone or empty-nest, serious illness) at least
 *   weekly and within 24 hours of a major change; priority (disabled or losing abilities, 分散供养特困, 计生特殊,
 *   orphans, children in difficulty) at least monthly; others at least quarterly. More visits in extreme weather
 *   and at festivals (Qinghai 2022).
 * - 《整治形式主义为基层减负若干规定》(2024-08): photos (拍照留痕) must not be used to judge work, so no rule here
 *   looks at whether a visit has a photo.
 */

export const CARE_TIERS = ['high', 'priority', 'regular'] as const;
export type CareTier = (typeof CARE_TIERS)[number];

/** How a recipient was contacted: 入户 (a home visit), 电话, 视频. */
export const CONTACT_KINDS = ['home', 'phone', 'video'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

/** A tier's visit frequency: one visit per calendar week (Monday to Sunday), month or quarter, in China time. */
export const VISIT_PERIODS = ['week', 'month', 'quarter'] as const;
export type VisitPeriod = (typeof VISIT_PERIODS)[number];

/** Why a visit window exists: the tier's routine, a major change (24 h), a weather or festival period, a missed meal. */
export const WINDOW_REASONS = ['routine', 'major_change', 'weather', 'festival', 'missed_meal'] as const;
export type WindowReason = (typeof WINDOW_REASONS)[number];

/** Major changes in a person's life that call for a visit within 24 hours (recorded by anyone who can see them). */
export const MAJOR_CHANGE_KINDS = ['hospital', 'bereavement', 'fall', 'other'] as const;
export type MajorChangeKind = (typeof MAJOR_CHANGE_KINDS)[number];

export const CARE_PERIOD_KINDS = ['weather', 'festival'] as const;
export type CarePeriodKind = (typeof CARE_PERIOD_KINDS)[number];

/** The quick visit form's choices (choices first, free text second). */
export const VISIT_SEEN = ['self', 'family', 'nobody'] as const;
export const VISIT_LIVING = ['good', 'fair', 'poor'] as const;
export const VISIT_HEALTH = ['stable', 'declining', 'ill', 'hospital'] as const;
export const VISIT_SAFETY = ['gas', 'electric', 'fall', 'fire', 'door', 'scam'] as const;
export const VISIT_FAMILY = ['good', 'some', 'none'] as const;
export const VISIT_NEEDS = ['meals', 'medical', 'cleaning', 'repair', 'company', 'money', 'other'] as const;

/**
 * A tier rule: a person matches when they carry every tag of `tagsAll`, at least one of `tagsAny` (when given) and
 * are at least `minAge` (when given). Tag names are the community's (独居, 空巢, 高龄 …).
 */
export type TierRule = { tier: CareTier; tagsAll?: string[]; tagsAny?: string[]; minAge?: number };
/** A tier's visit policy: how often, and which kinds of contact count as a visit. */
export type VisitPolicy = { period: VisitPeriod; contactKinds: ContactKind[] };
/**
 * A community's care rules, as one version (versions have effective dates: the version in force on a day is the
 * one with the latest effective date on or before it). `dueSoonDays`: a due visit is "due soon" when its window
 * ends within that many days.
 */
export type CareRules = { rules: TierRule[]; policies: Record<CareTier, VisitPolicy>; dueSoonDays: number };

/** The rules a community starts with: the example tiers of POLICY.md (Inner Mongolia 2022). */
export const DEFAULT_CARE_RULES: CareRules = {
  rules: [
    { tier: 'high', tagsAny: ['独居', '空巢'], minAge: 80 },
    { tier: 'high', tagsAny: ['重病'] },
    { tier: 'priority', tagsAny: ['失能/半失能', '残疾', '特困', '计生特殊家庭', '孤儿', '困境儿童', '留守儿童'] },
    { tier: 'regular', tagsAny: ['独居', '空巢', '高龄', '低保', '低保边缘'] },
  ],
  policies: {
    high: { period: 'week', contactKinds: ['home'] },
    priority: { period: 'month', contactKinds: ['home', 'video'] },
    regular: { period: 'quarter', contactKinds: ['home', 'phone', 'video'] },
  },
  dueSoonDays: 2,
};

const TIER_ORDER: Record<CareTier, number> = { high: 0, priority: 1, regular: 2 };

/**
 * The tier a person falls in under `rules` from their tags and their age on `today` (YYYY-MM-DD): the highest tier
 * of any rule they match; null when they match none (not a care recipient). A rule with `minAge` needs a known birth.
 */
export function computeTier(rules: CareRules, person: { tags: readonly string[]; birth: string | null }, today: string): CareTier | null {
  const tags = new Set(person.tags);
  const age = person.birth ? ageOn(person.birth, today) : null;
  let best: CareTier | null = null;
  for (const r of rules.rules) {
    if (r.tagsAll && !r.tagsAll.every((t) => tags.has(t))) continue;
    if (r.tagsAny && r.tagsAny.length && !r.tagsAny.some((t) => tags.has(t))) continue;
    if (r.minAge !== undefined && (age === null || age < r.minAge)) continue;
    if (!r.tagsAll?.length && !r.tagsAny?.length && r.minAge === undefined) continue; // a rule that names nothing matches no one
    if (best === null || TIER_ORDER[r.tier] < TIER_ORDER[best]) best = r.tier;
  }
  return best;
}

/** The version in force on `day` (YYYY-MM-DD): the latest `effectiveFrom` on or before it; null when none yet. */
export function versionInForce<T extends { effectiveFrom: string }>(versions: readonly T[], day: string): T | null {
  let found: T | null = null;
  for (const v of versions) if (v.effectiveFrom <= day && (!found || v.effectiveFrom > found.effectiveFrom)) found = v;
  return found;
}

/** Whether a contact of `kind` counts as a visit for a tier under a policy version. */
export function contactCounts(policy: VisitPolicy, kind: ContactKind): boolean {
  return policy.contactKinds.includes(kind);
}

const DAY_MS = 24 * 3600 * 1000;
const addDays = (isoDate: string, n: number) => new Date(Date.parse(`${isoDate}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/**
 * The routine window of a period that contains `day` (YYYY-MM-DD, China time): a calendar week from Monday, a
 * calendar month or a calendar quarter. `opensAt` is 00:00 China time of its first day; `closesAt` 00:00 China time
 * of the day after its last day (an exclusive end: a visit at 23:59:59 of the last day is in time).
 */
export function periodWindow(period: VisitPeriod, day: string): { opensAt: Date; closesAt: Date; firstDay: string; lastDay: string } {
  const [y, m] = day.split('-').map(Number) as [number, number];
  let firstDay: string;
  let nextFirst: string;
  if (period === 'week') {
    const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
    firstDay = addDays(day, -weekday);
    nextFirst = addDays(firstDay, 7);
  } else {
    const months = period === 'month' ? 1 : 3;
    const startMonth = period === 'month' ? m : Math.floor((m - 1) / 3) * 3 + 1;
    firstDay = `${y}-${String(startMonth).padStart(2, '0')}-01`;
    const nm = startMonth + months;
    nextFirst = nm > 12 ? `${y + 1}-${String(nm - 12).padStart(2, '0')}-01` : `${y}-${String(nm).padStart(2, '0')}-01`;
  }
  return { opensAt: chinaDayStart(firstDay), closesAt: chinaDayStart(nextFirst), firstDay, lastDay: addDays(nextFirst, -1) };
}

/** A major change's window: open from when it was recorded, overdue 24 hours later (POLICY.md, high risk). */
export function majorChangeWindow(recordedAt: Date): { opensAt: Date; closesAt: Date } {
  return { opensAt: recordedAt, closesAt: new Date(recordedAt.getTime() + DAY_MS) };
}

/** A same-day task (a missed meal of someone living alone): open now, overdue at the end of this China day. */
export function sameDayWindow(at: Date): { opensAt: Date; closesAt: Date } {
  return { opensAt: at, closesAt: chinaDayEnd(chinaDate(at)) };
}

/** A weather or festival period's window: from 00:00 of its first day to the end of its last day, China time. */
export function daysWindow(firstDay: string, lastDay: string): { opensAt: Date; closesAt: Date } {
  return { opensAt: chinaDayStart(firstDay), closesAt: chinaDayEnd(lastDay) };
}

/**
 * A window's end as people read it, in China time to the minute: a window closing at 00:00 ends "24:00" of its last
 * day (2026-11-30 24:00, not 2026-12-01 00:00), so the day written is the last day a visit is on time. The one
 * wording of every place that says when a visit is due: the roster, a person's page, the phone app and the notices
 * (the app wrote 12-01 00:00 where the roster wrote 11-30 24:00, found from outside).
 */
export function windowEndText(closesAt: Date): string {
  const s = chinaDateTime(closesAt);
  if (s.endsWith(' 00:00:00')) return `${chinaDateTime(new Date(closesAt.getTime() - 1)).slice(0, 10)} 24:00`;
  return s.slice(0, 16);
}

/** When a window becomes "due soon": `days` whole days before it closes (never before it opens). */
export function dueSoonAt(w: { opensAt: Date; closesAt: Date }, days: number): Date {
  return new Date(Math.max(w.opensAt.getTime(), w.closesAt.getTime() - days * DAY_MS));
}

export const WINDOW_STATES = ['upcoming', 'due', 'due_soon', 'overdue', 'visited', 'visited_late'] as const;
export type WindowState = (typeof WINDOW_STATES)[number];

/**
 * A window's state at `now` (the written definitions the pages show, help text `care.definitions`):
 * - upcoming: it has not opened yet (now < opensAt);
 * - due: open and not yet visited (opensAt ≤ now < closesAt);
 * - due_soon: due, and it closes within `dueSoonDays` days (now ≥ closesAt − dueSoonDays days);
 * - overdue: not visited and its end has passed (now ≥ closesAt);
 * - visited: a counting visit at or after it opened and before it closed (on time);
 * - visited_late: the counting visit came after it closed.
 */
export function windowState(w: { opensAt: Date; closesAt: Date; visitedAt: Date | null }, now: Date, dueSoonDays: number): WindowState {
  if (w.visitedAt) return w.visitedAt < w.closesAt ? 'visited' : 'visited_late';
  if (now < w.opensAt) return 'upcoming';
  if (now >= w.closesAt) return 'overdue';
  return now >= dueSoonAt(w, dueSoonDays) ? 'due_soon' : 'due';
}

/** The China-time month (YYYY-MM) a window is counted in: the month of its last moment. */
export function windowMonth(w: { closesAt: Date }): string {
  return chinaDate(new Date(w.closesAt.getTime() - 1)).slice(0, 7);
}

export type TierRate = { tier: CareTier; due: number; onTime: number; rate: number | null };

/**
 * The monthly visit rate per tier (探访率), the figure of the 2022 guidance: for the windows counted in `month`
 * (YYYY-MM, the month their end falls in), visited on time ÷ due, where "due" counts the windows whose end has
 * passed by `now` plus those already visited (a window still open and not yet visited is not yet due or missed).
 * `rate` is null when nothing was due.
 */
export function monthlyVisitRates(windows: readonly { tier: CareTier; opensAt: Date; closesAt: Date; visitedAt: Date | null }[], month: string, now: Date): TierRate[] {
  return CARE_TIERS.map((tier) => {
    const mine = windows.filter((w) => w.tier === tier && windowMonth(w) === month && (w.visitedAt !== null || now >= w.closesAt));
    const onTime = mine.filter((w) => w.visitedAt !== null && w.visitedAt < w.closesAt).length;
    return { tier, due: mine.length, onTime, rate: mine.length ? onTime / mine.length : null };
  });
}
