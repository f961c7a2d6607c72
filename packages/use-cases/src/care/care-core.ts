import { and, asc, eq, sql } from 'drizzle-orm';
import { careRecipients, careRuleSets, careWindows, type Tx } from '@shequ/db';
import { type CareRules, type CareTier, chinaDate, chinaDateTime, DEFAULT_CARE_RULES, dueSoonAt, versionInForce, type WindowReason } from '@shequ/domain';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { startSubjectDeadline } from '../deadlines/store.ts';

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

/** A China-time moment for messages: 2026-12-01 09:30. */
export const chinaMinute = (d: Date) => chinaDateTime(d).slice(0, 16);

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
 * "due soon" reminder `dueSoonDays` before it. Returns the new window's id, or null when it existed already.
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
    })
    .onConflictDoNothing()
    .returning({ id: careWindows.id });
  if (!row) return null;
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

/** The recipient row of a person (locked when asked), or null when they are not on the roster. */
export async function recipientRow(tx: Tx, tenantId: string, residentId: string, lock = false) {
  const q = tx.select().from(careRecipients).where(and(eq(careRecipients.tenantId, tenantId), eq(careRecipients.residentId, residentId)));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

/** Today in China. */
export const chinaToday = (now: Date) => chinaDate(now);

/** Text of a SQL array of strings for `= any(...)`. */
export const textArray = (values: string[]) => sql`${`{${values.map((v) => `"${v.replace(/"/g, '')}"`).join(',')}}`}::text[]`;
