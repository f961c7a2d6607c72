import { desc, eq } from 'drizzle-orm';
import { consultationDecisions, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { consultationScope } from './shared.ts';
import { itemsOf, progressOf } from './decision-rows.ts';
import { effectiveStatus } from './effective-status.ts';

/** The community's decisions for staff, newest first, with status and progress. */
export async function listDecisions(tx: Tx, caller: StaffCaller, input: { now?: Date } = {}) {
  const tenantId = consultationScope(caller, 'read');
  const now = input.now ?? new Date();
  const rows = await tx.select().from(consultationDecisions).where(eq(consultationDecisions.tenantId, tenantId)).orderBy(desc(consultationDecisions.publishedAt)).limit(500);
  const items = await itemsOf(tx, tenantId, rows.map((r) => r.id));
  return rows.map((d) => {
    const mine = items.filter((i) => i.decisionId === d.id);
    return { id: d.id, token: d.publicToken, title: d.title, status: effectiveStatus(d, now), publishedAt: d.publishedAt, progress: progressOf(mine), items: mine.length, overdue: mine.filter((i) => i.overdueAt && !i.completedAt).length };
  });
}
