import { and, eq, isNull } from 'drizzle-orm';
import { checkWorkingHours } from '@shequ/domain';
import { slaPolicies, type Tx } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { type Problem, UseCaseError } from '../errors.ts';
import { namedEntries } from '../zod.ts';
import { SLA_REMINDERS_MAX } from './sla-settings.schema.ts';
import { forgetPolicyCaches } from './policy.ts';

export type SlaFields = {
  acceptHours: number | null;
  resolveDays: number | null;
  streetDays: number | null;
  departmentDays: number | null;
  reminderFractions: number[] | null;
  workStartMinute: number | null;
  workEndMinute: number | null;
};

const within = (v: number | null, min: number, max: number) => v === null || (Number.isInteger(v) && v >= min && v <= max);

/**
 * Sets (or clears, when every field is empty) a district's defaults or a community's own time limits, generally or
 * for one category. Working hours are a district's alone. New deadlines use them at once (caches are dropped
 * here; other processes within a minute); running deadlines keep the time they were given. Input: the unit
 * (`orgUnitId`, its `kind`), `categoryName` (null: the general row) and the fields (empty: inherit). Output:
 * `{ cleared }`. Refuses: ForbiddenError unless the caller manages the unit's time limits; every problem of the input at
 * once (UseCaseError.all), each beside its field: sla.category.invalid, sla.acceptHours.invalid,
 * sla.resolveDays/streetDays/departmentDays.invalid, sla.reminderFractions.invalid (`entries`: the wrong ones, as
 * percentages), sla.reminderFractions.tooMany (`count`), sla.hours.districtOnly, sla.hours.invalid.
 */
export async function saveSlaPolicy(tx: Tx, { ability }: StaffCaller, input: { orgUnitId: string; kind: 'district' | 'community'; categoryName: string | null } & Partial<SlaFields>) {
  const given = {
    ...input,
    acceptHours: input.acceptHours ?? null,
    resolveDays: input.resolveDays ?? null,
    streetDays: input.streetDays ?? null,
    departmentDays: input.departmentDays ?? null,
    reminderFractions: input.reminderFractions ?? null,
    workStartMinute: input.workStartMinute ?? null,
    workEndMinute: input.workEndMinute ?? null,
  };
  assertCan(ability, 'manage', subject('SlaPolicy', { orgUnitId: given.orgUnitId }));
  const categoryName = given.categoryName?.trim() || null;
  const problems: Problem[] = [];
  if (categoryName && Array.from(categoryName).length > 40) problems.push({ code: 'sla.category.invalid', params: { field: 'categoryName' } });
  if (!within(given.acceptHours, 1, 200)) problems.push({ code: 'sla.acceptHours.invalid', params: { field: 'acceptHours' } });
  for (const key of ['resolveDays', 'streetDays', 'departmentDays'] as const) if (!within(given[key], 1, 60)) problems.push({ code: `sla.${key}.invalid`, params: { field: key } });
  const fractions = given.reminderFractions;
  // The wrong ones named as percentages, as they were typed (0.5 → 50).
  const wrong = (fractions ?? []).filter((f) => !(f > 0 && f < 1)).map((f) => String(Math.round(f * 10_000) / 100));
  if (wrong.length) problems.push({ code: 'sla.reminderFractions.invalid', params: { field: 'reminderFractions', entries: namedEntries(wrong) } });
  else if (fractions && fractions.length > SLA_REMINDERS_MAX) problems.push({ code: 'sla.reminderFractions.tooMany', params: { field: 'reminderFractions', count: fractions.length } });
  const hoursGiven = given.workStartMinute !== null || given.workEndMinute !== null;
  if (hoursGiven && (given.kind !== 'district' || categoryName)) problems.push({ code: 'sla.hours.districtOnly', params: { field: 'workStartMinute' } });
  else if (hoursGiven && !(given.workStartMinute !== null && given.workEndMinute !== null && checkWorkingHours({ startMinute: given.workStartMinute, endMinute: given.workEndMinute }))) {
    problems.push({ code: 'sla.hours.invalid', params: { field: 'workStartMinute' } });
  }
  const refused = UseCaseError.of(problems);
  if (refused) throw refused;
  const where = and(eq(slaPolicies.orgUnitId, given.orgUnitId), categoryName ? eq(slaPolicies.categoryName, categoryName) : isNull(slaPolicies.categoryName));
  const values = {
    acceptHours: given.acceptHours,
    resolveDays: given.resolveDays,
    streetDays: given.streetDays,
    departmentDays: given.departmentDays,
    reminderFractions: fractions,
    workStartMinute: given.workStartMinute,
    workEndMinute: given.workEndMinute,
  };
  const empty = Object.values(values).every((v) => v === null);
  await tx.delete(slaPolicies).where(where);
  if (!empty) await tx.insert(slaPolicies).values({ orgUnitId: given.orgUnitId, categoryName, ...values });
  forgetPolicyCaches();
  return { cleared: empty };
}
