import { desc, eq } from 'drizzle-orm';
import { onboardingImports, type Tx } from '@shequ/db';
import { assertCan } from '@shequ/permissions';
import type { StaffCaller } from '../../caller.ts';

/**
 * The 20 newest bulk onboarding files: an operator sees everyone's, a district officer their own (the same rule as
 * loadOnboardingImport). Refuses: ForbiddenError unless the caller may onboard communities.
 */
export async function listOnboardingImports(tx: Tx, { actor, ability }: StaffCaller, _input: Record<string, never> = {}) {
  assertCan(ability, 'onboard', 'Community');
  return tx
    .select({ id: onboardingImports.id, fileName: onboardingImports.fileName, status: onboardingImports.status, total: onboardingImports.total, createdAt: onboardingImports.createdAt })
    .from(onboardingImports)
    .where(actor.workspace.role === 'platform_operator' ? undefined : eq(onboardingImports.createdBy, actor.userId))
    .orderBy(desc(onboardingImports.createdAt))
    .limit(20);
}
