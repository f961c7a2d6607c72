// Volunteer service rules (issue 17, decision 036). Pure: no I/O, no clocks. Sources in /work/shared/POLICY.md.

import { ageOn } from '../residents/register.ts';

export const TEAM_MEMBER_STATUSES = ['applied', 'member', 'declined', 'left'] as const;
export type TeamMemberStatus = (typeof TEAM_MEMBER_STATUSES)[number];

export const ACTIVITY_STATUSES = ['draft', 'published', 'closed', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

export const SIGNUP_STATUSES = ['confirmed', 'waiting', 'cancelled'] as const;
export type SignupStatus = (typeof SIGNUP_STATUSES)[number];

/** How a check-in or check-out was recorded. 'auto': the worker checked a forgotten volunteer out at shift end + grace. */
export const ATTENDANCE_METHODS = ['scan', 'leader', 'walk_up', 'auto'] as const;
export type AttendanceMethod = (typeof ATTENDANCE_METHODS)[number];

/**
 * Evidence behind an hour record, strongest first: scanned in and out on time; confirmed by the leader (checked in
 * from the list, a walk-up, a forgotten check-out); entered afterwards. 《志愿服务记录与证明出具办法（试行）》
 * (民政部令第67号): records true, accurate, complete, timely — so the record says what stands behind it.
 */
export const EVIDENCE_LEVELS = ['scanned', 'leader', 'afterwards'] as const;
export type EvidenceLevel = (typeof EVIDENCE_LEVELS)[number];

/** The evidence levels whose approved hours count toward stars and certificates (the top two; decision 036). */
export const STAR_EVIDENCE: readonly EvidenceLevel[] = ['scanned', 'leader'];

/** Common star levels: 100 / 300 / 600 / 1,000 / 1,500 hours → one to five stars (POLICY.md; a community may set its own). */
export const DEFAULT_STAR_HOURS = [100, 300, 600, 1000, 1500] as const;

export type RoundingRule = { unitMinutes: number; mode: 'down' | 'nearest' | 'up' };

/**
 * Minutes served within the shift: the overlap of [checkIn, checkOut] with [shiftStart, shiftEnd], rounded to the
 * community's unit. Time before the shift or after it (travel, waiting) does not count: 《志愿服务记录与证明出具办法
 * （试行）》 — service hours are the time actually served, travel excluded.
 */
export function countedMinutes(checkIn: Date, checkOut: Date, shiftStart: Date, shiftEnd: Date, rule: RoundingRule): number {
  const from = Math.max(checkIn.getTime(), shiftStart.getTime());
  const to = Math.min(checkOut.getTime(), shiftEnd.getTime());
  return roundMinutes(Math.max(0, (to - from) / 60_000), rule);
}

/** Rounds minutes to the community's unit (down, to the nearest, or up). A unit of 1 keeps whole minutes (down). */
export function roundMinutes(minutes: number, rule: RoundingRule): number {
  const unit = Math.max(1, Math.floor(rule.unitMinutes));
  const f = rule.mode === 'up' ? Math.ceil : rule.mode === 'nearest' ? Math.round : Math.floor;
  return f(minutes / unit) * unit;
}

/** Stars from approved hours: the number of thresholds reached, and the next threshold with the hours still to go. */
export function starLevel(hours: number, thresholds: readonly number[] = DEFAULT_STAR_HOURS) {
  const sorted = [...thresholds].sort((a, b) => a - b);
  const stars = sorted.filter((t) => hours >= t).length;
  const next = sorted[stars] ?? null;
  const previous = stars > 0 ? sorted[stars - 1]! : 0;
  return { stars, hours, next, toNext: next === null ? 0 : Math.max(0, next - hours), progress: next === null ? 1 : Math.min(1, (hours - previous) / (next - previous)) };
}

/**
 * Whether a person may be registered as a volunteer at their age. 团中央《中国注册志愿者管理办法》: 18 or over;
 * 14 to 17 with a guardian's consent; younger people are not registered. 《志愿服务条例》 art. 15: tasks suited to
 * the volunteer's age (the activity's age floor is checked at sign-up).
 */
export function volunteerAgeGate(birth: string | null, today: string): 'adult' | 'needsGuardian' | 'tooYoung' | 'unknown' {
  if (!birth) return 'unknown';
  const age = ageOn(birth, today);
  if (age >= 18) return 'adult';
  if (age >= 14) return 'needsGuardian';
  return 'tooYoung';
}

/**
 * The age from which a volunteer may take part in a risky activity (one flagged as possibly physically dangerous:
 * 登高, 水上, 交通疏导 …). 《志愿服务条例》 art. 15: tasks suited to the volunteer's age, skills and health; a minor
 * volunteers with a guardian's consent (团中央《中国注册志愿者管理办法》), which covers ordinary service, not danger.
 * The product's rule (decision 071): a risky activity is for adults only, whatever its own age floor says.
 */
export const RISKY_MIN_AGE = 18;

/**
 * A scan this soon after checking in (minutes) does not check out without the volunteer's explicit confirmation: a
 * second scan at the shift's start (the code read twice, a double tap) checked the person out with no warning (issue
 * 17's outside trial, decision 071).
 */
export const SCAN_OUT_CONFIRM_MINUTES = 10;

/** The 30-second step a moment falls in (the shift's QR code changes with it). */
export const QR_STEP_MS = 30_000;
export function qrStep(at: Date): number {
  return Math.floor(at.getTime() / QR_STEP_MS);
}

/**
 * The bounds of a shift and of service recorded afterwards (decision 058; issue 17's outside trial published a shift
 * of 51 days, 2026-12-10 13:00 → 2027-01-30 15:00, whose automatic check-out could have counted ~1,200 hours, and
 * shifts in 2025 and in 9999). A shift is a stretch of service within a day or a night: at most SHIFT_MAX_HOURS; an
 * activity over several days has a shift per day. It starts after the moment it is created (a shift already begun
 * cannot be signed up for: that is a record, entered afterwards) and at most SHIFT_AHEAD_DAYS ahead (a plan a year
 * away is a typing slip). Hours entered afterwards: at most SHIFT_MAX_HOURS, ended by now, and begun at most
 * HOURS_BACK_DAYS ago (《志愿服务记录与证明出具办法（试行）》: records timely; older service goes through a reversal
 * or the office's own records, not a typed entry).
 */
export const SHIFT_MAX_HOURS = 24;
export const SHIFT_AHEAD_DAYS = 366;
export const HOURS_BACK_DAYS = 366;

/** What is wrong with a shift's times, judged at `now`, and which field says so; null when they hold (decision 058). */
export function shiftTimesProblem(startsAt: Date, endsAt: Date, now: Date): { problem: 'time' | 'tooLong' | 'past' | 'far'; field: 'startsAt' | 'endsAt' } | null {
  const span = endsAt.getTime() - startsAt.getTime();
  if (startsAt.getTime() <= now.getTime()) return { problem: 'past', field: 'startsAt' };
  if (startsAt.getTime() > now.getTime() + SHIFT_AHEAD_DAYS * 86_400_000) return { problem: 'far', field: 'startsAt' };
  if (span <= 0) return { problem: 'time', field: 'endsAt' };
  if (span > SHIFT_MAX_HOURS * 3600_000) return { problem: 'tooLong', field: 'endsAt' };
  return null;
}

/** What is wrong with the times of service entered afterwards, judged at `now`; null when they hold (decision 058). */
export function servedTimesProblem(servedFrom: Date, servedTo: Date, now: Date): { problem: 'time' | 'tooLong' | 'future' | 'tooOld'; field: 'servedFrom' | 'servedTo' } | null {
  const span = servedTo.getTime() - servedFrom.getTime();
  if (span <= 0) return { problem: 'time', field: 'servedTo' };
  if (servedTo.getTime() > now.getTime()) return { problem: 'future', field: 'servedTo' };
  if (span > SHIFT_MAX_HOURS * 3600_000) return { problem: 'tooLong', field: 'servedTo' };
  if (servedFrom.getTime() < now.getTime() - HOURS_BACK_DAYS * 86_400_000) return { problem: 'tooOld', field: 'servedFrom' };
  return null;
}

/**
 * The default name of a community's volunteer honour, after the community (金元社区 → 金元之星, 碧海社区 → 碧海之星),
 * so the seed community's name does not appear in every community (found from outside). Input: the community's name.
 */
export function communityStarTitle(communityName: string): string {
  const short = communityName.trim().replace(/社区$/, '');
  return `${short || communityName.trim()}之星`;
}
