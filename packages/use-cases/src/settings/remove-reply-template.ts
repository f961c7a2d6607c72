import { and, eq } from 'drizzle-orm';
import { replyTemplates, type Tx } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';

/**
 * Removes one of the community's reply templates: input `tenantId`, `templateId`. Refuses: ForbiddenError unless the
 * caller manages the community's settings; settings.notFound for another community's (or an unknown) id.
 */
export async function removeReplyTemplate(tx: Tx, { ability }: StaffCaller, input: { tenantId: string; templateId: string }) {
  const { tenantId, templateId } = input;
  assertCan(ability, 'manage', subject('Settings', { tenantId }));
  const removed = await tx.delete(replyTemplates).where(and(eq(replyTemplates.tenantId, tenantId), eq(replyTemplates.id, templateId))).returning({ id: replyTemplates.id });
  if (removed.length === 0) throw new UseCaseError('settings.notFound');
}
