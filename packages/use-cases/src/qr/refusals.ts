import { defineRefusals } from '../refusal.ts';

/** Refusals of the QR codes (replacing one). */
export const QR_REFUSALS = defineRefusals({
  notFound: ['qr.notFound'],
});
