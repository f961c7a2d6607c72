import { eq } from 'drizzle-orm';
import { notificationSettings, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';

/** Which outside channels the caller receives (email unless they chose otherwise; the in-app bell is always on). */
export async function notificationChannels(tx: Tx, { actor }: StaffCaller): Promise<string[]> {
  const [row] = await tx.select({ channels: notificationSettings.channels }).from(notificationSettings).where(eq(notificationSettings.userId, actor.userId));
  return row?.channels ?? ['email'];
}
