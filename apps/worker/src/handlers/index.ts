import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import { JOBS } from '@shequ/jobs';
import { and, eq } from 'drizzle-orm';
import { orgUnits, withoutTenant, withTenant, type Db } from '@shequ/db';
import { closeUnratedCases, type PersonalDataCipher, purgeExpiredSessions, runOnboardingImport } from '@shequ/use-cases';

export type HandlerContext = { db: Db; log: Logger; cipher: PersonalDataCipher };
type Handler = (job: Job, ctx: HandlerContext) => Promise<unknown>;

/** Job name → handler. Each handler validates its payload and calls one use case. */
export const HANDLERS: Record<string, Handler> = {
  [JOBS.purgeExpiredSessions.name]: async (job, { db }) => {
    JOBS.purgeExpiredSessions.payload.parse(job.data ?? {});
    return withoutTenant(db, (tx) => purgeExpiredSessions(tx));
  },
  // A sweep across tenants without bypassing RLS: list active communities from the hierarchy, then work inside
  // each one's own tenant context. A failure in one community does not stop the others.
  [JOBS.closeUnratedCases.name]: async (job, { db, log }) => {
    JOBS.closeUnratedCases.payload.parse(job.data ?? {});
    const communities = await withoutTenant(db, (tx) =>
      tx.select({ id: orgUnits.id }).from(orgUnits).where(and(eq(orgUnits.kind, 'community'), eq(orgUnits.status, 'active'))),
    );
    let closed = 0;
    let failed = 0;
    for (const { id } of communities) {
      try {
        closed += (await withTenant(db, id, (tx) => closeUnratedCases(tx, id))).closed;
      } catch (err) {
        failed++;
        log.error({ err, tenantId: id }, 'closing unrated cases failed for a community');
      }
    }
    if (failed) throw new Error(`${failed} communities failed; will retry`);
    return { communities: communities.length, closed };
  },
  // Bulk onboarding: resumable row by row (see runOnboardingImport), so a retry after a crash finishes the file.
  [JOBS.importCommunities.name]: async (job, { db, cipher }) => {
    const { importId } = JOBS.importCommunities.payload.parse(job.data ?? {});
    return runOnboardingImport(db, cipher, importId);
  },
};
