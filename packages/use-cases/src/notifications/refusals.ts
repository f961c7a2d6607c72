import { defineRefusals } from '../refusal.ts';

/** Refusals of notification settings and the outbox. */
export const NOTIFICATION_REFUSALS = defineRefusals({
  invalid: ['notify.channel.invalid'],
  notFound: ['outbox.notFound'],
});
