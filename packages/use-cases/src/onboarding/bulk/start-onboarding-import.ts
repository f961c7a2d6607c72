import { and, eq } from 'drizzle-orm';
import { type Db, onboardingImports, type Scope, SYSTEM_SCOPES, withScope } from '@shequ/db';
import type { StaffCaller } from '../../caller.ts';
import { UseCaseError } from '../../errors.ts';
import { summariseImportRows } from './check-onboarding-file.ts';
import { loadOnboardingImport } from './load-onboarding-import.ts';
import { queueOnboardingImport } from './queue-onboarding-import.ts';

/**
 * Starts a checked import: `checked` → `queued` in PostgreSQL first (a second click finds it queued and does
 * nothing), then `enqueue` asks the worker. If the queue cannot be reached the import goes back to `checked`, so
 * the button works again later. Takes `db` (two transactions: the state change must be committed before the worker
 * reads it). Refuses: 'bulkImport.notFound' (not the caller's), 'bulkImport.nothingToImport' (no valid row),
 * 'bulkImport.queueDown' (the queue did not answer); ForbiddenError unless the caller may onboard.
 */
export async function startOnboardingImport(db: Db, caller: StaffCaller, input: { importId: string; enqueue: (payload: { importId: string }) => Promise<unknown> }) {
  // The import's rows are read and changed in the maintenance scope the import itself runs in (queueOnboardingImport);
  // loadOnboardingImport still lets only the operator or the officer who uploaded it through.
  const scope: Scope = { system: SYSTEM_SCOPES.maintenance, reason: 'onboarding import', userId: caller.actor.userId };
  const job = await withScope(db, scope, (tx) => loadOnboardingImport(tx, caller, { importId: input.importId }));
  const summary = summariseImportRows(job.rows);
  if (summary.toCreate + summary.existing === 0) throw new UseCaseError('bulkImport.nothingToImport');
  if (!(await queueOnboardingImport(db, job.id))) return { queued: false };
  try {
    await input.enqueue({ importId: job.id });
  } catch {
    await withScope(db, scope, (tx) => tx.update(onboardingImports).set({ status: 'checked' }).where(and(eq(onboardingImports.id, job.id), eq(onboardingImports.status, 'queued'))));
    throw new UseCaseError('bulkImport.queueDown');
  }
  return { queued: true };
}
