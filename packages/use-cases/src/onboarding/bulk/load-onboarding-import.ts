import { eq } from 'drizzle-orm';
import { onboardingImports, type Tx } from '@shequ/db';
import { assertCan } from '@shequ/permissions';
import type { StaffCaller } from '../../caller.ts';
import { UseCaseError } from '../../errors.ts';

/**
 * One bulk onboarding import (its checked rows and outcomes): input `importId`. Refuses: ForbiddenError unless the
 * caller may onboard; bulkImport.notFound (unknown, or another officer's: only operators see every import).
 */
export async function loadOnboardingImport(tx: Tx, { actor, ability }: StaffCaller, input: { importId: string }) {
  assertCan(ability, 'onboard', 'Community');
  const [row] = await tx.select().from(onboardingImports).where(eq(onboardingImports.id, input.importId));
  // An officer sees their own imports only; operators see every import.
  if (!row || (actor.workspace.role !== 'platform_operator' && row.createdBy !== actor.userId)) throw new UseCaseError('bulkImport.notFound');
  return row;
}
