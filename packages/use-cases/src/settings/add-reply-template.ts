import { cleanText } from '@shequ/domain';
import { replyTemplates, type Tx } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';

/**
 * Adds a reply template to the community: input `tenantId`, `title` (up to 40 characters, unique in the community)
 * and `body` (up to 2000). Output: the template row. Refuses: ForbiddenError unless the caller manages the
 * community's settings; settings.templateTitle.invalid, settings.templateBody.invalid, settings.templateTitle.taken.
 */
export async function addReplyTemplate(tx: Tx, { ability }: StaffCaller, input: { tenantId: string; title: string; body: string }) {
  const { tenantId } = input;
  assertCan(ability, 'manage', subject('Settings', { tenantId }));
  const title = cleanText(input.title ?? '');
  const body = cleanText(input.body ?? '');
  if (!title || Array.from(title).length > 40) throw new UseCaseError('settings.templateTitle.invalid', { field: 'title' });
  if (!body || Array.from(body).length > 2000) throw new UseCaseError('settings.templateBody.invalid', { field: 'body' });
  const inserted = await tx.insert(replyTemplates).values({ tenantId, title, body }).onConflictDoNothing().returning();
  if (!inserted[0]) throw new UseCaseError('settings.templateTitle.taken', { field: 'title' });
  return inserted[0];
}
