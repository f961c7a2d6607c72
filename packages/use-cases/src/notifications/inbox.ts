import { and, count, desc, eq, isNull } from 'drizzle-orm';
import { NOTIFICATION_CHANNELS } from '@shequ/domain';
import { notifications, notificationSettings, orgUnits, type Queryable, type Tx } from '@shequ/db';
import { forgetCommunityFacts } from '../deadlines/policy.ts';
import { UseCaseError } from '../errors.ts';

// The bell: a user's own notifications only (every query is by the signed-in user's id).

export async function unreadNotificationCount(q: Queryable, userId: string): Promise<number> {
  const [row] = await q.select({ n: count() }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/**
 * A user's latest notifications, newest first: kind, what they concern (community; `caseId` when the subject is a
 * case, else `subjectType`/`subjectId`), render data, and whether read.
 */
export async function listNotifications(tx: Tx, userId: string, limit = 50) {
  const rows = await tx
    .select({ id: notifications.id, kind: notifications.kind, subjectType: notifications.subjectType, subjectId: notifications.subjectId, communityId: notifications.communityId, community: orgUnits.name, data: notifications.data, createdAt: notifications.createdAt, readAt: notifications.readAt })
    .from(notifications)
    .leftJoin(orgUnits, eq(orgUnits.id, notifications.communityId))
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt))
    .limit(limit);
  return rows.map((r) => ({ ...r, caseId: r.subjectType === 'case' ? r.subjectId : null }));
}

export async function markNotificationsRead(tx: Tx, userId: string, now = new Date()) {
  await tx.update(notifications).set({ readAt: now }).where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
}

export async function notificationChannels(q: Queryable, userId: string): Promise<string[]> {
  const [row] = await q.select({ channels: notificationSettings.channels }).from(notificationSettings).where(eq(notificationSettings.userId, userId));
  return row?.channels ?? ['email'];
}

/** Which outside channels a user receives (the in-app bell is always on). */
export async function setNotificationChannels(tx: Tx, userId: string, channels: string[]) {
  if (!channels.every((c) => (NOTIFICATION_CHANNELS as readonly string[]).includes(c))) throw new UseCaseError('notify.channel.invalid');
  const unique = [...new Set(channels)];
  await tx
    .insert(notificationSettings)
    .values({ userId, channels: unique })
    .onConflictDoUpdate({ target: notificationSettings.userId, set: { channels: unique, updatedAt: new Date() } });
  // Intake reads grid workers' email destinations from a cache (deadlines/policy.ts): this process sees the change now.
  forgetCommunityFacts();
  return unique;
}
