import { and, eq } from 'drizzle-orm';
import { actionItems, actionItemUpdates, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { consultationScope } from './shared.ts';

/**
 * A progress update's photo, for staff of the community (the decision's page shows it). Caller: who reads the
 * committee's work. Input: `{ decisionId, updateId }` (the update must be of an action item of that decision: the
 * address names both). Output: `{ storageKey, mime }`. Refuses: consultation.notFound (no such update of this
 * decision in this community, or no photo); forbidden.
 */
export async function getActionProgressPhoto(tx: Tx, caller: StaffCaller, input: { decisionId: string; updateId: string }) {
  const tenantId = consultationScope(caller, 'read');
  const [row] = await tx
    .select({ key: actionItemUpdates.photoKey })
    .from(actionItemUpdates)
    .innerJoin(actionItems, and(eq(actionItems.tenantId, actionItemUpdates.tenantId), eq(actionItems.id, actionItemUpdates.actionItemId)))
    .where(and(eq(actionItemUpdates.tenantId, tenantId), eq(actionItemUpdates.id, input.updateId), eq(actionItems.decisionId, input.decisionId)));
  if (!row?.key) throw new UseCaseError('consultation.notFound');
  const ext = row.key.slice(row.key.lastIndexOf('.') + 1);
  return { storageKey: row.key, mime: ext === 'jpg' ? 'image/jpeg' : `image/${ext}` };
}
