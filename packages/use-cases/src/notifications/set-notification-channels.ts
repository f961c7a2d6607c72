import { NOTIFICATION_CHANNELS } from '@shequ/domain';
import { notificationSettings, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { forgetCommunityFacts } from '../deadlines/policy.ts';
import { UseCaseError } from '../errors.ts';

/**
 * Which outside channels the caller receives (the in-app bell is always on): input `channels`, each one of
 * NOTIFICATION_CHANNELS. Output: the channels saved, without repeats. Refuses: notify.channel.invalid.
 */
export async function setNotificationChannels(tx: Tx, { actor }: StaffCaller, input: { channels: string[] }) {
  const { channels } = input;
  if (!channels.every((c) => (NOTIFICATION_CHANNELS as readonly string[]).includes(c))) throw new UseCaseError('notify.channel.invalid');
  const unique = [...new Set(channels)];
  await tx
    .insert(notificationSettings)
    .values({ userId: actor.userId, channels: unique })
    .onConflictDoUpdate({ target: notificationSettings.userId, set: { channels: unique, updatedAt: new Date() } });
  // Intake reads grid workers' email destinations from a cache (deadlines/policy.ts): this process sees the change now.
  forgetCommunityFacts();
  return unique;
}
