import { and, asc, eq } from 'drizzle-orm';
import { careRuleSets, residentTags, type Tx } from '@shequ/db';
import { type CareRules } from '@shequ/domain';
import { isCalendarDay, isDayNear } from '@shequ/domain';
import { assertCan, subject } from '@shequ/permissions';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { type Problem, UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { CARE_SCHEDULE_AHEAD_DAYS, careCommunityOf, chinaToday } from './care-core.ts';
import { refreshCareRoster } from './refresh-care-roster.ts';
import { type SaveCareRulesFields, saveCareRulesSchema } from './schemas.ts';

/**
 * A new version of the community's care rules (tier rules from tags and age; each tier's visit frequency and the
 * kinds of contact that count; the "due soon" span), in force from `effectiveFrom` (a China-time date, today or
 * later) until a later version. Versions are kept as written, so an audit shows which rule applied on a given day;
 * windows opened before the date keep the rule they opened with; a version from today applies to the roster at once
 * (refreshCareRoster). Local tiers: POLICY.md "Visiting care".
 *
 * Rules name only tags of the community's register (its active tags): a rule naming another (重病 where the list has
 * none) would put nobody on the roster and say nothing (outside trial, decision 073).
 *
 * Input: `{ effectiveFrom: 'YYYY-MM-DD', rules: CareRules, note?, rows? }` (rows: the page's row of each rule), `now`.
 * Output: `{ id }`.
 * Refuses: care.effectiveFrom.past (a day before today: the past is not rewritten); care.day.far (more than a year
 * ahead: a typing slip, not a plan); care.period.invalid (not a calendar day of 1900–2100); care.rules.taken (a version
 * already starts that day); care.rules.invalid; care.rules.unknownTag (one per rule naming tags the register lacks:
 * `rule` its number, `tags` those tags, `known` some the register has, `field` rule{row}Any / rule{row}All);
 * forbidden (manage CareRoster: office and 社工).
 */
export async function saveCareRules(tx: Tx, caller: StaffCaller, input: SaveCareRulesFields & { now?: Date }) {
  const tenantId = careCommunityOf(caller);
  assertCan(caller.ability, 'manage', subject('CareRoster', { tenantId }));
  const parsed = parseInput(saveCareRulesSchema, input);
  const now = input.now ?? new Date();
  if (!isCalendarDay(parsed.effectiveFrom)) throw new UseCaseError('care.period.invalid', { field: 'effectiveFrom' });
  if (parsed.effectiveFrom < chinaToday(now)) throw new UseCaseError('care.effectiveFrom.past', { field: 'effectiveFrom' });
  if (!isDayNear(parsed.effectiveFrom, chinaToday(now), { back: 0, ahead: CARE_SCHEDULE_AHEAD_DAYS })) throw new UseCaseError('care.day.far', { field: 'effectiveFrom', days: CARE_SCHEDULE_AHEAD_DAYS });
  const unknown = await unknownTagProblems(tx, tenantId, parsed.rules, parsed.rows);
  const refused = UseCaseError.of(unknown);
  if (refused) throw refused;
  const [row] = await tx
    .insert(careRuleSets)
    .values({ tenantId, effectiveFrom: parsed.effectiveFrom, rules: parsed.rules, note: parsed.note ?? null, createdBy: caller.actor.userId, createdAt: now })
    .onConflictDoNothing()
    .returning({ id: careRuleSets.id });
  if (!row) throw new UseCaseError('care.rules.taken', { field: 'effectiveFrom' });
  // In force from today: every tier follows now, not at the next sweep (decision 070); a later date is the sweep's.
  if (parsed.effectiveFrom === chinaToday(now)) await refreshCareRoster(tx, tenantId, now);
  await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'care_rules_saved', subjectType: 'CareRoster', subjectId: row.id, detail: { effectiveFrom: parsed.effectiveFrom } });
  return { id: row.id };
}

/** Each rule's tags that are not active tags of the community's register, as refusals beside the rule's row. */
async function unknownTagProblems(tx: Tx, tenantId: string, rules: CareRules, rows: readonly number[] | undefined): Promise<Problem[]> {
  const list = await tx.select({ name: residentTags.name }).from(residentTags).where(and(eq(residentTags.tenantId, tenantId), eq(residentTags.active, true))).orderBy(asc(residentTags.sortOrder));
  const known = new Set(list.map((t) => t.name));
  const some = list.slice(0, 6).map((t) => t.name).join('、');
  const problems: Problem[] = [];
  rules.rules.forEach((rule, i) => {
    const row = rows?.[i] ?? i;
    for (const [key, tags] of [['Any', rule.tagsAny], ['All', rule.tagsAll]] as const) {
      const missing = (tags ?? []).filter((t) => !known.has(t));
      if (missing.length) problems.push({ code: 'care.rules.unknownTag', params: { field: `rule${row}${key}`, rule: row + 1, tags: missing.join('、'), known: some } });
    }
  });
  return problems;
}
