import { and, count, eq, isNull } from 'drizzle-orm';
import { notifications, type Queryable } from '@shequ/db';
import { aboutPlaceInReach } from './in-reach.ts';

/**
 * The bell's number in the app shell: a user's unread notifications (every query of the bell is by the signed-in
 * user's id). Takes the user's id, not a caller: the shell counts for the session's user in any workspace.
 */
export async function unreadNotificationCount(q: Queryable, userId: string): Promise<number> {
  const [row] = await q.select({ n: count() }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt), aboutPlaceInReach(userId)));
  return row?.n ?? 0;
}
