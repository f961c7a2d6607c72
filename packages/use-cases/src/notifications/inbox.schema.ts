import { z } from '../zod.ts';

/**
 * The bell page's two forms: the channels a person wants beyond the app (setNotificationChannels checks each name),
 * or marking everything read (markNotificationsRead; also what a post without an intent does).
 */
export const notificationsFormSchema = z.object({
  intent: z.enum(['channels', 'read']).default('read'),
  channels: z.array(z.string()).default([]),
});
