/**
 * Decisions tracked until done (issue 18): action items with owners, weighted sub-items, and a partner unit's
 * promises kept. Pure.
 *
 * Source: 中办发〔2015〕41号《关于加强城乡社区协商的意见》 (POLICY.md): consultation outcomes are adopted, implemented and
 * fed back; 四议两公开 ends with 实施结果公开 (the result made public).
 */

/** Who owns an action item: a staff member, a team (volunteer team or committee group), a partner unit, a department. */
export const ACTION_OWNER_KINDS = ['staff', 'team', 'partner_unit', 'department'] as const;
export type ActionOwnerKind = (typeof ACTION_OWNER_KINDS)[number];

/** A decision's life after the vote: published for objections (决议公开), then a project, then done (结果公开). */
export const DECISION_STATUSES = ['notice', 'in_progress', 'done'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

/**
 * An item's progress from its sub-items: the weighted mean of their progress (percent, 0–100), rounded down so that
 * 100 means every sub-item is done. Without sub-items (or with zero total weight) its own progress stands.
 */
export function weightedProgress(own: number, subItems: { weight: number; progress: number }[]): number {
  const total = subItems.reduce((s, i) => s + Math.max(0, i.weight), 0);
  if (!subItems.length || total <= 0) return own;
  const sum = subItems.reduce((s, i) => s + Math.max(0, i.weight) * clampPercent(i.progress), 0);
  return Math.floor(sum / total);
}

export const clampPercent = (n: number) => Math.min(100, Math.max(0, Math.round(n)));

/** A decision's progress: the plain mean of its top-level items (each already weighted by its sub-items). */
export function decisionProgress(items: number[]): number {
  if (!items.length) return 0;
  return Math.floor(items.reduce((s, p) => s + p, 0) / items.length);
}

/** Working days of grace after an action item's due time before it is reported to the street (configurable later). */
export const ACTION_REPORT_GRACE_DAYS = 2;

type OccurrenceState = { status: 'scheduled' | 'delivered' | 'missed' | 'cancelled'; startsAt: Date };

/**
 * What a unit promised and kept, counted the one way every figure of it uses (the page's 应履约场次 and 已服务场次
 * are the numbers 承诺兑现率 divides: a count of every generated occurrence beside a rate of the due ones read as a
 * contradiction, found from outside). `due`: delivered, or missed (marked, or a day past its start without a
 * check-in); `kept`: delivered; `upcoming`: scheduled and not yet due. Cancelled occurrences (by the community:
 * weather, a holiday) are no promise.
 */
export function promiseCounts(occurrences: readonly OccurrenceState[], now: Date) {
  let due = 0;
  let kept = 0;
  let upcoming = 0;
  for (const o of occurrences) {
    const status = occurrenceStatus(o, now);
    if (status === 'cancelled') continue;
    if (status === 'scheduled') upcoming++;
    else {
      due++;
      if (status === 'delivered') kept++;
    }
  }
  return { due, kept, upcoming };
}

/**
 * An occurrence's status as every figure and report counts it: one a day past its start without a check-in is
 * missed, whether or not anyone marked it (a report listed it 待服务 while counting it 未履约).
 */
export function occurrenceStatus(o: OccurrenceState, now: Date): OccurrenceState['status'] {
  return o.status === 'scheduled' && o.startsAt.getTime() < now.getTime() - 24 * 3600 * 1000 ? 'missed' : o.status;
}

/**
 * 承诺兑现率: occurrences delivered of those promised whose time has come (promiseCounts' kept of due), in percent
 * with one decimal; null when nothing was due yet.
 */
export function promiseRate(occurrences: readonly OccurrenceState[], now: Date): number | null {
  return rateOfCounts(promiseCounts(occurrences, now));
}

/** promiseRate from counts already made (promiseCounts): kept of due in percent, one decimal; null when none was due. */
export function rateOfCounts({ due, kept }: { due: number; kept: number }): number | null {
  return due ? Math.round((kept / due) * 1000) / 10 : null;
}

/** Partner unit kinds: enterprise, public institution, social organisation, individual business, a unit's party organisation. */
export const PARTNER_UNIT_KINDS = ['enterprise', 'institution', 'social_org', 'individual_business', 'party_org'] as const;
export type PartnerUnitKind = (typeof PARTNER_UNIT_KINDS)[number];
/** The largest partner-unit file taken by the committee's import (2 MB: 2,000 rows of units fit in far less). */
export const PARTNER_FILE_MAX_BYTES = 2 * 1024 * 1024;

/** The Chinese names of the kinds as an Excel roster writes them (import). */
export const PARTNER_KIND_NAMES: Record<string, PartnerUnitKind> = {
  企业: 'enterprise',
  事业单位: 'institution',
  机关事业单位: 'institution',
  社会组织: 'social_org',
  个体工商户: 'individual_business',
  个体户: 'individual_business',
  商户: 'individual_business',
  单位党组织: 'party_org',
  党组织: 'party_org',
};

export const OCCURRENCE_STATUSES = ['scheduled', 'delivered', 'missed', 'cancelled'] as const;
export type OccurrenceStatus = (typeof OCCURRENCE_STATUSES)[number];

/** A recurrence: every week on a weekday (`weekly:<1-7>`), or the n-th weekday of each month (`monthly:<n>:<1-7>`), 7 = Sunday. */
export function parseRecurrence(rule: string): { kind: 'weekly'; weekday: number } | { kind: 'monthly'; nth: number; weekday: number } | null {
  let m = /^weekly:([1-7])$/.exec(rule);
  if (m) return { kind: 'weekly', weekday: Number(m[1]) };
  m = /^monthly:([1-5]):([1-7])$/.exec(rule);
  if (m) return { kind: 'monthly', nth: Number(m[1]), weekday: Number(m[2]) };
  return null;
}

/**
 * The days a recurrence falls on between two calendar days (YYYY-MM-DD, both included), at `startTime` (HH:MM,
 * China time), as instants. A month without an n-th such weekday (a fifth Saturday) has no occurrence.
 */
export function occurrencesBetween(rule: string, startTime: string, from: string, to: string): Date[] {
  const r = parseRecurrence(rule);
  const t = /^(\d{2}):(\d{2})$/.exec(startTime);
  if (!r || !t) return [];
  const out: Date[] = [];
  const day = new Date(`${from}T00:00:00Z`);
  const end = new Date(`${to}T00:00:00Z`);
  for (; day.getTime() <= end.getTime(); day.setUTCDate(day.getUTCDate() + 1)) {
    const weekday = day.getUTCDay() === 0 ? 7 : day.getUTCDay();
    if (weekday !== r.weekday) continue;
    if (r.kind === 'monthly' && Math.ceil(day.getUTCDate() / 7) !== r.nth) continue;
    const iso = day.toISOString().slice(0, 10);
    out.push(new Date(`${iso}T${t[1]}:${t[2]}:00+08:00`));
  }
  return out;
}

/**
 * The occurrences of a post still to come at `now` (decision 074): an occurrence is a promise made ahead, so none is
 * generated to start at or before `now` (one generated in the past counts as promised at once, and is recorded
 * delivered or missed at once, with nobody told). A claim starts today at the earliest (claimStartTooEarly).
 */
export function occurrencesAhead(rule: string, startTime: string, from: string, to: string, now: Date): Date[] {
  return occurrencesBetween(rule, startTime, from, to).filter((at) => at.getTime() > now.getTime());
}

/** How early before its start an occurrence may be checked in (its code) or recorded as delivered: people set up early. */
export const OCCURRENCE_EARLY_MINUTES = 120;

/**
 * The first instant an occurrence starting at `startsAt` may be recorded with `status` (decision 074, as decision 062
 * for a meeting's record): delivered from OCCURRENCE_EARLY_MINUTES before the start (as its check-in code), missed
 * from the start; null for cancelled (the community may call one off ahead). An outcome recorded before the occurrence
 * happened counted in the unit's 承诺兑现率 at once.
 */
export function occurrenceRecordOpensAt(status: 'delivered' | 'missed' | 'cancelled', startsAt: Date): Date | null {
  if (status === 'cancelled') return null;
  return status === 'delivered' ? new Date(startsAt.getTime() - OCCURRENCE_EARLY_MINUTES * 60_000) : startsAt;
}

/** Whether a claim from `claimedOn` (YYYY-MM-DD) starts before `today` (YYYY-MM-DD, China time) (decision 074). */
export function claimStartTooEarly(claimedOn: string, today: string): boolean {
  return claimedOn < today;
}

/**
 * The most people one occurrence of a post may be recorded as serving (decision 062): twice its places — people
 * come without booking to a free clinic or a haircut day — or PEOPLE_SERVED_OPEN_MAX for a post without a limit.
 * 99,999 for a post of 20 places (an outside trial) is a slip of the keyboard that would make the unit's yearly
 * report say so.
 */
export const PEOPLE_SERVED_PER_PLACE = 2;
export const PEOPLE_SERVED_OPEN_MAX = 500;
export function peopleServedMax(capacity: number | null): number {
  return capacity && capacity > 0 ? capacity * PEOPLE_SERVED_PER_PLACE : PEOPLE_SERVED_OPEN_MAX;
}

/**
 * How far ahead a post's occurrences are generated (生成场次, and at a claim): the next three months. Dates come from
 * the recurrence alone (the second Saturday of each month is one in 2027 as in 2026): the official working calendar,
 * whose next year is published in November, plays no part, so generation crosses the year end without it; an
 * occurrence that falls on a holiday the community keeps is cancelled by hand (decision 062).
 */
export const OCCURRENCE_MONTHS_AHEAD = 3;

/** The last day (YYYY-MM-DD) occurrences are generated to from `today`: the same day `months` later, or that month's last day. */
export function occurrenceHorizon(today: string, months = OCCURRENCE_MONTHS_AHEAD): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
