import { and, eq, gte, lte, sql } from 'drizzle-orm';
import { carePeriods, careRecipients, type Tx } from '@shequ/db';
import { daysWindow, isCalendarDay, isDayNear } from '@shequ/domain';
import { assertCan, subject } from '@shequ/permissions';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { CARE_PERIOD_MAX_DAYS, CARE_SCHEDULE_AHEAD_DAYS, careCommunityOf, careRuleVersions, chinaToday, effectiveTier, openCareWindow, rulesOnDay } from './care-core.ts';
import { type DeclareCarePeriodFields, declareCarePeriodSchema } from './schemas.ts';

/**
 * Staff declare a period of extreme weather or a festival: every high-risk recipient gets one more visit, due
 * between the period's first day and the end of its last day (China time). POLICY.md "Visiting care": more visits
 * in extreme weather and at festivals (Qinghai 2022). The kinds of contact that count are the high tier's.
 *
 * Input: `{ kind: 'weather'|'festival', name, firstDay, lastDay, clientId? }`, `now`. `clientId`, drawn by the page,
 * is the period's id: the same form posted again declares nothing more (`repeated`; decision 078).
 * Output: `{ periodId, windows, repeated }`.
 * Refuses: care.period.invalid (a day that is not a calendar day of 1900–2100 — 2026-02-30, 0001-01-01 —, last
 * before first, or already over); care.day.far (starting more than a year ahead); care.period.tooLong (longer than
 * CARE_PERIOD_MAX_DAYS); care.kind.invalid; care.period.overlaps (a day in common with a period of the same kind
 * already declared — the same cold wave declared twice owed every high-risk person two visits for one event; the
 * message names the other period, which may be withdrawn first: withdrawCarePeriod; decision 070);
 * forbidden (manage CareRoster).
 */
export async function declareCarePeriod(tx: Tx, caller: StaffCaller, input: DeclareCarePeriodFields & { now?: Date }) {
  const tenantId = careCommunityOf(caller);
  assertCan(caller.ability, 'manage', subject('CareRoster', { tenantId }));
  const parsed = parseInput(declareCarePeriodSchema, input);
  const now = input.now ?? new Date();
  if (!isCalendarDay(parsed.firstDay)) throw new UseCaseError('care.period.invalid', { field: 'firstDay' });
  if (!isCalendarDay(parsed.lastDay)) throw new UseCaseError('care.period.invalid', { field: 'lastDay' });
  const span = daysWindow(parsed.firstDay, parsed.lastDay);
  if (span.closesAt <= now) throw new UseCaseError('care.period.invalid', { field: 'lastDay' });
  if (!isDayNear(parsed.firstDay, chinaToday(now), { back: CARE_PERIOD_MAX_DAYS, ahead: CARE_SCHEDULE_AHEAD_DAYS })) throw new UseCaseError('care.day.far', { field: 'firstDay', days: CARE_SCHEDULE_AHEAD_DAYS });
  const days = Math.round((span.closesAt.getTime() - span.opensAt.getTime()) / 86_400_000);
  if (days > CARE_PERIOD_MAX_DAYS) throw new UseCaseError('care.period.tooLong', { field: 'lastDay', max: CARE_PERIOD_MAX_DAYS });
  // One declaration at a time per community, so two at once cannot both miss each other's overlap.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${tenantId}:care_periods`}, 0))`);
  if (parsed.clientId) {
    // The same form posted again (decision 078): the period first declared, nothing more — not an "overlaps" refusal.
    const [earlier] = await tx.select({ id: carePeriods.id }).from(carePeriods).where(and(eq(carePeriods.tenantId, tenantId), eq(carePeriods.id, parsed.clientId)));
    if (earlier) return { periodId: earlier.id, windows: 0, repeated: true };
  }
  const [clash] = await tx
    .select({ name: carePeriods.name, firstDay: carePeriods.firstDay, lastDay: carePeriods.lastDay })
    .from(carePeriods)
    .where(and(eq(carePeriods.tenantId, tenantId), eq(carePeriods.kind, parsed.kind), lte(carePeriods.firstDay, parsed.lastDay), gte(carePeriods.lastDay, parsed.firstDay)))
    .orderBy(carePeriods.firstDay)
    .limit(1);
  if (clash) throw new UseCaseError('care.period.overlaps', { field: 'firstDay', name: clash.name, from: clash.firstDay, to: clash.lastDay });
  const [period] = await tx
    .insert(carePeriods)
    .values({ tenantId, ...(parsed.clientId ? { id: parsed.clientId } : {}), kind: parsed.kind, name: parsed.name, firstDay: parsed.firstDay, lastDay: parsed.lastDay, createdBy: caller.actor.userId, createdAt: now })
    .returning({ id: carePeriods.id });
  const inForce = rulesOnDay(await careRuleVersions(tx, tenantId), parsed.firstDay);
  const roster = await tx.select().from(careRecipients).where(and(eq(careRecipients.tenantId, tenantId), eq(careRecipients.active, true)));
  let windows = 0;
  for (const r of roster) {
    if (effectiveTier(r) !== 'high') continue;
    const opened = await openCareWindow(
      tx,
      { tenantId, residentId: r.residentId, tier: 'high', reason: parsed.kind, ...span, countsKinds: inForce.rules.policies.high.contactKinds, periodId: period!.id, ruleSetId: inForce.id, dueSoonDays: inForce.rules.dueSoonDays },
      now,
    );
    if (opened) windows++;
  }
  await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'care_period_declared', subjectType: 'CareRoster', subjectId: period!.id, detail: { kind: parsed.kind, name: parsed.name, windows } });
  return { periodId: period!.id, windows, repeated: false };
}
