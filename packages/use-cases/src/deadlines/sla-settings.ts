import { and, asc, eq, isNull } from 'drizzle-orm';
import { checkWorkingHours, resolveSla, type SlaPolicy } from '@shequ/domain';
import { orgUnits, slaPolicies, type Tx } from '@shequ/db';
import { type AppAbility, assertCan, subject } from '@shequ/permissions';
import { UseCaseError } from '../errors.ts';
import { forgetPolicyCaches, slaOverrideOf } from './policy.ts';

export type SlaFields = {
  acceptHours: number | null;
  resolveDays: number | null;
  streetDays: number | null;
  departmentDays: number | null;
  reminderFractions: number[] | null;
  workStartMinute: number | null;
  workEndMinute: number | null;
};

/** The rows set on an org unit: the general one first, then per category. Empty fields inherit. */
export async function listSlaPolicies(tx: Tx, ability: AppAbility, orgUnitId: string) {
  assertCan(ability, 'manage', subject('SlaPolicy', { orgUnitId }));
  return tx.select().from(slaPolicies).where(eq(slaPolicies.orgUnitId, orgUnitId)).orderBy(asc(slaPolicies.categoryName));
}

/**
 * What each row of an org unit's time-limit page inherits: the values in force where its fields are left empty.
 * For a district: the platform defaults (DEFAULT_SLA), and for a category row the district's general row on top.
 * For a community: the district's general row over the defaults, and for a category row the district's row for
 * that category and the community's own general row on top (the order slaPolicy applies them in).
 * Output: one entry for the general row (categoryName null) and one per name in `categoryNames`, each a complete
 * SlaPolicy (hours in working hours, days in working days, working hours in minutes after midnight).
 */
export async function inheritedSlaPolicies(tx: Tx, ability: AppAbility, orgUnitId: string, categoryNames: readonly string[]) {
  assertCan(ability, 'manage', subject('SlaPolicy', { orgUnitId }));
  const [unit] = await tx.select({ kind: orgUnits.kind, districtId: orgUnits.districtId }).from(orgUnits).where(eq(orgUnits.id, orgUnitId));
  const aboveId = unit?.kind === 'community' ? unit.districtId : null;
  const above = aboveId ? await tx.select().from(slaPolicies).where(eq(slaPolicies.orgUnitId, aboveId)) : [];
  const own = await tx.select().from(slaPolicies).where(eq(slaPolicies.orgUnitId, orgUnitId));
  const general = (rows: typeof own) => rows.filter((r) => r.categoryName === null).map(slaOverrideOf);
  const named = (rows: typeof own, name: string) => rows.filter((r) => r.categoryName === name).map(slaOverrideOf);
  const result: { categoryName: string | null; policy: SlaPolicy }[] = [{ categoryName: null, policy: resolveSla(general(above)) }];
  for (const name of new Set(categoryNames)) result.push({ categoryName: name, policy: resolveSla([...general(above), ...named(above, name), ...general(own)]) });
  return result;
}

const within = (v: number | null, min: number, max: number) => v === null || (Number.isInteger(v) && v >= min && v <= max);

/**
 * Sets (or clears, when every field is empty) a district's defaults or a community's own time limits, generally or
 * for one category. Working hours are a district's alone. New deadlines use them at once (caches are dropped
 * here; other processes within a minute); running deadlines keep the time they were given.
 */
export async function saveSlaPolicy(tx: Tx, ability: AppAbility, given: { orgUnitId: string; kind: 'district' | 'community'; categoryName: string | null } & Partial<SlaFields>) {
  const input = {
    ...given,
    acceptHours: given.acceptHours ?? null,
    resolveDays: given.resolveDays ?? null,
    streetDays: given.streetDays ?? null,
    departmentDays: given.departmentDays ?? null,
    reminderFractions: given.reminderFractions ?? null,
    workStartMinute: given.workStartMinute ?? null,
    workEndMinute: given.workEndMinute ?? null,
  };
  assertCan(ability, 'manage', subject('SlaPolicy', { orgUnitId: input.orgUnitId }));
  const categoryName = input.categoryName?.trim() || null;
  if (categoryName && Array.from(categoryName).length > 40) throw new UseCaseError('sla.category.invalid', { field: 'categoryName' });
  if (!within(input.acceptHours, 1, 200)) throw new UseCaseError('sla.acceptHours.invalid', { field: 'acceptHours' });
  for (const key of ['resolveDays', 'streetDays', 'departmentDays'] as const) if (!within(input[key], 1, 60)) throw new UseCaseError(`sla.${key}.invalid`, { field: key });
  const fractions = input.reminderFractions;
  if (fractions && (fractions.length > 3 || fractions.some((f) => !(f > 0 && f < 1)))) throw new UseCaseError('sla.reminderFractions.invalid', { field: 'reminderFractions' });
  const hoursGiven = input.workStartMinute !== null || input.workEndMinute !== null;
  if (hoursGiven && (input.kind !== 'district' || categoryName)) throw new UseCaseError('sla.hours.districtOnly', { field: 'workStartMinute' });
  if (hoursGiven && !(input.workStartMinute !== null && input.workEndMinute !== null && checkWorkingHours({ startMinute: input.workStartMinute, endMinute: input.workEndMinute }))) {
    throw new UseCaseError('sla.hours.invalid', { field: 'workStartMinute' });
  }
  const where = and(eq(slaPolicies.orgUnitId, input.orgUnitId), categoryName ? eq(slaPolicies.categoryName, categoryName) : isNull(slaPolicies.categoryName));
  const values = {
    acceptHours: input.acceptHours,
    resolveDays: input.resolveDays,
    streetDays: input.streetDays,
    departmentDays: input.departmentDays,
    reminderFractions: fractions,
    workStartMinute: input.workStartMinute,
    workEndMinute: input.workEndMinute,
  };
  const empty = Object.values(values).every((v) => v === null);
  await tx.delete(slaPolicies).where(where);
  if (!empty) await tx.insert(slaPolicies).values({ orgUnitId: input.orgUnitId, categoryName, ...values });
  forgetPolicyCaches();
  return { cleared: empty };
}
