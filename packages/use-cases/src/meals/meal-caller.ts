import type { AppAbility } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';

/**
 * A resident acting for themselves or, as family, for a parent (the resident's own page, "我的"): no staff actor,
 * the register person they are, in their community. Staff act through StaffCaller.
 */
export type MealResidentCaller = { actor: null; ability: AppAbility; resident: { tenantId: string; residentId: string } };
export type MealCaller = StaffCaller | MealResidentCaller;
