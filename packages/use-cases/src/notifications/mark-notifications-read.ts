import { and, eq, isNull } from 'drizzle-orm';
import { notifications, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';

/** Marks every unread notification of the caller read (全部已读), at `now`. */
export async function markNotificationsRead(tx: Tx, { actor }: StaffCaller, _input = {}, now = new Date()) {
  await tx.update(notifications).set({ readAt: now }).where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)));
}
