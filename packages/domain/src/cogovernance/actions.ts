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

/**
 * 承诺兑现率: occurrences delivered of those promised whose time has come (delivered + missed), in percent with one
 * decimal; null when nothing was due yet. Cancelled occurrences (by the community: weather, a holiday) are not
 * promises.
 */
export function promiseRate(occurrences: { status: 'scheduled' | 'delivered' | 'missed' | 'cancelled'; startsAt: Date }[], now: Date): number | null {
  let due = 0;
  let kept = 0;
  for (const o of occurrences) {
    if (o.status === 'cancelled') continue;
    if (o.status === 'delivered') {
      due++;
      kept++;
    } else if (o.status === 'missed' || o.startsAt.getTime() < now.getTime() - 24 * 3600 * 1000) {
      // An occurrence a day past its start without a check-in counts as missed, whether or not anyone marked it.
      due++;
    }
  }
  if (!due) return null;
  return Math.round((kept / due) * 1000) / 10;
}
