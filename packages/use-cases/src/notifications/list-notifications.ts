import { and, desc, eq } from 'drizzle-orm';
import { notifications, orgUnits, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { aboutPlaceInReach } from './in-reach.ts';

/**
 * The caller's latest notifications (the bell's page), newest first, up to `limit` (50): kind, what they concern
 * (community; `caseId` when the subject is a case, else `subjectType`/`subjectId`), render data, and whether read.
 * Only the caller's own, about places they work in or above today (aboutPlaceInReach).
 */
export async function listNotifications(tx: Tx, { actor }: StaffCaller, input: { limit?: number } = {}) {
  const rows = await tx
    .select({ id: notifications.id, kind: notifications.kind, subjectType: notifications.subjectType, subjectId: notifications.subjectId, communityId: notifications.communityId, community: orgUnits.name, data: notifications.data, createdAt: notifications.createdAt, readAt: notifications.readAt })
    .from(notifications)
    .leftJoin(orgUnits, eq(orgUnits.id, notifications.communityId))
    .where(and(eq(notifications.userId, actor.userId), aboutPlaceInReach(actor.userId)))
    .orderBy(desc(notifications.createdAt))
    .limit(input.limit ?? 50);
  return rows.map((r) => ({ ...r, caseId: r.subjectType === 'case' ? r.subjectId : null }));
}
