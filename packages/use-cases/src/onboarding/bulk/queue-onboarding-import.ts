import { and, eq } from 'drizzle-orm';
import { type Db, onboardingImports, withScope } from '@shequ/db';
import { IMPORT_SCOPE } from './import-scope.ts';

/**
 * Queues a checked import: only from `checked`, so a double click cannot start it twice. A building block of
 * startOnboardingImport (not exported from the package root).
 */
export async function queueOnboardingImport(db: Db, importId: string) {
  return withScope(db, IMPORT_SCOPE, async (tx) => {
    const [row] = await tx
      .update(onboardingImports)
      .set({ status: 'queued' })
      .where(and(eq(onboardingImports.id, importId), eq(onboardingImports.status, 'checked')))
      .returning({ id: onboardingImports.id });
    return Boolean(row);
  });
}
