import { addWorkingTime, type WorkingCalendar, type WorkingHours, workingDayMs } from '../time/working-calendar.ts';

/**
 * Time limits on a case: to accept (community), to resolve (community), and to resolve at each escalation level.
 * Only one resolve-kind deadline runs at a time: the one of the level holding the case.
 */
export const DEADLINE_KINDS = ['accept', 'resolve', 'street', 'department'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];
export const DEADLINE_STATES = ['running', 'paused', 'met', 'breached', 'cancelled'] as const;
export type DeadlineState = (typeof DEADLINE_STATES)[number];

/** A resolved policy: every field set. Hours and days are working hours and working days. */
export type SlaPolicy = {
  acceptHours: number;
  resolveDays: number;
  streetDays: number;
  departmentDays: number;
  reminderFractions: number[];
  hours: WorkingHours;
};

/** Platform defaults, overridden by the district, then the community, then per category. */
export const DEFAULT_SLA: SlaPolicy = {
  acceptHours: 8,
  resolveDays: 5,
  streetDays: 5,
  departmentDays: 10,
  reminderFractions: [0.5, 0.8],
  hours: { startMinute: 9 * 60, endMinute: 17 * 60 + 30 },
};

export type SlaOverride = { [K in keyof Omit<SlaPolicy, 'hours'>]?: SlaPolicy[K] | null } & { workStartMinute?: number | null; workEndMinute?: number | null };

/** Applies overrides from least to most specific; null or undefined fields keep what was there. */
export function resolveSla(overrides: SlaOverride[]): SlaPolicy {
  const policy: SlaPolicy = { ...DEFAULT_SLA, hours: { ...DEFAULT_SLA.hours }, reminderFractions: [...DEFAULT_SLA.reminderFractions] };
  for (const o of overrides) {
    if (o.acceptHours != null) policy.acceptHours = o.acceptHours;
    if (o.resolveDays != null) policy.resolveDays = o.resolveDays;
    if (o.streetDays != null) policy.streetDays = o.streetDays;
    if (o.departmentDays != null) policy.departmentDays = o.departmentDays;
    if (o.reminderFractions != null) policy.reminderFractions = [...o.reminderFractions].filter((f) => f > 0 && f < 1).sort();
    if (o.workStartMinute != null) policy.hours.startMinute = o.workStartMinute;
    if (o.workEndMinute != null) policy.hours.endMinute = o.workEndMinute;
  }
  return policy;
}

/** The working time a kind of deadline allows under a policy. */
export function allowedWorkingMs(policy: SlaPolicy, kind: DeadlineKind): number {
  switch (kind) {
    case 'accept':
      return policy.acceptHours * 3600 * 1000;
    case 'resolve':
      return policy.resolveDays * workingDayMs(policy.hours);
    case 'street':
      return policy.streetDays * workingDayMs(policy.hours);
    case 'department':
      return policy.departmentDays * workingDayMs(policy.hours);
  }
}

export type DeadlinePlan = { dueAt: Date; remindAt: Date[]; provisional: boolean };

/**
 * When a deadline falls due and when to remind, counting `remainingMs` of working time from `from` (a fresh
 * deadline: the whole allowance; a resumed one: what was left). Reminders lie at the policy's fractions of the
 * whole allowance, and only those still ahead are kept.
 */
export function planDeadline(calendar: WorkingCalendar, policy: SlaPolicy, from: Date, allowedMs: number, remainingMs = allowedMs): DeadlinePlan {
  const due = addWorkingTime(calendar, policy.hours, from, remainingMs);
  const used = allowedMs - remainingMs;
  let provisional = due.provisional;
  const remindAt: Date[] = [];
  for (const fraction of policy.reminderFractions) {
    const at = fraction * allowedMs - used;
    if (at <= 0) continue;
    const r = addWorkingTime(calendar, policy.hours, from, at);
    provisional ||= r.provisional;
    remindAt.push(r.at);
  }
  return { dueAt: due.at, remindAt, provisional };
}

/** The deadline a status puts on the holder: which kind runs while a case sits in that status. */
export function deadlineKindFor(status: string, accepted: boolean): DeadlineKind | null {
  switch (status) {
    case 'submitted':
      return 'accept';
    case 'accepted':
      return accepted ? 'resolve' : 'accept';
    case 'escalated':
    case 'review':
      return 'street';
    case 'forwarded':
      return 'department';
    default:
      return null;
  }
}
