import { z } from '../zod.ts';

/** Sending a failed message again (retryFailedMessage): which one; an unknown id is a 404. */
export const retryMessageSchema = z.object({ id: z.string().default('') });
