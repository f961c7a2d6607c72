import { eq } from 'drizzle-orm';
import { careRuleSets, type Tx, users } from '@shequ/db';
import { type CareRules, isCalendarDay } from '@shequ/domain';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { careCommunityOf, careRuleVersions, chinaToday, rulesOnDay } from './care-core.ts';

export type CareRuleVersionRow = { id: string | null; effectiveFrom: string | null; rules: CareRules; note: string | null; savedBy: string | null; savedAt: Date | null; inForce: boolean; upcoming: boolean };

/**
 * Every version of the community's care rules (issue 20, decision 039), newest first, for the rules page: its
 * effective date (null: the defaults, in force from the beginning until the community's first version), who saved it
 * and when, its rules, and which one is in force today (China time) — so anyone who reads the roster can see which
 * rule applied on a given day. `onDay` (YYYY-MM-DD) names the version in force that day too.
 *
 * Input: `{ now?, onDay? }`. Output: `{ today, versions, current: CareRules, onDay: { day, id } | null }`.
 * Refuses: forbidden (read CareRoster).
 */
export async function listCareRules(tx: Tx, caller: StaffCaller, input: { now?: Date; onDay?: string | null } = {}) {
  const tenantId = careCommunityOf(caller);
  assertCan(caller.ability, 'read', subject('CareRoster', { tenantId }));
  const today = chinaToday(input.now ?? new Date());
  const versions = await careRuleVersions(tx, tenantId);
  const savers = await tx.select({ id: careRuleSets.id, name: users.displayName }).from(careRuleSets).leftJoin(users, eq(users.id, careRuleSets.createdBy)).where(eq(careRuleSets.tenantId, tenantId));
  const saverOf = new Map(savers.map((s) => [s.id, s.name]));
  const inForce = rulesOnDay(versions, today);
  const rows: CareRuleVersionRow[] = versions
    .map((v) => ({
      id: v.id,
      effectiveFrom: v.id === null ? null : v.effectiveFrom,
      rules: v.rules,
      note: v.note,
      savedBy: v.id === null ? null : (saverOf.get(v.id) ?? null),
      savedAt: v.createdAt,
      inForce: v === inForce,
      upcoming: v.effectiveFrom > today,
    }))
    .reverse();
  const onDay = input.onDay && isCalendarDay(input.onDay) ? { day: input.onDay, id: rulesOnDay(versions, input.onDay).id } : null;
  return { today, versions: rows, current: inForce.rules, onDay };
}
