import { normalizeTrackingCode } from '@shequ/domain';
import { z } from '../zod.ts';

const length = (s: string) => Array.from(s.trim()).length;
const text = (max: number, required: string, tooLong: string) =>
  z
    .string({ required_error: required })
    .refine((v) => v.trim().length > 0, required)
    .refine((v) => length(v) <= max, tooLong);

/** The tracking-code lookup: what a resident typed, as long as it reads as a code. */
export const trackLookupSchema = z.object({
  code: z
    .string({ required_error: 'resident.trackNotFound' })
    .max(40, 'resident.trackNotFound')
    .refine((v) => normalizeTrackingCode(v) !== null, 'resident.trackNotFound'),
});

/** What a resident does on their case's page (rateCase, supplyResidentInfo, reopenCase), by the form's intent. */
export const residentCaseActionSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('rate'),
    rating: z.number({ required_error: 'resident.errors.rating', invalid_type_error: 'resident.errors.rating' }).int('resident.errors.rating').min(1, 'resident.errors.rating').max(5, 'resident.errors.rating'),
    comment: z.string().optional(),
  }),
  z.object({ intent: z.literal('supply'), text: text(1000, 'cases.errors.supply.required', 'cases.errors.supply.tooLong') }),
  z.object({ intent: z.literal('reopen'), reason: text(500, 'cases.errors.reopenReason.required', 'cases.errors.reopenReason.tooLong') }),
]);
