import { and, eq, lt, sql } from 'drizzle-orm';
import { cases, communitySettings, type Tx } from '@shequ/db';
import type { Caller } from '../caller.ts';
import { transitionCase } from './transition-case.ts';

/**
 * Closes, as "unrated", the resolved cases of one community that waited longer than its setting (default 7 days)
 * for a rating (500 at most a run). Caller: the system (`anonymousCaller()`). Input: `{ tenantId }`; run by the worker
 * inside the community's tenant context. Output: `{ closed }`. Running it twice closes nothing twice.
 */
export async function closeUnratedCases(tx: Tx, _caller: Caller, input: { tenantId: string }, now = new Date()) {
  const { tenantId } = input;
  const [settings] = await tx.select({ days: communitySettings.unratedCloseDays }).from(communitySettings).where(eq(communitySettings.tenantId, tenantId));
  const days = settings?.days ?? 7;
  const cutoff = new Date(now.getTime() - days * 24 * 3600 * 1000);
  const due = await tx
    .select({ id: cases.id })
    .from(cases)
    .where(and(eq(cases.tenantId, tenantId), eq(cases.status, 'resolved'), lt(cases.resolvedAt, cutoff)))
    .orderBy(sql`${cases.resolvedAt}`)
    .limit(500);
  for (const { id } of due) {
    await transitionCase(tx, {
      tenantId,
      caseId: id,
      action: 'closeUnrated',
      actor: { kind: 'system' },
      patch: () => ({ closedAt: now, closeKind: 'unrated' }),
      event: { public: true, data: { afterDays: days } },
      now,
    });
  }
  return { closed: due.length };
}
