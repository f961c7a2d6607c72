import { asc, eq } from 'drizzle-orm';
import { replyTemplates, type Tx } from '@shequ/db';
import type { Caller } from '../caller.ts';

/**
 * The community's reusable public replies (by title), for the case page's reply box and the settings page. Inside
 * the community's tenant transaction; input: `tenantId`. Staff read templates; admins manage them (addReplyTemplate).
 */
export function listReplyTemplates(tx: Tx, _caller: Caller, input: { tenantId: string }) {
  return tx.select({ id: replyTemplates.id, title: replyTemplates.title, body: replyTemplates.body }).from(replyTemplates).where(eq(replyTemplates.tenantId, input.tenantId)).orderBy(asc(replyTemplates.title));
}
