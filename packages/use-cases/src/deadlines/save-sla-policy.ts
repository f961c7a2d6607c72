import { and, eq, isNull } from 'drizzle-orm';
import { checkWorkingHours } from '@shequ/domain';
import { slaPolicies, type Tx } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
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
 * `{ cleared }`. Refuses: ForbiddenError unless the caller manages the unit's time limits; sla.category.invalid,
 * sla.acceptHours.invalid, sla.resolveDays/streetDays/departmentDays.invalid, sla.reminderFractions.invalid,
 * sla.hours.districtOnly, sla.hours.invalid.
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
  if (categoryName && Array.from(categoryName).length > 40) throw new UseCaseError('sla.category.invalid', { field: 'categoryName' });
  if (!within(given.acceptHours, 1, 200)) throw new UseCaseError('sla.acceptHours.invalid', { field: 'acceptHours' });
  for (const key of ['resolveDays', 'streetDays', 'departmentDays'] as const) if (!within(given[key], 1, 60)) throw new UseCaseError(`sla.${key}.invalid`, { field: key });
  const fractions = given.reminderFractions;
  if (fractions && (fractions.length > 3 || fractions.some((f) => !(f > 0 && f < 1)))) throw new UseCaseError('sla.reminderFractions.invalid', { field: 'reminderFractions' });
  const hoursGiven = given.workStartMinute !== null || given.workEndMinute !== null;
  if (hoursGiven && (given.kind !== 'district' || categoryName)) throw new UseCaseError('sla.hours.districtOnly', { field: 'workStartMinute' });
  if (hoursGiven && !(given.workStartMinute !== null && given.workEndMinute !== null && checkWorkingHours({ startMinute: given.workStartMinute, endMinute: given.workEndMinute }))) {
    throw new UseCaseError('sla.hours.invalid', { field: 'workStartMinute' });
  }
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
