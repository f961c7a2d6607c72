import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import { careHandovers, carePeriods, careRecipients, careRuleSets, careVisits, careWindows, residents, type Tx } from '@shequ/db';
import { type CareRules, type CareTier, chinaDate, daysWindow, DEFAULT_CARE_RULES, dueSoonAt, versionInForce, type WindowReason } from '@shequ/domain';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { settleDeadlines, startSubjectDeadline } from '../deadlines/store.ts';

// The building blocks visiting care's use cases share (decision 039). Not use cases themselves.

/** The deadline subject type of a visit window (decision 026): one deadline `visit` per window, due at its end. */
export const CARE_WINDOW_SUBJECT = 'care_window';

/** The community a staff caller acts in. */
export function careCommunityOf(caller: StaffCaller): string {
  const tenantId = caller.actor.workspace.tenantId;
  if (!tenantId) throw new UseCaseError('care.notFound');
  return tenantId;
}

export type RuleVersion = { id: string | null; effectiveFrom: string; rules: CareRules; note: string | null; createdAt: Date | null };

/**
 * Every version of the community's care rules, oldest first. Before a community saves its own, the defaults
 * (DEFAULT_CARE_RULES: POLICY.md's example tiers) are in force from the beginning of time (id null).
 */
export async function careRuleVersions(tx: Tx, tenantId: string): Promise<RuleVersion[]> {
  const rows = await tx.select().from(careRuleSets).where(eq(careRuleSets.tenantId, tenantId)).orderBy(asc(careRuleSets.effectiveFrom));
  const base: RuleVersion = { id: null, effectiveFrom: '0000-01-01', rules: DEFAULT_CARE_RULES, note: null, createdAt: null };
  return [base, ...rows.map((r) => ({ id: r.id, effectiveFrom: r.effectiveFrom, rules: r.rules, note: r.note, createdAt: r.createdAt }))];
}

/** The version in force on a China-time day. */
export function rulesOnDay(versions: RuleVersion[], day: string): RuleVersion {
  return versionInForce(versions, day) ?? versions[0]!;
}

/** The tier that counts: staff's override when there is one, else the computed one. */
export const effectiveTier = (r: { overrideTier: string | null; computedTier: string | null }) => (r.overrideTier ?? r.computedTier) as CareTier | null;

export type NewWindow = {
  tenantId: string;
  residentId: string;
  tier: CareTier;
  reason: WindowReason;
  opensAt: Date;
  closesAt: Date;
  countsKinds: string[];
  ruleSetId?: string | null;
  eventId?: string | null;
  periodId?: string | null;
  sourceKey?: string | null;
  dueSoonDays: number;
};

/**
 * Opens a visit window unless the same one exists (a routine window per recipient and period start; one per major
 * change, period or source key), and starts its timer (decision 026, calendar time): due at the window's end, with a
 * "due soon" reminder `dueSoonDays` before it. A window opened after a counting visit already made inside it (the
 * sweep opens a period's window minutes after 00:00; a tier changed after this week's visit gives a new routine
 * window) is met by that visit at once, on time, and starts no timer (decision 070: a visit meets every window it
 * falls in). Returns the new window's id, or null when it existed already.
 */
export async function openCareWindow(tx: Tx, w: NewWindow, now: Date): Promise<string | null> {
  const [row] = await tx
    .insert(careWindows)
    .values({
      tenantId: w.tenantId,
      residentId: w.residentId,
      tier: w.tier,
      reason: w.reason,
      opensAt: w.opensAt,
      closesAt: w.closesAt,
      countsKinds: w.countsKinds,
      ruleSetId: w.ruleSetId ?? null,
      eventId: w.eventId ?? null,
      periodId: w.periodId ?? null,
      sourceKey: w.sourceKey ?? null,
      // When it was opened, on the caller's clock: a weather or festival window counts visits from then (decision 078).
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: careWindows.id });
  if (!row) return null;
  // A weather or festival period asks one visit more, made once it is declared (decision 078): no earlier visit meets it.
  const added = w.reason === 'weather' || w.reason === 'festival';
  const [earlier] = added ? [] : await tx
    .select({ id: careVisits.id, visitedAt: careVisits.visitedAt })
    .from(careVisits)
    .where(
      and(
        eq(careVisits.tenantId, w.tenantId),
        eq(careVisits.residentId, w.residentId),
        gte(careVisits.visitedAt, w.opensAt),
        lt(careVisits.visitedAt, w.closesAt),
        inArray(careVisits.kind, w.countsKinds),
        // Nobody seen is an attempt that meets no window (decision 067); visits from before 067 have no `seen`.
        sql`${careVisits.seen} is distinct from 'nobody'`,
      ),
    )
    .orderBy(asc(careVisits.visitedAt))
    .limit(1);
  if (earlier) {
    await tx.update(careWindows).set({ visitId: earlier.id, visitedAt: earlier.visitedAt }).where(and(eq(careWindows.tenantId, w.tenantId), eq(careWindows.id, row.id)));
    return row.id;
  }
  if (w.closesAt > now) {
    const soon = dueSoonAt(w, w.dueSoonDays);
    const remindAt = soon > now && soon < w.closesAt ? [soon] : [];
    await startSubjectDeadline(tx, {
      subject: { tenantId: w.tenantId, type: CARE_WINDOW_SUBJECT, id: row.id },
      kind: 'visit',
      holderOrgUnitId: w.tenantId,
      now,
      // deadlines.allowed_ms is an integer column (about 24.8 days at most): a quarter's window is recorded at that cap.
      // It is informational for calendar-time subjects (only cases recompute from it); the due time is the window's end.
      allowedMs: Math.min(2_147_483_647, w.closesAt.getTime() - Math.max(now.getTime(), w.opensAt.getTime())),
      plan: { dueAt: w.closesAt, remindAt, provisional: false },
    });
  }
  return row.id;
}

/**
 * Opens a recipient's routine window for the period `w` (opensAt..closesAt: the period of today under the policy in
 * force) so that the routine windows follow one another without a gap across policy versions and tiers (decision 073):
 * - no routine window starts where the period starts: the period's window, as openCareWindow (a tier changed
 *   mid-period gets its window at once, decision 070);
 * - one does (a window of an earlier version or tier): the routine windows that started in the period decide.
 *   - One ends where the period ends (the period's own window, or the rest of it after an earlier one): nothing.
 *   - One runs past the period's end: a longer window of the earlier tier or version covers the period (priority,
 *     monthly, raised to high risk, weekly, on the Wednesday of a month that began on a Monday; a policy made
 *     monthly mid-quarter). The new frequency owes its visit **from the raise**: a window from now (or from the last
 *     visit of the period by a contact that counts under the policy in force, which meets it) to the period's end.
 *     Before, nothing opened: the person was due only by the old window's end, neither due nor overdue under the new
 *     frequency for that first period (found in review, left by decision 073).
 *   - All end before the period's end (e.g. October's monthly window when the tier went quarterly on 20 October —
 *     the quarter's window could not open, both starting 1 October, and the person was neither due nor covered from
 *     1 November to the end of the year, found from outside): the period is covered up to the latest of their ends.
 *     Up to a moment still ahead: nothing yet (that window runs; a sweep after its end opens the rest). Up to a moment
 *     past: the rest of the period is a window **from where the last one ended** to the period's end, or **from the
 *     last visit** when the person was seen in the period before that end by a contact that counts under the policy
 *     in force (the window then starts at that visit and is met by it: a quarter asks one visit, and they had it).
 * Returns the new window's id, or null when none was opened.
 */
export async function openRoutineWindow(tx: Tx, w: NewWindow, now: Date): Promise<string | null> {
  const routine = and(eq(careWindows.tenantId, w.tenantId), eq(careWindows.residentId, w.residentId), eq(careWindows.reason, 'routine'));
  const [same] = await tx.select({ id: careWindows.id }).from(careWindows).where(and(routine, eq(careWindows.opensAt, w.opensAt))).limit(1);
  if (!same) return openCareWindow(tx, w, now);
  const started = await tx
    .select({ closesAt: careWindows.closesAt })
    .from(careWindows)
    .where(and(routine, gte(careWindows.opensAt, w.opensAt), lt(careWindows.opensAt, w.closesAt)));
  if (started.some((x) => x.closesAt.getTime() === w.closesAt.getTime())) return null;
  const end = new Date(Math.max(w.opensAt.getTime(), ...started.map((x) => x.closesAt.getTime())));
  if (end > w.closesAt) {
    // A longer window covers the period: the new frequency's window from the raise (or the visit that meets it).
    if (now >= w.closesAt) return null;
    const seen = await lastCountingVisit(tx, w, w.opensAt, new Date(Math.max(now.getTime(), w.opensAt.getTime()) + 1));
    return openCareWindow(tx, { ...w, opensAt: seen ?? new Date(Math.max(now.getTime(), w.opensAt.getTime())) }, now);
  }
  if (end > now) return null;
  const seen = await lastCountingVisit(tx, w, w.opensAt, end);
  return openCareWindow(tx, { ...w, opensAt: seen ?? end }, now);
}

/** When the recipient was last seen from `from` to before `until` by a contact that counts for `w`, or null. */
async function lastCountingVisit(tx: Tx, w: NewWindow, from: Date, until: Date): Promise<Date | null> {
  const [seen] = await tx
    .select({ visitedAt: careVisits.visitedAt })
    .from(careVisits)
    .where(
      and(
        eq(careVisits.tenantId, w.tenantId),
        eq(careVisits.residentId, w.residentId),
        gte(careVisits.visitedAt, from),
        lt(careVisits.visitedAt, until),
        inArray(careVisits.kind, w.countsKinds),
        sql`${careVisits.seen} is distinct from 'nobody'`,
      ),
    )
    .orderBy(desc(careVisits.visitedAt))
    .limit(1);
  return seen?.visitedAt ?? null;
}

/** The recipient row of a person (locked when asked), or null when they are not on the roster. */
export async function recipientRow(tx: Tx, tenantId: string, residentId: string, lock = false) {
  const q = tx.select().from(careRecipients).where(and(eq(careRecipients.tenantId, tenantId), eq(careRecipients.residentId, residentId)));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

/**
 * How far ahead care's schedule days may be (a rule version's start, a weather or festival period's days): a year.
 * A day further ahead is a typing slip (2062 for 2026), not a plan.
 */
export const CARE_SCHEDULE_AHEAD_DAYS = 366;

/** The longest weather or festival period, in days (a season: extreme weather or a festival lasts days or weeks). */
export const CARE_PERIOD_MAX_DAYS = 92;

/** Today in China. */
export const chinaToday = (now: Date) => chinaDate(now);

/** Text of a SQL array of strings for `= any(...)`. */
export const textArray = (values: string[]) => sql`${`{${values.map((v) => `"${v.replace(/"/g, '')}"`).join(',')}}`}::text[]`;

/** The weather and festival periods of a community not yet over on `now`'s China day (their last day today or later). */
export function periodsNotOver(tx: Tx, tenantId: string, now: Date) {
  return tx
    .select({ id: carePeriods.id, kind: carePeriods.kind, firstDay: carePeriods.firstDay, lastDay: carePeriods.lastDay })
    .from(carePeriods)
    .where(and(eq(carePeriods.tenantId, tenantId), gte(carePeriods.lastDay, chinaDate(now))));
}

/**
 * Opens a high-risk recipient's window for each period given (a weather or festival period not yet over), as
 * declareCarePeriod opened them for the high-risk people of its day: one per person and period (a second call
 * opens nothing), the high tier's kinds of contact under the rules in force on the period's first day. Someone who
 * becomes high risk while a period runs (the rules, an age, a tier set by hand) is owed its visit too: a period showed
 * 0/0 visited while a high-risk person was on the roster (found from outside). Returns how many it opened.
 */
export async function openPeriodWindows(tx: Tx, tenantId: string, residentId: string, periods: readonly { id: string; kind: string; firstDay: string; lastDay: string }[], versions: RuleVersion[], now: Date): Promise<number> {
  let opened = 0;
  for (const p of periods) {
    const inForce = rulesOnDay(versions, p.firstDay);
    const id = await openCareWindow(
      tx,
      { tenantId, residentId, tier: 'high', reason: p.kind as WindowReason, ...daysWindow(p.firstDay, p.lastDay), countsKinds: inForce.rules.policies.high.contactKinds, periodId: p.id, ruleSetId: inForce.id, dueSoonDays: inForce.rules.dueSoonDays },
      now,
    );
    if (id) opened++;
  }
  return opened;
}

/**
 * Whether `userId` was the person's responsible grid worker when a record was made on their phone at `madeAt` and
 * the person was handed over from them since (decision 078): a care_handovers row from them, written after `madeAt`,
 * naming the person. Such a record (a visit, a need, an edit queued offline before the hand-over) is the worker's
 * own work of the time they were responsible: it is taken from them, never refused as "another grid's person".
 */
export async function handedOverSince(tx: Tx, tenantId: string, residentId: string, userId: string, madeAt: Date): Promise<boolean> {
  const [row] = await tx
    .select({ id: careHandovers.id })
    .from(careHandovers)
    .where(
      and(
        eq(careHandovers.tenantId, tenantId),
        eq(careHandovers.fromUserId, userId),
        gt(careHandovers.createdAt, madeAt),
        sql`${careHandovers.people} @> ${JSON.stringify([{ residentId }])}::jsonb`,
      ),
    )
    .limit(1);
  return Boolean(row);
}

/**
 * The person's register row when `userId` may still send a record made at `madeAt` for them although the person is
 * no longer theirs to see (handedOverSince), else null.
 */
export async function heldBefore(tx: Tx, tenantId: string, residentId: string, userId: string, madeAt: Date, lock = false) {
  if (!(await handedOverSince(tx, tenantId, residentId, userId, madeAt))) return null;
  const q = tx.select().from(residents).where(and(eq(residents.tenantId, tenantId), eq(residents.id, residentId))).limit(1);
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

const RANK: Record<CareTier, number> = { regular: 1, priority: 2, high: 3 };
/** A tier's rank (none 0, regular 1, priority 2, high 3): a change to a lower rank is a downgrade. */
export const tierRank = (tier: CareTier | null) => (tier ? RANK[tier] : 0);

/**
 * Closes the windows of a person that only their former, higher tier owed and that have not ended (decision 078): the
 * routine windows of that tier, and — no longer high risk — the weather and festival windows. Returns what it closed.
 */
export async function releaseHigherTierWindows(tx: Tx, tenantId: string, residentId: string, from: CareTier, to: CareTier | null, now: Date) {
  const open = await tx
    .select({ id: careWindows.id, tier: careWindows.tier, reason: careWindows.reason, opensAt: careWindows.opensAt, closesAt: careWindows.closesAt })
    .from(careWindows)
    .where(and(eq(careWindows.tenantId, tenantId), eq(careWindows.residentId, residentId), isNull(careWindows.visitId), gt(careWindows.closesAt, now)))
    .for('update');
  const owedNoMore = open.filter((w) => (w.reason === 'routine' && w.tier === from && w.tier !== to) || ((w.reason === 'weather' || w.reason === 'festival') && to !== 'high'));
  if (!owedNoMore.length) return [];
  for (const w of owedNoMore) await settleDeadlines(tx, { tenantId, type: CARE_WINDOW_SUBJECT, id: w.id }, ['visit'], 'cancelled', now);
  await tx.delete(careWindows).where(and(eq(careWindows.tenantId, tenantId), inArray(careWindows.id, owedNoMore.map((w) => w.id))));
  return owedNoMore.map((w) => ({ reason: w.reason, tier: w.tier, opensAt: w.opensAt.toISOString(), closesAt: w.closesAt.toISOString(), why: `tier ${from} → ${to ?? 'none'}` }));
}
