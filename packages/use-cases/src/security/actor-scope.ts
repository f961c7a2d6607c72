import { SYSTEM_SCOPES, type Scope } from '@shequ/db';
import type { Actor } from '@shequ/permissions';

/**
 * The scope a signed-in actor's transactions declare (decision 019), from their active workspace:
 * - community staff: their community (`tenantId`) and themselves;
 * - street, district and department officers: their unit (`unitIds`) and themselves;
 * - platform operators: themselves only. Their maintenance pages enter `operatorMaintenance(reason)` explicitly.
 * The ability (CASL) still decides what they may do; the scope decides which rows PostgreSQL lets them touch.
 */
export function actorScope(actor: Actor): Scope {
  const { workspace, userId } = actor;
  if (workspace.tenantId) return { tenantId: workspace.tenantId, userId };
  if (workspace.orgUnitId) return { unitIds: [workspace.orgUnitId], userId };
  return { userId };
}

/**
 * Onboarding a community (the wizard and the bulk import): an operator in the maintenance scope, a district officer
 * in their own (what they may onboard is checked by the use case, and their unit's policies bind what it writes).
 */
export function onboardingScope(actor: Actor): Scope {
  return actor.workspace.role === 'platform_operator' ? operatorMaintenance(actor, 'onboarding') : actorScope(actor);
}

/** An operator's maintenance (onboarding, imports, calendars, hierarchy, community status): the named system scope, with the page or action as its reason. */
export function operatorMaintenance(actor: Actor, reason: string): Scope {
  return { userId: actor.userId, system: SYSTEM_SCOPES.maintenance, reason };
}
