import { desc, eq } from 'drizzle-orm';
import { consultationDecisions, type Tx } from '@shequ/db';
import type { Caller } from '../caller.ts';
import { itemsOf, progressOf } from './decision-rows.ts';
import { effectiveStatus } from './effective-status.ts';

/** The community's published decisions, newest first, for its public page (no personal data). */
export async function listPublicDecisions(tx: Tx, _caller: Caller, input: { tenantId: string; now?: Date }) {
  const now = input.now ?? new Date();
  const rows = await tx.select().from(consultationDecisions).where(eq(consultationDecisions.tenantId, input.tenantId)).orderBy(desc(consultationDecisions.publishedAt)).limit(200);
  const items = await itemsOf(tx, input.tenantId, rows.map((r) => r.id));
  return rows.map((d) => ({ token: d.publicToken, title: d.title, status: effectiveStatus(d, now), publishedAt: d.publishedAt, progress: progressOf(items.filter((i) => i.decisionId === d.id)) }));
}
