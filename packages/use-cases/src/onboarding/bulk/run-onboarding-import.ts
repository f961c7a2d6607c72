import { and, eq, inArray, sql } from 'drizzle-orm';
import { type Db, enterScope, type ImportOutcome, onboardingImports, orgUnits, users, withScope } from '@shequ/db';
import { defineAbilityFor, ForbiddenError } from '@shequ/permissions';
import { listWorkspaces } from '../../auth/workspaces.ts';
import type { Caller } from '../../caller.ts';
import { UseCaseError } from '../../errors.ts';
import type { PersonalDataCipher } from '../../security/personal-data.ts';
import { onboardCommunity } from '../onboard-community.ts';
import { IMPORT_SCOPE } from './import-scope.ts';

/**
 * Imports the checked rows of a bulk onboarding file, one community per transaction. Each row's outcome is written
 * in the same transaction as the community it creates, so a worker that dies mid-file resumes where it stopped and
 * never creates a row twice; a row whose code is already on the platform is skipped ("exists"). The actor's rights
 * are read again now (a revoked operator's import stops). Invitation links are sealed with the personal-data key.
 * A worker's job (the caller is the system; the import runs with the rights of whoever uploaded it). Input:
 * `importId` and the personal-data `cipher`; `now` is the clock read for each row.
 */
export async function runOnboardingImport(db: Db, _caller: Caller, input: { importId: string; cipher: PersonalDataCipher }, now = () => new Date()) {
  const { importId, cipher } = input;
  const job = await withScope(db, IMPORT_SCOPE, async (tx) => {
    const [row] = await tx
      .update(onboardingImports)
      .set({ status: 'running' })
      .where(and(eq(onboardingImports.id, importId), inArray(onboardingImports.status, ['queued', 'running'])))
      .returning();
    return row;
  });
  if (!job) return { skipped: true as const };

  const actor = await withScope(db, IMPORT_SCOPE, async (tx) => {
    const [user] = await tx.select({ id: users.id, displayName: users.displayName }).from(users).where(eq(users.id, job.createdBy));
    const workspaces = user ? await listWorkspaces(tx, user.id) : [];
    const workspace = workspaces.find((w) => (job.scopeDistrictId ? w.role === 'district_officer' && w.orgUnitId === job.scopeDistrictId : w.role === 'platform_operator'));
    return user && workspace ? { userId: user.id, displayName: user.displayName, workspace } : null;
  });
  if (!actor) {
    await withScope(db, IMPORT_SCOPE, (tx) => tx.update(onboardingImports).set({ status: 'failed', finishedAt: now() }).where(eq(onboardingImports.id, importId)));
    return { skipped: false as const, failed: true as const };
  }
  const ability = defineAbilityFor(actor);
  const done = new Set(job.outcomes.map((o) => o.line));

  for (const row of job.rows) {
    if (row.errors.length || done.has(row.line)) continue;
    await withScope(db, IMPORT_SCOPE, async (tx) => {
      let outcome: ImportOutcome;
      const [existing] = await tx.select({ id: orgUnits.id, slug: orgUnits.slug }).from(orgUnits).where(eq(orgUnits.adminCode, row.adminCode));
      if (existing) outcome = { line: row.line, result: 'exists', communityId: existing.id, slug: existing.slug ?? undefined };
      else {
        try {
          // A savepoint: a refused row rolls back alone and the outcome below still commits.
          const created = await tx.transaction((inner) =>
            onboardCommunity(inner, { actor, ability }, { streetId: row.streetId!, name: row.community, adminCode: row.adminCode, slug: row.slug!, adminName: row.adminName, adminMobile: row.adminMobile }, now()),
          );
          outcome = {
            line: row.line,
            result: 'created',
            communityId: created.communityId,
            slug: created.slug,
            invitation: cipher.encrypt(created.invitationToken),
            invitationExpiresAt: created.invitationExpiresAt.toISOString(),
          };
        } catch (error) {
          if (!(error instanceof UseCaseError) && !(error instanceof ForbiddenError)) throw error;
          outcome = { line: row.line, result: 'failed', error: error instanceof UseCaseError ? error.code : 'forbidden' };
        }
      }
      // onboardCommunity entered the new community's scope; the import's own row is maintenance again.
      await enterScope(tx, IMPORT_SCOPE);
      await tx
        .update(onboardingImports)
        .set({ outcomes: sql`${onboardingImports.outcomes} || ${JSON.stringify([outcome])}::jsonb`, processed: sql`${onboardingImports.processed} + 1` })
        .where(eq(onboardingImports.id, importId));
    });
  }
  await withScope(db, IMPORT_SCOPE, (tx) => tx.update(onboardingImports).set({ status: 'done', finishedAt: now() }).where(eq(onboardingImports.id, importId)));
  return { skipped: false as const, failed: false as const };
}
