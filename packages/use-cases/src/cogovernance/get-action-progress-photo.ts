import { and, eq } from 'drizzle-orm';
import { actionItemUpdates, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { consultationScope } from './shared.ts';

/**
 * A progress update's photo, for staff of the community (the decision's page shows it). Caller: who reads the
 * committee's work. Input: `updateId`. Output: `{ storageKey, mime }`. Refuses: consultation.notFound (no such
 * update of this community, or no photo); forbidden.
 */
export async function getActionProgressPhoto(tx: Tx, caller: StaffCaller, input: { updateId: string }) {
  const tenantId = consultationScope(caller, 'read');
  const [row] = await tx.select({ key: actionItemUpdates.photoKey }).from(actionItemUpdates).where(and(eq(actionItemUpdates.tenantId, tenantId), eq(actionItemUpdates.id, input.updateId)));
  if (!row?.key) throw new UseCaseError('consultation.notFound');
  const ext = row.key.slice(row.key.lastIndexOf('.') + 1);
  return { storageKey: row.key, mime: ext === 'jpg' ? 'image/jpeg' : `image/${ext}` };
}
