import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import { JOBS } from '@shequ/jobs';
import { withoutTenant, type Db } from '@shequ/db';
import { purgeExpiredSessions } from '@shequ/use-cases';

export type HandlerContext = { db: Db; log: Logger };
type Handler = (job: Job, ctx: HandlerContext) => Promise<unknown>;

/** Job name → handler. Each handler validates its payload and calls one use case. */
export const HANDLERS: Record<string, Handler> = {
  [JOBS.purgeExpiredSessions.name]: async (job, { db }) => {
    JOBS.purgeExpiredSessions.payload.parse(job.data ?? {});
    return withoutTenant(db, (tx) => purgeExpiredSessions(tx));
  },
};
